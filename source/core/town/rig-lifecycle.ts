// A rig's life: one project under management. `addRig` clones the project bare into
// <rig>/.repo.git, writes rig.toml, creates the rig's ledger and its route, and puts
// the refinery's worktree on the default branch. Every step is undone if a later
// one fails, so a failed add leaves no directory and no route behind.
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {validatePrefix} from '../beads/ids.js';
import {Ledger, ledgerFiles} from '../beads/ledger.js';
import {addRoute, prefixInUse, readRoutes, removeRoutesTo} from '../beads/routes.js';
import {writeTomlFile} from '../base/toml-file.js';
import type {Environment} from '../base/environment.js';
import {conflict, errnoCode, notFound, usageError} from '../base/errors.js';
import {bareClone} from '../git/clone.js';
import type {GitProgress} from '../git/client.js';
import {resolveDefaultBranch} from '../git/default-branch.js';
import {commitPaths, isRepoRoot} from '../git/repo.js';
import {hasUnsavedWork, worktreeStatus, type WorktreeStatus} from '../git/status.js';
import {addWorktree, listWorktrees} from '../git/worktree.js';
import {reservedRigNames, validateName} from '../base/names.js';
import {resolveFrom, rigConfigFile, rigLayout, townLayout} from '../base/paths.js';
import {defaultNamepool, derivePrefix} from './rig-naming.js';
import {readRigConfig, requireRig, rigConfigHeader, type RigConfig} from './rig-config.js';
import {referenceClone, resolveLocalRepo} from './rig-reference.js';

/** URLs git understands (scheme://… or scp-like user@host:path) pass through; anything else is a local path. */
export function resolveSource(source: string, env: Environment): {url: string; localPath?: string} {
	if (source.startsWith('-') || /^[a-z0-9+.-]+::/i.test(source)) {
		throw usageError(`"${source}" is not a git URL or path`, 'pass an https://, ssh://, file:// URL or a local path');
	}
	if (/^file:\/\//i.test(source)) {
		const localPath = fileURLToPath(source);
		if (!existsSync(localPath)) throw notFound(`${source} does not exist`, 'check the path');
		return {url: source, localPath};
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[^/\s]+@[^/\s:]+:/.test(source)) return {url: source};
	const localPath = resolveFrom(env, source);
	if (!existsSync(localPath)) throw notFound(`${localPath} does not exist`, 'pass a git URL or the path of a local repository');
	return {url: localPath, localPath};
}

export type AddRigOptions = {
	readonly name: string;
	/** A git URL or a local path (relative to env.cwd). */
	readonly source: string;
	readonly prefix?: string;
	readonly branch?: string;
	/** A clone on this machine whose objects the rig's clone borrows (--local-repo; relative to env.cwd). */
	readonly localRepo?: string;
	/** Aborting (Ctrl-C) stops the clone; the partial rig is removed. */
	readonly signal?: AbortSignal;
};

export type AddRigResult = {
	readonly name: string;
	readonly path: string;
	readonly prefix: string;
	readonly defaultBranch: string;
	readonly gitUrl: string;
	/** The --local-repo the objects came from. */
	readonly localRepo?: string;
	/** Short hash of the town commit, when the town is a git repository. */
	readonly commit?: string;
	/** Problems that did not stop the add (e.g. the town commit failed). */
	readonly warnings: readonly string[];
};

function checkNewRigName(townRoot: string, name: string): void {
	validateName('rig', name);
	if (reservedRigNames.has(name.toLowerCase())) {
		throw usageError(`"${name}" is a reserved name`, `pick another rig name (reserved: ${[...reservedRigNames].join(', ')})`);
	}
	if (existsSync(rigLayout(townRoot, name).config)) throw conflict(`rig "${name}" already exists`, 'pick another name, or `gt rig remove` it first');
	if (existsSync(path.join(townRoot, name))) throw conflict(`${path.join(townRoot, name)} already exists`, 'pick another rig name');
	if (readRoutes(townRoot).some(route => route.path === name)) {
		throw conflict(`routes.jsonl already routes to "${name}"`, 'pick another name, or remove that line from .beads/routes.jsonl');
	}
}

/** In a town that is a git repository: commit a rig's config, ledger and route; a failure is a warning (the rig works). */
export async function commitRigFiles(townRoot: string, name: string, message: string, env: Environment): Promise<{commit?: string; warnings: string[]}> {
	if (!(await isRepoRoot(townRoot, env.vars))) return {warnings: []};
	const files = [rigConfigFile, `.beads/${ledgerFiles.config}`, `.beads/${ledgerFiles.durable}`].map(file => `${name}/${file}`);
	try {
		return {commit: await commitPaths(townRoot, [...files, '.beads/routes.jsonl'], message, env.vars), warnings: []};
	} catch (error) {
		return {warnings: [`the rig works, but committing it to the town repository failed: ${(error as Error).message}`]};
	}
}

export function choosePrefix(townRoot: string, name: string, explicit?: string): string {
	if (explicit === undefined) return derivePrefix(name, candidate => Boolean(prefixInUse(townRoot, candidate)));
	const prefix = validatePrefix(explicit.replace(/-$/, ''));
	const used = prefixInUse(townRoot, prefix);
	if (used) throw conflict(`prefix "${prefix}" is already used by ${used.path === '.' ? 'the HQ ledger' : `rig ${used.path}`}`, 'choose another with --prefix');
	return prefix;
}

