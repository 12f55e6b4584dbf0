// Rigs as configured: rig.toml, which rigs exist, and a summary of each. No git here:
// every bd and most gt commands read rig config, and none of them should load git
// or clone code to do it (rig-lifecycle.ts adds and removes rigs).
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {readRoutes} from '../beads/routes.js';
import {readTomlFile, stringField, updateTomlFile, type TomlTable} from '../base/toml-file.js';
import type {Environment} from '../base/environment.js';
import {notFound, usageError} from '../base/errors.js';
import {rigConfigFile, rigLayout, rigOfPath} from '../base/paths.js';

export type RigConfig = TomlTable & {
	git_url: string;
	default_branch: string;
	prefix: string;
	created_at?: string;
	merge_queue?: {gates?: string[]; [key: string]: unknown};
	namepool?: {names?: string[]; [key: string]: unknown};
};

export const rigConfigHeader = '# Gas Town rig configuration.';

export function readRigConfig(townRoot: string, rig: string): RigConfig {
	const file = rigLayout(townRoot, rig).config;
	const table = readTomlFile(file);
	return {...table, git_url: stringField(table, 'git_url', '', file), default_branch: stringField(table, 'default_branch', 'main', file), prefix: stringField(table, 'prefix', '', file)} as RigConfig;
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


/**
 * Replaces a rig's merge gates (`[merge_queue] gates`), keeping every other key; empty
 * lines are dropped and an empty list means "merge without checks".
 */
export async function setRigGates(townRoot: string, rig: string, gates: readonly string[]): Promise<string[]> {
	requireRig(townRoot, rig);
	const clean = gates.map(gate => gate.trim()).filter(gate => gate !== '');
	const bad = clean.find(gate => /[\r\n\0]/.test(gate));
	if (bad !== undefined) throw usageError('a gate must be one command line', 'give each gate as its own line, e.g. npm test');
	await updateTomlFile(rigLayout(townRoot, rig).config, table => {
		const queue = typeof table.merge_queue === 'object' && table.merge_queue !== null && !Array.isArray(table.merge_queue) ? table.merge_queue as Record<string, unknown> : {};
		table.merge_queue = {...queue, gates: clean};
	}, rigConfigHeader);
	return clean;
}
