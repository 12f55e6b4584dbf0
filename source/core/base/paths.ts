// The one module that knows where things live: how to find the town from the
// working directory (or GT_ROOT), and the layout of a town and its rigs on disk.
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Environment} from './environment.js';
import {notFound} from './errors.js';

export const townConfigFile = 'town.toml';
export const rigConfigFile = 'rig.toml';

export type TownLayout = {
	readonly root: string;
	readonly config: string;
	readonly beads: string;
	readonly routes: string;
	readonly formulas: string;
	readonly mayor: string;
	readonly runtime: string;
	readonly events: string;
	readonly gitignore: string;
};

export function townLayout(root: string): TownLayout {
	const beads = path.join(root, '.beads');
	return {
		root,
		config: path.join(root, townConfigFile),
		beads,
		routes: path.join(beads, 'routes.jsonl'),
		formulas: path.join(beads, 'formulas'),
		mayor: path.join(root, 'mayor'),
		runtime: path.join(root, '.runtime'),
		events: path.join(root, '.events.jsonl'),
		gitignore: path.join(root, '.gitignore'),
	};
}

export type RigLayout = {
	readonly name: string;
	readonly dir: string;
	readonly config: string;
	readonly repo: string;
	readonly beads: string;
	readonly refinery: string;
	readonly polecats: string;
	readonly crew: string;
};

export function rigLayout(townRoot: string, rig: string): RigLayout {
	const dir = path.join(townRoot, rig);
	return {
		name: rig,
		dir,
		config: path.join(dir, rigConfigFile),
		repo: path.join(dir, '.repo.git'),
		beads: path.join(dir, '.beads'),
		refinery: path.join(dir, 'refinery', 'rig'),
		polecats: path.join(dir, 'polecats'),
		crew: path.join(dir, 'crew'),
	};
}

export const crewDir = (townRoot: string, rig: string, name: string) => path.join(rigLayout(townRoot, rig).crew, name);
export const polecatDir = (townRoot: string, rig: string, name: string) => path.join(rigLayout(townRoot, rig).polecats, name);

function isFile(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** Walks up from `start` to the nearest directory holding town.toml. */
export function findTownRootFrom(start: string): string | undefined {
	let dir = path.resolve(start);
	for (;;) {
		if (isFile(path.join(dir, townConfigFile))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

/** GT_ROOT wins (agents get it in their environment), then the working directory. */
export function findTownRoot(env: Environment): string | undefined {
	const fromVar = env.vars.GT_ROOT;
	if (fromVar && isFile(path.join(fromVar, townConfigFile))) return path.resolve(fromVar);
	return findTownRootFrom(env.cwd);
}

export function requireTownRoot(env: Environment): string {
	const root = findTownRoot(env);
	if (!root) {
		throw notFound(`not inside a Gas Town (no ${townConfigFile} in ${env.cwd} or above)`, 'run `gt install <path>` or cd into a town');
	}
	return root;
}

/** The rig a path belongs to: the first path segment below the town root, when it holds rig.toml. */
export function rigOfPath(townRoot: string, target: string): string | undefined {
	const relative = path.relative(townRoot, path.resolve(target));
	if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
	const first = relative.split(path.sep)[0];
	if (!first) return undefined;
	return isFile(path.join(townRoot, first, rigConfigFile)) ? first : undefined;
}

export function resolveFrom(env: Environment, target: string): string {
	if (target === '~' || target.startsWith('~/')) return path.join(env.home, target.slice(1));
	return path.resolve(env.cwd, target);
}

export {existsSync as pathExists};