export async function addRig(townRoot: string, options: AddRigOptions, env: Environment, onProgress?: (event: GitProgress) => void): Promise<AddRigResult> {
	const {name} = options;
	checkNewRigName(townRoot, name);
	const source = resolveSource(options.source, env);
	const prefix = choosePrefix(townRoot, name, options.prefix);
	const localRepo = options.localRepo === undefined ? undefined : await resolveLocalRepo(options.localRepo, env);
	const layout = rigLayout(townRoot, name);

	try {
		// Not recursive: if another `rig add` created it a moment ago, this fails instead of sharing it.
		mkdirSync(layout.dir);
	} catch (error) {
		if (errnoCode(error) === 'EEXIST') throw conflict(`${layout.dir} already exists`, 'pick another rig name');
		throw error;
	}
	let routed = false;
	try {
		const clone = {vars: env.vars, onProgress, signal: options.signal};
		await (localRepo ? referenceClone(source.url, layout.repo, localRepo, clone) : bareClone(source.url, layout.repo, clone));
		const defaultBranch = await resolveDefaultBranch(layout.repo, options.source, env.vars, options.branch);
		const config: RigConfig = {
			git_url: source.url,
			default_branch: defaultBranch,
			prefix,
			created_at: env.now().toISOString(),
			merge_queue: {gates: []},
			namepool: {names: [...defaultNamepool]},
		};
		writeTomlFile(layout.config, config, rigConfigHeader);
		Ledger.init(layout.beads, prefix);
		await addRoute(townRoot, prefix, name);
		routed = true;
		// The refinery owns the default branch: it is checked out there and nowhere else
		// (git allows a branch in one worktree only), so crew and polecats work on their own branches.
		await addWorktree(layout.repo, layout.refinery, {branch: defaultBranch}, env.vars);
		for (const dir of [layout.crew, layout.polecats]) mkdirSync(dir, {recursive: true});

		const {commit, warnings} = await commitRigFiles(townRoot, name, `Add rig ${name}`, env);
		return {name, path: layout.dir, prefix, defaultBranch, gitUrl: source.url, ...(localRepo ? {localRepo} : {}), ...(commit ? {commit} : {}), warnings};
	} catch (error) {
		if (routed) await removeRoutesTo(townRoot, name);
		rmSync(layout.dir, {recursive: true, force: true});
		throw error;
	}
}

export type WorkerWork = {readonly worker: string; readonly path: string; readonly status?: WorktreeStatus; readonly problem?: string};

/** Crew and polecat worktrees of a rig with uncommitted files or unmerged commits. */
export async function unsavedWork(townRoot: string, rig: string, env: Environment): Promise<WorkerWork[]> {
	const layout = rigLayout(townRoot, rig);
	if (!existsSync(layout.repo)) return [];
	const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);
	const found: WorkerWork[] = [];
	for (const worktree of await listWorktrees(layout.repo, env.vars)) {
		const relative = path.relative(layout.dir, worktree.path);
		if (worktree.bare || !/^(crew|polecats)[\\/]/.test(relative) || !existsSync(worktree.path)) continue;
		const worker = relative.split(path.sep).join('/');
		try {
			const status = await worktreeStatus(worktree.path, defaultBranch, env.vars);
			if (hasUnsavedWork(status)) found.push({worker, path: worktree.path, status});
		} catch (error) {
			// Unreadable: we cannot promise that deleting it loses nothing.
			found.push({worker, path: worktree.path, problem: (error as Error).message});
		}
	}
	return found;
}

export function describeWork(work: WorkerWork): string {
	if (!work.status) return `${work.worker} (unreadable: ${work.problem ?? 'unknown problem'})`;
	const parts: string[] = [];
	const {dirty, unmerged} = work.status;
	if (dirty.length > 0) parts.push(`${dirty.length} uncommitted file${dirty.length === 1 ? '' : 's'}`);
	if (unmerged > 0) parts.push(`${unmerged} unmerged commit${unmerged === 1 ? '' : 's'}`);
	return `${work.worker} (${parts.join(', ')})`;
}

export type RemoveRigResult = {
	readonly name: string;
	/** Work that --force discarded. */
	readonly discarded: readonly string[];
	readonly commit?: string;
	readonly warnings: readonly string[];
};

/** Deletes the rig directory (clone, worktrees, ledger) and its route. */
export async function removeRig(townRoot: string, name: string, options: {force?: boolean}, env: Environment): Promise<RemoveRigResult> {
	requireRig(townRoot, name);
	const work = await unsavedWork(townRoot, name, env);
	if (work.length > 0 && !options.force) {
		throw conflict(`rig "${name}" has unsaved work: ${work.map(describeWork).join('; ')}`, 'commit and merge it, or pass --force to discard it');
	}
	// The worktrees' git metadata lives inside .repo.git, so deleting the rig directory unregisters them too.
	rmSync(rigLayout(townRoot, name).dir, {recursive: true, force: true});
	await removeRoutesTo(townRoot, name);

	const warnings: string[] = [];
	let commit: string | undefined;
	if (await isRepoRoot(townRoot, env.vars)) {
		try {
			commit = await commitPaths(townRoot, [name, path.relative(townRoot, townLayout(townRoot).routes)], `Remove rig ${name}`, env.vars);
		} catch (error) {
			warnings.push(`the rig is gone, but committing that to the town repository failed: ${(error as Error).message}`);
		}
	}
	return {name, discarded: work.map(describeWork), ...(commit ? {commit} : {}), warnings};
}
