// routes.jsonl at the town's HQ ledger maps id prefixes to ledgers, so an id can be
// shown, updated or slung from anywhere in the town: {"prefix":"mp-","path":"myproject"}.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {withLock} from '../base/file-lock.js';
import {conflict, errnoCode, failure} from '../base/errors.js';
import {townLayout} from '../base/paths.js';

export type Route = {prefix: string; path: string};

export function readRoutes(townRoot: string): Route[] {
	const file = townLayout(townRoot).routes;
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return [];
		throw error;
	}
	const routes: Route[] = [];
	for (const [index, line] of text.split('\n').entries()) {
		if (!line.trim()) continue;
		try {
			const route = JSON.parse(line) as Route;
			if (typeof route.prefix === 'string' && typeof route.path === 'string') routes.push(route);
		} catch {
			throw failure(`${file}:${index + 1}: not valid JSON`, 'fix that line by hand');
		}
	}
	return routes;
}

function writeRoutes(townRoot: string, routes: Route[]): void {
	atomicWriteFileSync(townLayout(townRoot).routes, routes.map(route => JSON.stringify(route)).join('\n') + (routes.length > 0 ? '\n' : ''));
}

/** Adds `<prefix>-` → path; refuses a prefix another ledger already uses. */
export async function addRoute(townRoot: string, prefix: string, ledgerPath: string): Promise<void> {
	const key = `${prefix}-`;
	await withLock(`${townLayout(townRoot).routes}.lock`, () => {
		const routes = readRoutes(townRoot);
		const existing = routes.find(route => route.prefix === key);
		if (existing) {
			if (existing.path === ledgerPath) return;
			throw conflict(`prefix "${prefix}" is already used by ${existing.path === '.' ? 'the HQ ledger' : `rig ${existing.path}`}`, 'choose another with --prefix');
		}
		writeRoutes(townRoot, [...routes, {prefix: key, path: ledgerPath}]);
	});
}

export async function removeRoutesTo(townRoot: string, ledgerPath: string): Promise<void> {
	await withLock(`${townLayout(townRoot).routes}.lock`, () => {
		writeRoutes(townRoot, readRoutes(townRoot).filter(route => route.path !== ledgerPath));
	});
}

/**
 * Where an id lives: the ledger directory (".beads" of the routed path) by longest
 * matching prefix, and its rig; HQ ids without a route still land in HQ.
 */
export function routeOf(townRoot: string, id: string, routes = readRoutes(townRoot)): {dir: string; rig?: string} | undefined {
	let best: Route | undefined;
	for (const route of routes) {
		if (id.startsWith(route.prefix) && (!best || route.prefix.length > best.prefix.length)) best = route;
	}
	if (!best) return id.startsWith('hq-') ? {dir: path.join(townRoot, '.beads')} : undefined;
	const dir = path.join(townRoot, best.path, '.beads');
	return best.path === '.' || best.path === '' ? {dir} : {dir, rig: best.path};
}

/** The ledger directory for an id (see routeOf). */
export function routeForId(townRoot: string, id: string, routes = readRoutes(townRoot)): string | undefined {
	return routeOf(townRoot, id, routes)?.dir;
}

export function prefixInUse(townRoot: string, prefix: string): Route | undefined {
	return readRoutes(townRoot).find(route => route.prefix === `${prefix}-`);
}
