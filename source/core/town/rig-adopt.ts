// `gt rig add <name> --adopt` (the original's): register a rig directory that is already in
// the town (moved or copied in, restored from a backup, or one that lost its rig.toml or
// its route) instead of cloning a new one. It must hold the rig's bare clone (.repo.git);
// what it lacks is made as `gt rig add` makes it (rig.toml, ledger, route, refinery
// worktree), what it has is kept, and only what this made is removed if a step fails.
import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {Ledger, ledgerFiles} from '../beads/ledger.js';
import {addRoute, readRoutes, removeRoutesTo} from '../beads/routes.js';
import {writeTomlFile} from '../base/toml-file.js';
import type {Environment} from '../base/environment.js';
import {conflict, notFound, usageError} from '../base/errors.js';
import {reservedRigNames, validateName} from '../base/names.js';
import {rigConfigFile, rigLayout} from '../base/paths.js';
import {gitSucceeds, runGit} from '../git/client.js';
import {resolveDefaultBranch} from '../git/default-branch.js';
import {commitPaths, isRepoRoot} from '../git/repo.js';
import {addWorktree} from '../git/worktree.js';
import {defaultNamepool} from './rig-naming.js';
import {readRigConfig, rigConfigHeader, type RigConfig} from './rig-config.js';
import {choosePrefix, commitRigFiles, type AddRigResult} from './rig-lifecycle.js';

export type AdoptRigOptions = {
	readonly name: string;
	/** The project's git URL, when its bare clone has no origin (or to replace it). */
	readonly url?: string;
	readonly prefix?: string;
	readonly branch?: string;
};

export type AdoptRigResult = AddRigResult & {
	/** What was there already and kept: rig.toml, the ledger, the refinery worktree. */
	readonly kept: readonly string[];
};

const adoptHint = 'gt rig add <name> --adopt registers <town>/<name> holding a rig\'s .repo.git; a new project is `gt rig add <name> <url-or-path>`';

async function checkAdoptable(townRoot: string, name: string, env: Environment): Promise<void> {
	validateName('rig', name);
	if (reservedRigNames.has(name.toLowerCase())) throw usageError(`"${name}" is a reserved name`, `pick another rig name (reserved: ${[...reservedRigNames].join(', ')})`);
	const layout = rigLayout(townRoot, name);
	if (!existsSync(layout.dir)) throw notFound(`${layout.dir} does not exist`, adoptHint);
	if (!statSync(layout.dir).isDirectory()) throw usageError(`${layout.dir} is not a directory`, adoptHint);
	if (existsSync(layout.config) && readRoutes(townRoot).some(route => route.path === name)) {
		throw conflict(`rig "${name}" is already registered`, '`gt rig list` shows it; nothing to adopt');
	}
	if (!existsSync(layout.repo)) {
		if (existsSync(path.join(layout.dir, '.git'))) {
			throw usageError(`${layout.dir} is a plain git clone, not a rig directory`, `move it out of the town and run \`gt rig add ${name} <its path>\` (or \`gt rig add ${name} <url> --local-repo <its path>\`)`);
		}
		throw usageError(`${layout.dir} holds no rig (no .repo.git)`, adoptHint);
	}
	if (!(await gitSucceeds(layout.repo, ['rev-parse', '--is-bare-repository'], env.vars))) throw usageError(`${layout.repo} is not a git repository`, adoptHint);
}

async function originOf(repo: string, env: Environment): Promise<string | undefined> {
	if (!(await gitSucceeds(repo, ['remote', 'get-url', 'origin'], env.vars))) return undefined;
	return (await runGit(repo, ['remote', 'get-url', 'origin'], env.vars)).trim() || undefined;
}

/** The worktrees a moved rig still has: git's links to them are repaired to the new place. */
function worktreeDirs(dir: string, refinery: string): string[] {
	const under = (parent: string) => {
		try {
			return readdirSync(parent).map(entry => path.join(parent, entry)).filter(entry => existsSync(path.join(entry, '.git')));
		} catch {
			return [];
		}
	};
	return [...(existsSync(path.join(refinery, '.git')) ? [refinery] : []), ...under(path.join(dir, 'crew')), ...under(path.join(dir, 'polecats'))];
}

export async function adoptRig(townRoot: string, options: AdoptRigOptions, env: Environment): Promise<AdoptRigResult> {
	const {name} = options;
	await checkAdoptable(townRoot, name, env);
	const layout = rigLayout(townRoot, name);
	const existing = existsSync(layout.config) ? readRigConfig(townRoot, name) : undefined;
	const ledgerPrefix = Ledger.exists(layout.beads) ? Ledger.open(layout.beads).prefix : undefined;
	const route = readRoutes(townRoot).find(each => each.path === name)?.prefix.replace(/-$/, '');
	const known = ledgerPrefix ?? route ?? (existing?.prefix || undefined);
	if (options.prefix !== undefined && known !== undefined && options.prefix.replace(/-$/, '') !== known) {
		throw conflict(`${name}'s ledger uses prefix "${known}", not "${options.prefix}"`, `drop --prefix: its beads are ${known}-…`);
	}
	// A route this directory already has is its own, not a collision.
	const prefix = route ?? choosePrefix(townRoot, name, options.prefix ?? known);
	const origin = await originOf(layout.repo, env);
	const url = options.url ?? origin ?? (existing?.git_url || undefined);
	if (!url) throw usageError(`${layout.repo} has no origin remote`, `give the project's URL: gt rig add ${name} --adopt --url <url>`);
	const defaultBranch = await resolveDefaultBranch(layout.repo, url, env.vars, options.branch ?? (existing?.default_branch || undefined));

	const kept = [...(existing ? [rigConfigFile] : []), ...(ledgerPrefix ? ['.beads'] : []), ...(existsSync(layout.refinery) ? ['refinery/rig'] : [])];
	const made: string[] = [];
	let routed = false;
	try {
		if (origin !== url) {
			await runGit(layout.repo, origin === undefined ? ['remote', 'add', 'origin', url] : ['remote', 'set-url', 'origin', url], env.vars);
			await runGit(layout.repo, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'], env.vars);
		}
		if (!existing) {
			const config: RigConfig = {git_url: url, default_branch: defaultBranch, prefix, created_at: env.now().toISOString(), merge_queue: {gates: []}, namepool: {names: [...defaultNamepool]}};
			writeTomlFile(layout.config, config, rigConfigHeader);
			made.push(layout.config);
		}
		if (!ledgerPrefix) {
			Ledger.init(layout.beads, prefix);
			made.push(layout.beads);
		}
		await addRoute(townRoot, prefix, name);
		routed = route === undefined;
		const moved = worktreeDirs(layout.dir, layout.refinery);
		if (moved.length > 0) await runGit(layout.repo, ['worktree', 'repair', ...moved], env.vars);
		if (!existsSync(layout.refinery)) {
			await addWorktree(layout.repo, layout.refinery, {branch: defaultBranch}, env.vars);
			made.push(path.dirname(layout.refinery));
		}
		for (const dir of [layout.crew, layout.polecats]) mkdirSync(dir, {recursive: true});
	} catch (error) {
		if (routed) await removeRoutesTo(townRoot, name);
		for (const item of made.reverse()) rmSync(item, {recursive: true, force: true});
		throw error;
	}
	const {commit, warnings} = await commitRigFiles(townRoot, name, `Adopt rig ${name}`, env);
	return {name, path: layout.dir, prefix, defaultBranch, gitUrl: url, kept, ...(commit ? {commit} : {}), warnings};
}
