// Which ledger a `bd` command works on. BEADS_DIR wins; inside a town, the rig the
// working directory is in (or HQ); outside a town, the nearest .beads/ above. Ids
// are routed by prefix, so `bd show mp-a1b` works from anywhere in the town.
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {notFound} from '../base/errors.js';
import {findTownRoot, rigLayout, rigOfPath, townLayout} from '../base/paths.js';
import {Ledger} from './ledger.js';
import {routeForId} from './routes.js';

function findLedgerUpwards(start: string): string | undefined {
	let dir = path.resolve(start);
	for (;;) {
		const candidate = path.join(dir, '.beads');
		if (Ledger.exists(candidate)) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

export function currentLedgerDir(env: Environment): string | undefined {
	if (env.vars.BEADS_DIR) return path.resolve(env.cwd, env.vars.BEADS_DIR);
	const town = findTownRoot(env);
	if (town) {
		const rig = rigOfPath(town, env.cwd) ?? env.vars.GT_RIG;
		if (rig && Ledger.exists(rigLayout(town, rig).beads)) return rigLayout(town, rig).beads;
		return townLayout(town).beads;
	}
	return findLedgerUpwards(env.cwd);
}

export function openCurrentLedger(env: Environment): Ledger {
	const dir = currentLedgerDir(env);
	if (!dir) throw notFound(`no beads ledger in ${env.cwd} or above`, 'run `bd init` here, or cd into a town or a project with .beads/');
	return Ledger.open(dir);
}

/** The ledger holding `id`: routed by prefix inside a town, else the current ledger. */
export function openLedgerForId(env: Environment, id: string): Ledger {
	const town = findTownRoot(env);
	if (town && !env.vars.BEADS_DIR) {
		const routed = routeForId(town, id);
		if (routed) return Ledger.open(routed);
	}
	return openCurrentLedger(env);
}

/** The HQ ledger: convoys, mail, the Mayor's work. */
export function hqLedger(townRoot: string): Ledger {
	return Ledger.open(townLayout(townRoot).beads);
}

/** A rig's ledger. */
export function rigLedger(townRoot: string, rig: string): Ledger {
	return Ledger.open(rigLayout(townRoot, rig).beads);
}

/** The town ledger that holds `id` (routed by its prefix), if that ledger exists. */
export function ledgerHolding(townRoot: string, id: string): Ledger | undefined {
	const dir = routeForId(townRoot, id);
	return dir && Ledger.exists(dir) ? Ledger.open(dir) : undefined;
}

/** As ledgerHolding, but a missing ledger is the user's error. */
export function requireLedgerHolding(townRoot: string, id: string): Ledger {
	const ledger = ledgerHolding(townRoot, id);
	if (!ledger) throw notFound(`no ledger holds "${id}"`, 'check the id with `bd list` in its rig');
	return ledger;
}

/** Groups ids by the ledger that holds them, keeping the order they were given in. */
export function groupIdsByLedger(env: Environment, ids: readonly string[]): Array<{ledger: Ledger; ids: string[]}> {
	const groups = new Map<string, {ledger: Ledger; ids: string[]}>();
	for (const id of ids) {
		const ledger = openLedgerForId(env, id);
		const group = groups.get(ledger.dir) ?? {ledger, ids: []};
		group.ids.push(id);
		groups.set(ledger.dir, group);
	}
	return [...groups.values()];
}

export function actorFrom(env: Environment, flag?: string): string {
	return flag || env.vars.BD_ACTOR || env.vars.BEADS_ACTOR || env.vars.GIT_AUTHOR_NAME || env.vars.USER || 'overseer';
}
