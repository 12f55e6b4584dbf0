// `gt install`: a new town on disk — town.toml, the HQ ledger and its routes, the
// Mayor's directory — and with `git`, a repository that tracks config and durable
// ledgers. Either the whole town appears or nothing does.
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Ledger} from '../beads/ledger.js';
import {addRoute} from '../beads/routes.js';
import {writeTownConfig, type TownConfig} from './town-config.js';
import type {Environment} from '../base/environment.js';
import {conflict} from '../base/errors.js';
import {commitPaths, gitConfigValue, initRepo} from '../git/repo.js';
import {validateName} from '../base/names.js';
import {findTownRootFrom, resolveFrom, townConfigFile, townLayout} from '../base/paths.js';
import {attributesFile, registerMergeDriver} from '../sync/setup.js';

export type InstallOptions = {
	/** Where the town goes (absolute, or relative to env.cwd). */
	readonly path: string;
	readonly name?: string;
	readonly owner?: string;
	readonly git?: boolean;
	/** The bd entry the ledger merge driver runs (default: the one beside this gt). */
	readonly bdEntry?: string;
};

export type InstallResult = {
	readonly root: string;
	readonly name: string;
	readonly owner?: string;
	readonly git: boolean;
	/** Short hash of the initial commit, with `git`. */
	readonly commit?: string;
	/** Whether the directory existed (and had files) before. */
	readonly existingFiles: number;
};

export const defaultAgent = 'claude';

/** Rig clones, worktrees and runtime state stay out of the town's history. */
export const townGitignore = [
	'# Gas Town: config and durable ledgers are tracked; runtime state and rig clones are not.',
	'.runtime/',
	'.events.jsonl',
	'**/.beads/wisps.jsonl',
	'**/.beads/journal.jsonl',
	'**/.beads/.lock*',
	'**/.beads/.cache/',
	'*.lock',
	'.*.tmp',
	'*/.repo.git/',
	'*/refinery/',
	'*/polecats/',
	'*/crew/',
	'',
].join('\n');

/** Files the initial commit tracks, relative to the town root. */
const trackedAtInstall = ['.gitignore', attributesFile, townConfigFile, '.beads/config.toml', '.beads/issues.jsonl', '.beads/routes.jsonl'];

/** Keeps a .gitignore the directory already had, adding only our missing lines. */
function mergeGitignore(old: string | undefined): string {
	if (old === undefined) return townGitignore;
	const present = new Set(old.split('\n').map(line => line.trim()));
	const missing = townGitignore.split('\n').filter(line => line && !present.has(line));
	return missing.length === 0 ? old : `${old}${old.endsWith('\n') || old === '' ? '' : '\n'}${missing.join('\n')}\n`;
}

function entriesOf(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

function refuseUnfitTarget(root: string): void {
	if (existsSync(root) && !statSync(root).isDirectory()) {
		throw conflict(`${root} exists and is not a directory`, 'choose another path');
	}
	if (existsSync(path.join(root, townConfigFile))) {
		throw conflict(`${root} is already a town`, 'use it, or install somewhere else');
	}
	const enclosing = findTownRootFrom(path.dirname(root));
	if (enclosing) {
		throw conflict(`${root} is inside the town at ${enclosing}`, 'install a town outside any other town');
	}
}

export async function installTown(options: InstallOptions, env: Environment): Promise<InstallResult> {
	const root = resolveFrom(env, options.path);
	const name = validateName('town', options.name ?? path.basename(root));
	refuseUnfitTarget(root);

	// A directory that already holds files is fine (notes, a README); only what we
	// create is removed if the install fails.
	const existed = existsSync(root);
	const before = new Set(entriesOf(root));
	const layout = townLayout(root);
	const oldGitignore = existsSync(layout.gitignore) ? readFileSync(layout.gitignore, 'utf8') : undefined;
	const attributes = path.join(root, attributesFile);
	const oldAttributes = existsSync(attributes) ? readFileSync(attributes, 'utf8') : undefined;
	const owner = options.owner ?? (await gitConfigValue(existed ? root : env.home, 'user.email', env.vars).catch(() => undefined));
	try {
		mkdirSync(root, {recursive: true});
		const config: TownConfig = {
			name,
			...(owner ? {owner} : {}),
			created_at: env.now().toISOString(),
			default_agent: defaultAgent,
		};
		writeTownConfig(root, config);
		Ledger.init(layout.beads, 'hq');
		await addRoute(root, 'hq', '.');
		// Convoys live in the HQ ledger under their own prefix: hq-cv-xxx.
		await addRoute(root, 'hq-cv', '.');
		for (const dir of [layout.mayor, layout.runtime, layout.formulas]) mkdirSync(dir, {recursive: true});

		let commit: string | undefined;
		if (options.git) {
			writeFileSync(layout.gitignore, mergeGitignore(oldGitignore));
			await initRepo(root, env.vars);
			// Ledgers merge bead by bead, also in a plain `git pull` (docs/sync.md).
			await registerMergeDriver(root, env.vars, options.bdEntry);
			commit = await commitPaths(root, trackedAtInstall, `Create town ${name}`, env.vars);
		}
		return {root, name, ...(owner ? {owner} : {}), git: Boolean(options.git), ...(commit ? {commit} : {}), existingFiles: before.size};
	} catch (error) {
		if (!existed) rmSync(root, {recursive: true, force: true});
		else for (const entry of entriesOf(root)) if (!before.has(entry)) rmSync(path.join(root, entry), {recursive: true, force: true});
		if (existed && oldGitignore !== undefined) writeFileSync(layout.gitignore, oldGitignore);
		if (existed && oldAttributes !== undefined) writeFileSync(attributes, oldAttributes);
		throw error;
	}
}
