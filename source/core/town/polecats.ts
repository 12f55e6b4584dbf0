// Polecats: worker agents, one per task, each in its own worktree
// <rig>/polecats/<name> on branch polecat/<name>/<bead>. Names come from the rig's
// name pool; a polecat with nothing on its hook and a clean worktree is reused.
import {existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {branchExists, deleteBranch} from '../git/branch.js';
import {runGit} from '../git/client.js';
import {worktreeStatus} from '../git/status.js';
import {addWorktree, pruneWorktrees, removeWorktree} from '../git/worktree.js';
import {conflict, failure, usageError} from '../base/errors.js';
import {nameProblem, reservedWorkerNames} from '../base/names.js';
import {rigLayout} from '../base/paths.js';
import {readRigConfig} from './rig-config.js';
import {defaultNamepool} from './rig-naming.js';
import {polecatRef, type AgentRef} from '../agents/address.js';
import {lastOutputLine, runWorktreeSetup, setupLogFile, worktreeSetupFor} from './worktree-setup.js';

export const polecatBranch = (name: string, bead: string) => `polecat/${name}/${bead}`;

/** Names of the rig's existing polecats (their directories). */
export function polecatNames(townRoot: string, rig: string): string[] {
	const dir = rigLayout(townRoot, rig).polecats;
	if (!existsSync(dir)) return [];
	return readdirSync(dir).filter(name => !name.startsWith('.') && statSync(`${dir}/${name}`).isDirectory()).sort();
}

/**
 * The rig's polecat names: [namepool] names in rig.toml, else the default pool. Each
 * becomes a directory, a branch and an address, so each is checked as it is read
 * (base/names, the rule `gt` applies to every name it is given).
 */
export function namePool(townRoot: string, rig: string): string[] {
	const names = readRigConfig(townRoot, rig).namepool?.names;
	if (!Array.isArray(names) || names.length === 0) return [...defaultNamepool];
	return names.map(value => {
		const name = String(value);
		const problem = nameProblem(name) ?? (reservedWorkerNames.has(name) ? 'is reserved for a role' : undefined);
		if (problem) {
			throw usageError(`${rigLayout(townRoot, rig).config}: [namepool] name ${JSON.stringify(name)} is not a valid polecat name: it ${problem}`, 'fix or remove it there: letters, digits, "_" and "-" only');
		}
		return name;
	});
}

export type PreparedPolecat = {
	readonly ref: AgentRef;
	readonly branch: string;
	/** A new worktree was made (false: an idle polecat was reused). */
	readonly created: boolean;
	/** Puts the worktree and branches back as they were. */
	readonly undo: () => Promise<void>;
	/** `[worktree] setup` ran in it now (a new worktree, or its lock files changed). */
	readonly setupRan?: boolean;
};

/**
 * Runs the rig's worktree setup in a prepared polecat; a failure undoes the preparation (the
 * agent is never started) and says why, with the last line of output and where the rest is.
 */
async function withSetup(townRoot: string, rig: string, prepared: PreparedPolecat, env: Environment): Promise<PreparedPolecat> {
	const setup = worktreeSetupFor(townRoot, rig);
	if (setup.commands.length === 0) return prepared;
	const result = await runWorktreeSetup(prepared.ref.dir, setup, env.vars, env.now);
	if (!result.ran) return prepared;
	const log = setupLogFile(townRoot, rig, prepared.ref.name!);
	try {
		mkdirSync(path.dirname(log), {recursive: true});
		writeFileSync(log, result.output);
	} catch {}
	if (result.ok) return {...prepared, setupRan: true};
	await prepared.undo().catch(() => undefined);
	const last = lastOutputLine(result.output);
	throw failure(`worktree setup failed in ${prepared.ref.address}: ${result.error ?? 'setup failed'}${last ? `: ${last}` : ''}; its agent was not started`, `the output is in ${log}; fix [worktree] setup in ${rig}/rig.toml (or the project), then sling again`);
}

/**
 * A worktree ready for `bead`: the named polecat, else an idle one (nothing hooked,
 * clean worktree, not in `busy`), else a new name from the pool. An existing
 * polecat/<name>/<bead> branch (earlier work on the same bead) is checked out again.
 */
export async function preparePolecat(townRoot: string, rig: string, options: {bead: string; name?: string; busy: ReadonlySet<string>}, env: Environment): Promise<PreparedPolecat> {
	return withSetup(townRoot, rig, await prepareWorktree(townRoot, rig, options, env), env);
}

async function prepareWorktree(townRoot: string, rig: string, options: {bead: string; name?: string; busy: ReadonlySet<string>}, env: Environment): Promise<PreparedPolecat> {
	const layout = rigLayout(townRoot, rig);
	const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);
	const existing = polecatNames(townRoot, rig);

	let name = options.name;
	if (name && options.busy.has(name)) throw conflict(`polecat ${rig}/${name} is busy`, `sling to ${rig} to get a free polecat`);
	if (!name) {
		for (const candidate of existing) {
			if (options.busy.has(candidate)) continue;
			const status = await worktreeStatus(polecatRef(townRoot, rig, candidate).dir, defaultBranch, env.vars).catch(() => undefined);
			if (status && status.dirty.length === 0) {
				name = candidate;
				break;
			}
		}
	}
	if (!name) {
		const taken = new Set([...existing, ...options.busy]);
		name = namePool(townRoot, rig).find(candidate => !taken.has(candidate));
		for (let index = 1; !name; index++) if (!taken.has(`polecat${index}`)) name = `polecat${index}`;
	}

	const ref = polecatRef(townRoot, rig, name);
	const branch = polecatBranch(name, options.bead);
	const branchWasThere = await branchExists(layout.repo, branch, env.vars);
	if (existsSync(ref.dir)) {
		const status = await worktreeStatus(ref.dir, defaultBranch, env.vars);
		if (status.dirty.length > 0) throw conflict(`polecat ${ref.address} has uncommitted changes`, 'finish or clean that work first, or sling to the rig for another polecat');
		const previous = status.branch;
		await runGit(ref.dir, branchWasThere ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch, defaultBranch], env.vars, `switching ${ref.address} to ${branch}`);
		return {
			ref, branch, created: false,
			undo: async () => runUndoSteps([
				async () => (previous ? runGit(ref.dir, ['checkout', '--quiet', previous], env.vars, `switching ${ref.address} back to ${previous}`) : runGit(ref.dir, ['checkout', '--quiet', '--detach', defaultBranch], env.vars, `detaching ${ref.address}`)),
				async () => (branchWasThere ? undefined : deleteBranch(layout.repo, branch, env.vars, {force: true})),
			]),
		};
	}
	try {
		await addWorktree(layout.repo, ref.dir, branchWasThere ? {branch} : {newBranch: branch, from: defaultBranch}, env.vars);
	} catch (error) {
		rmSync(ref.dir, {recursive: true, force: true});
		await pruneWorktrees(layout.repo, env.vars).catch(() => undefined);
		throw error;
	}
	return {
		ref, branch, created: true,
		undo: async () => runUndoSteps([
			async () => removeWorktree(layout.repo, ref.dir, env.vars, {force: true}),
			async () => (branchWasThere ? undefined : deleteBranch(layout.repo, branch, env.vars, {force: true})),
		]),
	};
}

/** Runs every step even when one fails, then says what failed (an undo must not stop half way, nor hide why). */
async function runUndoSteps(steps: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
	const failures: string[] = [];
	for (const step of steps) {
		try {
			await step();
		} catch (error) {
			failures.push((error as Error).message);
		}
	}
	if (failures.length > 0) throw failure(`undo incomplete: ${failures.join('; ')}`, 'see `gt hooks repair --dry-run` for what is left');
}
