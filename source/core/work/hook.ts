// The hook: an agent's current work is a bead with status `hooked` and
// `assignee = <agent address>`, plus the worktree that holds the work in progress.
// Everything here reads and writes the ledgers; nothing lives in agent memory.
import {Ledger} from '../beads/ledger.js';
import {requireLedgerHolding, rigLedger} from '../beads/resolve.js';
import {applyStatus, type Actor} from '../beads/operations.js';
import type {Bead} from '../beads/types.js';
import {conflict} from '../base/errors.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {rigNames} from '../town/rig-config.js';
import type {AgentRef} from '../agents/address.js';
import {findTownRootFrom} from '../base/paths.js';
import {addressAt, localSite, siteOf} from '../sync/site.js';

export type HookedWork = {readonly bead: Bead; readonly ledger: Ledger};

/** Ledgers an agent's hooked work can live in: its rig's; the Mayor's can be anywhere. */
export function ledgersFor(townRoot: string, agent: {rig?: string}): Ledger[] {
	if (agent.rig) return [rigLedger(townRoot, agent.rig)];
	const dirs = [townLayout(townRoot).beads, ...rigNames(townRoot).map(rig => rigLayout(townRoot, rig).beads)];
	return dirs.filter(dir => Ledger.exists(dir)).map(dir => Ledger.open(dir));
}

export async function findHookedWork(townRoot: string, agent: AgentRef): Promise<HookedWork | undefined> {
	const site = localSite(townRoot);
	for (const ledger of ledgersFor(townRoot, agent)) {
		const state = await ledger.read();
		for (const bead of state.values()) {
			if (bead.status === 'hooked' && bead.assignee === agent.address && !claimedElsewhere(bead, site)) return {bead, ledger};
		}
	}
	return undefined;
}

/**
 * Whether a bead's claim names another clone of this town (claimed_by "<address>@<site>"
 * from a sync): then the agent of that address here is not the one holding it.
 */
export function claimedElsewhere(bead: Bead, site: string | undefined): boolean {
	const holder = typeof bead.claimed_by === 'string' ? siteOf(bead.claimed_by) : undefined;
	return holder !== undefined && site !== undefined && holder !== site;
}

const siteOfLedger = (ledger: Ledger | undefined) => {
	const root = ledger ? findTownRootFrom(ledger.dir) : undefined;
	return root ? localSite(root) : undefined;
};

/** Every hooked bead of the given ledgers, by assignee. */
export async function hookedByAssignee(ledgers: readonly Ledger[]): Promise<Map<string, Bead>> {
	const hooked = new Map<string, Bead>();
	const site = siteOfLedger(ledgers[0]);
	for (const ledger of ledgers) {
		for (const bead of (await ledger.read()).values()) {
			if (bead.status === 'hooked' && bead.assignee && !claimedElsewhere(bead, site)) hooked.set(bead.assignee, bead);
		}
	}
	return hooked;
}

/**
 * Puts `id` on `address`'s hook. Refuses closed beads, and beads hooked by another
 * agent unless `takeOver` (the caller has checked that agent is gone).
 * Returns the bead as it was, so a failed sling can put it back.
 */
export async function hookBead(ledger: Ledger, id: string, address: string, who: Actor, options: {takeOver?: boolean} = {}): Promise<{before: Bead; after: Bead}> {
	const site = siteOfLedger(ledger);
	return ledger.transact(state => {
		const before = state.require(id);
		if (before.status === 'closed') throw conflict(`${id} is closed`, `reopen it first: bd reopen ${id}`);
		// Work slung on another machine is theirs, whether or not an agent of that name runs here.
		if (before.status === 'hooked' && claimedElsewhere(before, site)) {
			throw conflict(`${id} is on ${String(before.claimed_by)}'s hook, on the town's clone at ${siteOf(String(before.claimed_by))}`, `leave it to that machine, or unsling it there and \`gt sync\` both; \`gt sync\` here first if that already happened`);
		}
		if (before.status === 'hooked' && before.assignee && before.assignee !== address && !options.takeOver) {
			throw conflict(`${id} is on ${before.assignee}'s hook`, `take it off first: gt unsling ${id}`);
		}
		const after: Bead = {...before, assignee: address, updated_at: who.now.toISOString()};
		applyStatus(after, 'hooked', who.now);
		// In a town that syncs, the claim names this clone: a sling of the same bead elsewhere is caught at the next sync (the first claim stands).
		if (site) {
			after.claimed_by = addressAt(address, site);
			after.claimed_at = who.now.toISOString();
		}
		state.put(after);
		return {before, after};
	});
}

/** Restores a bead exactly as it was (undo of a failed sling). */
export async function restoreBead(ledger: Ledger, before: Bead): Promise<void> {
	await ledger.transact(state => {
		state.put(before);
	});
}

/** Takes a bead off its hook with a new status; a note says why. */
export async function releaseHook(ledger: Ledger, id: string, who: Actor, options: {status: string; note?: string; keepAssignee?: boolean}): Promise<Bead> {
	return ledger.transact(state => {
		const bead = {...state.require(id)};
		if (bead.status !== 'hooked') throw conflict(`${id} is not on a hook (it is ${bead.status})`, '`gt hooks list` shows what is hooked; nothing to take off');
		applyStatus(bead, options.status, who.now);
		if (!options.keepAssignee) delete bead.assignee;
		delete bead.claimed_by;
		delete bead.claimed_at;
		if (options.note) bead.notes = bead.notes ? `${bead.notes}\n${options.note}` : options.note;
		bead.updated_at = who.now.toISOString();
		state.put(bead);
		return bead;
	});
}

/** What each agent has on its hook right now, across every ledger of the town. */
export async function currentHooks(townRoot: string): Promise<Map<string, Bead>> {
	return hookedByAssignee(ledgersFor(townRoot, {}));
}

/** Sessions with `bead` set to what is on their hook now (a session remembers what it was started for). */
export async function withCurrentHooks<T extends {address: string; bead?: string}>(townRoot: string, sessions: readonly T[]): Promise<T[]> {
	return withHooks(sessions, await currentHooks(townRoot));
}

/** The same, over hooks already read. */
export function withHooks<T extends {address: string; bead?: string}>(sessions: readonly T[], hooks: ReadonlyMap<string, Bead>): T[] {
	return sessions.map(session => {
		const {bead: _started, ...rest} = session;
		const hooked = hooks.get(session.address);
		return (hooked ? {...rest, bead: hooked.id} : rest) as T;
	});
}

/**
 * `gt hook <bead>` (the original's way for an agent to take work onto its own hook):
 * the bead goes on `agent`'s hook, nothing is started or restarted. One bead per
 * hook: an agent with work on its hook finishes or unslings it first.
 */
export async function attachToHook(townRoot: string, agent: AgentRef, id: string, who: Actor): Promise<Bead> {
	const current = await findHookedWork(townRoot, agent);
	if (current && current.bead.id !== id) throw conflict(`${agent.address} already has ${current.bead.id} on its hook`, `finish it with \`gt done\`, or take it off: gt unsling ${current.bead.id}`);
	const {after} = await hookBead(requireLedgerHolding(townRoot, id), id, agent.address, who);
	return after;
}
