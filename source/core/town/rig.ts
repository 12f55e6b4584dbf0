// Rigs: one project under management. `addRig` clones the project bare into
// <rig>/.repo.git, writes rig.toml, creates the rig's ledger and its route, and puts
// the refinery's worktree on the default branch. Every step is undone if a later
// one fails, so a failed add leaves no directory and no route behind.
import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {validatePrefix} from '../beads/ids.js';
import {Ledger, ledgerFiles} from '../beads/ledger.js';
import {addRoute, prefixInUse, readRoutes, removeRoutesTo} from '../beads/routes.js';
import {readTomlFile, writeTomlFile, type TomlTable} from '../base/toml-file.js';
import type {Environment} from '../base/environment.js';
import {conflict, errnoCode, notFound, usageError} from '../base/errors.js';
import {bareClone} from '../git/clone.js';
import type {GitProgress} from '../git/client.js';
import {resolveDefaultBranch} from '../git/default-branch.js';
import {commitPaths, isRepoRoot} from '../git/repo.js';
import {hasUnsavedWork, worktreeStatus, type WorktreeStatus} from '../git/status.js';
import {addWorktree, listWorktrees} from '../git/worktree.js';
import {reservedRigNames, validateName} from '../base/names.js';
import {resolveFrom, rigConfigFile, rigLayout, rigOfPath, townLayout} from '../base/paths.js';
import {defaultNamepool, derivePrefix} from './rig-naming.js';

export type RigConfig = TomlTable & {
	git_url: string;
	default_branch: string;
	prefix: string;
	created_at?: string;
	merge_queue?: {gates?: string[]; [key: string]: unknown};
	namepool?: {names?: string[]; [key: string]: unknown};
};

const rigConfigHeader = '# Gas Town rig configuration.';

export function readRigConfig(townRoot: string, rig: string): RigConfig {
	const table = readTomlFile(rigLayout(townRoot, rig).config);
	return {...table, git_url: String(table.git_url ?? ''), default_branch: String(table.default_branch ?? 'main'), prefix: String(table.prefix ?? '')} as RigConfig;
}

/** Rig names: directories of the town that hold rig.toml, sorted. */
export function rigNames(townRoot: string): string[] {
	let entries: string[];
	try {
		entries = readdirSync(townRoot);
	} catch {
		return [];
	}
	return entries.filter(entry => !entry.startsWith('.') && existsSync(path.join(townRoot, entry, rigConfigFile))).sort();
}

export function requireRig(townRoot: string, rig: string): string {
	if (rigNames(townRoot).includes(rig)) return rig;
	const names = rigNames(townRoot);
	throw notFound(`no rig "${rig}" in this town`, names.length > 0 ? `rigs: ${names.join(', ')}` : 'add one with `gt rig add <name> <url-or-path>`');
}

/** The rig a command acts on: --rig, else the rig the cwd is inside, else the only rig. */
export function selectRig(townRoot: string, env: Environment, explicit?: string): string {
	if (explicit !== undefined) return requireRig(townRoot, explicit);
	const here = rigOfPath(townRoot, env.cwd);
	if (here) return here;
	const names = rigNames(townRoot);
	if (names.length === 1) return names[0]!;
	if (names.length === 0) throw notFound('this town has no rigs', 'add one with `gt rig add <name> <url-or-path>`');
	throw usageError(`which rig? this town has ${names.join(', ')}`, 'pass --rig <rig>, or run from inside a rig');
}

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
	/** Aborting (Ctrl-C) stops the clone; the partial rig is removed. */
	readonly signal?: AbortSignal;
};

export type AddRigResult = {
	readonly name: string;
	readonly path: string;
	readonly prefix: string;
	readonly defaultBranch: string;
	readonly gitUrl: string;
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

function choosePrefix(townRoot: string, name: string, explicit?: string): string {
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
		await bareClone(source.url, layout.repo, {vars: env.vars, onProgress, signal: options.signal});
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

		const warnings: string[] = [];
		let commit: string | undefined;
		if (await isRepoRoot(townRoot, env.vars)) {
			const files = [rigConfigFile, `.beads/${ledgerFiles.config}`, `.beads/${ledgerFiles.durable}`].map(file => `${name}/${file}`);
			try {
				commit = await commitPaths(townRoot, [...files, '.beads/routes.jsonl'], `Add rig ${name}`, env.vars);
			} catch (error) {
				warnings.push(`the rig works, but committing it to the town repository failed: ${(error as Error).message}`);
			}
		}
		return {name, path: layout.dir, prefix, defaultBranch, gitUrl: source.url, ...(commit ? {commit} : {}), warnings};
	} catch (error) {
		if (routed) await removeRoutesTo(townRoot, name);
		rmSync(layout.dir, {recursive: true, force: true});
		throw error;
	}
}

export type RigSummary = {
	readonly name: string;
	readonly path: string;
	readonly prefix: string;
	readonly defaultBranch: string;
	readonly gitUrl: string;
	readonly crew: readonly string[];
	readonly polecats: readonly string[];
};

function subdirectories(dir: string): string[] {
	try {
		return readdirSync(dir).filter(entry => !entry.startsWith('.') && statSync(path.join(dir, entry)).isDirectory()).sort();
	} catch {
		return [];
	}
}

export function listRigs(townRoot: string): RigSummary[] {
	const routes = readRoutes(townRoot);
	return rigNames(townRoot).map(name => {
		const config = readRigConfig(townRoot, name);
		const layout = rigLayout(townRoot, name);
		// routes.jsonl is what `bd` follows, so it wins over rig.toml.
		const route = routes.find(candidate => candidate.path === name);
		return {
			name,
			path: layout.dir,
			prefix: route ? route.prefix.replace(/-$/, '') : config.prefix,
			defaultBranch: config.default_branch,
			gitUrl: config.git_url,
			crew: subdirectories(layout.crew),
			polecats: subdirectories(layout.polecats),
		};
	});
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
