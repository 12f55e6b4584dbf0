// Convoys: `convoy` beads in the HQ ledger (ids hq-cv-…) that track beads in any
// rig through `tracks` dependencies. This module creates, finds, reads and extends
// convoys; landing (closing a finished convoy and mailing about it) is in
// convoy-landing.ts.
import {Ledger} from '../beads/ledger.js';
import type {LedgerState} from '../beads/ledger-state.js';
import {addDependency, applyStatus, createBead, type Actor} from '../beads/operations.js';
import {readRoutes, routeOf} from '../beads/routes.js';
import {hqLedger} from '../beads/resolve.js';
import type {Bead} from '../beads/types.js';
import {notFound} from '../base/errors.js';
import {townLayout} from '../base/paths.js';

export const convoyPrefix = 'hq-cv';


export type NewConvoy = {title: string; beads: readonly string[]; owner?: string; notify?: readonly string[]; human?: boolean};

export async function createConvoy(townRoot: string, convoy: NewConvoy, who: Actor): Promise<Bead> {
	const ledger = hqLedger(townRoot);
	return ledger.transact(state => {
		const bead = createBead(state, ledger, {
			title: convoy.title,
			type: 'convoy',
			idPrefix: convoyPrefix,
			fields: {
				...(convoy.owner ? {owner: convoy.owner} : {}),
				...(convoy.notify?.length || convoy.human ? {metadata: {notify: [...(convoy.notify ?? [])], human: Boolean(convoy.human)}} : {}),
			},
		}, who);
		for (const id of convoy.beads) addDependency(state, bead.id, id, 'tracks', who);
		return state.require(bead.id);
	});
}

const isConvoy = (bead: Bead | undefined): bead is Bead => bead !== undefined && bead.issue_type === 'convoy';

/** Ids a convoy tracks, in the order they were added. */
export const trackedIds = (convoy: Bead): string[] => (convoy.dependencies ?? []).filter(dependency => dependency.type === 'tracks').map(dependency => dependency.depends_on_id);

/** Open convoys that track `beadId`. */
export async function convoysTracking(townRoot: string, beadId: string): Promise<Bead[]> {
	return openConvoysTracking(await hqLedger(townRoot).read(), [beadId]);
}

/** Open convoys (in `hq`) that track any of `beadIds`, each once. */
export function openConvoysTracking(hq: LedgerState, beadIds: readonly string[]): Bead[] {
	const found = new Map<string, Bead>();
	for (const id of beadIds) {
		for (const dependency of hq.dependentsOf(id)) {
			if (dependency.type !== 'tracks' || found.has(dependency.issue_id)) continue;
			const bead = hq.get(dependency.issue_id);
			if (isConvoy(bead) && bead.status !== 'closed') found.set(bead.id, bead);
		}
	}
	return [...found.values()];
}

export async function deleteConvoy(townRoot: string, id: string): Promise<void> {
	await hqLedger(townRoot).transact(state => state.remove(id));
}

/** Newest first: created_at, then id so the order is stable within one millisecond. */
const newestFirst = (a: Bead, b: Bead) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1);

export function requireConvoy(hq: LedgerState, id: string): Bead {
	const bead = hq.get(id);
	if (!isConvoy(bead)) throw notFound(`no convoy "${id}"`, '`gt convoy list --all` shows them');
	return bead;
}

/** The convoy named, or the most recent open one (`defaulted` says it was picked for you). */
export function pickConvoy(hq: LedgerState, id?: string): {convoy: Bead; defaulted: boolean} {
	if (id) return {convoy: requireConvoy(hq, id), defaulted: false};
	const latest = hq.all().filter(bead => isConvoy(bead) && bead.status !== 'closed').sort(newestFirst)[0];
	if (!latest) throw notFound('no open convoy', 'create one with `gt convoy create <name> [bead…]`, or name one');
	return {convoy: latest, defaulted: true};
}

// ── Tracked beads, read from their own ledgers ──────────────────────────────

export type TrackedBead = {
	id: string;
	title: string;
	status: string;
	assignee?: string;
	/** The rig whose ledger holds it; absent for HQ beads. */
	rig?: string;
	closed_at?: string;
	/** No ledger holds it any more (deleted, or its rig removed). */
	missing?: true;
};


/**
 * Looks beads up in the ledgers that hold them: one read per ledger, however many
 * beads (a convoy list over a hundred convoys still reads each rig once). `hq`
 * saves re-reading the HQ ledger when the caller already has it.
 */
export async function lookupBeads(townRoot: string, ids: Iterable<string>, hq?: LedgerState): Promise<Map<string, TrackedBead>> {
	const routes = readRoutes(townRoot);
	const hqDir = townLayout(townRoot).beads;
	const groups = new Map<string, {rig?: string; ids: string[]}>();
	const found = new Map<string, TrackedBead>();
	const missing = (id: string): TrackedBead => ({id, title: '(missing)', status: 'missing', missing: true});
	for (const id of new Set(ids)) {
		const where = routeOf(townRoot, id, routes);
		if (!where) {
			found.set(id, missing(id));
			continue;
		}
		const group = groups.get(where.dir) ?? {rig: where.rig, ids: []};
		group.ids.push(id);
		groups.set(where.dir, group);
	}
	await Promise.all([...groups].map(async ([dir, group]) => {
		const state = dir === hqDir && hq ? hq : Ledger.exists(dir) ? await Ledger.open(dir).read() : undefined;
		for (const id of group.ids) {
			const bead = state?.get(id);
			found.set(id, bead ? {
				id,
				title: bead.title,
				status: bead.status,
				...(bead.assignee ? {assignee: bead.assignee} : {}),
				...(group.rig ? {rig: group.rig} : {}),
				...(bead.closed_at ? {closed_at: bead.closed_at} : {}),
			} : missing(id));
		}
	}));
	return found;
}

export type ConvoyStatus = {
	id: string;
	title: string;
	status: string;
	owner?: string;
	created_at: string;
	closed_at?: string;
	close_reason?: string;
	tracked: TrackedBead[];
	/** Closed tracked beads / tracked beads that still exist. */
	done: number;
	total: number;
};

/**
 * A missing bead (deleted, or its rig removed) is listed but not counted: it can
 * never close, and it must not keep a convoy from landing forever.
 */
export function statusOf(convoy: Bead, beads: ReadonlyMap<string, TrackedBead>): ConvoyStatus {
	const tracked = trackedIds(convoy).map(id => beads.get(id) ?? {id, title: '(missing)', status: 'missing', missing: true as const});
	const present = tracked.filter(bead => !bead.missing);
	return {
		id: convoy.id,
		title: convoy.title,
		status: convoy.status,
		...(typeof convoy.owner === 'string' ? {owner: convoy.owner} : {}),
		created_at: convoy.created_at,
		...(convoy.closed_at ? {closed_at: convoy.closed_at} : {}),
		...(convoy.close_reason ? {close_reason: convoy.close_reason} : {}),
		tracked,
		done: present.filter(bead => bead.status === 'closed').length,
		total: present.length,
	};
}

/** Convoys closed within `withinMs` of `now`, newest first, at most `max`: the boards keep them in sight a while. */
export function recentlyLanded(convoys: readonly ConvoyStatus[], now: Date, withinMs: number, max: number): ConvoyStatus[] {
	const landedAt = (convoy: ConvoyStatus) => Date.parse(convoy.closed_at ?? convoy.created_at);
	return convoys.filter(convoy => convoy.status === 'closed' && now.getTime() - landedAt(convoy) < withinMs)
		.sort((a, b) => landedAt(b) - landedAt(a))
		.slice(0, max);
}

/** Every tracked bead is closed (and there is at least one). */
export const isFinished = (status: ConvoyStatus) => status.total > 0 && status.done === status.total;

/** Status of several convoys, reading each ledger once for all of them. */
export async function statusesOf(townRoot: string, convoys: readonly Bead[], hq?: LedgerState): Promise<ConvoyStatus[]> {
	const beads = await lookupBeads(townRoot, convoys.flatMap(trackedIds), hq);
	return convoys.map(convoy => statusOf(convoy, beads));
}

/** One convoy and its tracked beads; without an id, the most recent open convoy. */
export async function convoyStatus(townRoot: string, id?: string): Promise<ConvoyStatus & {defaulted: boolean}> {
	const hq = await hqLedger(townRoot).read();
	const {convoy, defaulted} = pickConvoy(hq, id);
	return {...(await statusesOf(townRoot, [convoy], hq))[0]!, defaulted};
}

/** Open convoys, newest first; `all` adds closed (landed) ones. */
export async function listConvoys(townRoot: string, options: {all?: boolean} = {}): Promise<ConvoyStatus[]> {
	const hq = await hqLedger(townRoot).read();
	const convoys = hq.all().filter(bead => isConvoy(bead) && (options.all || bead.status !== 'closed')).sort(newestFirst);
	return statusesOf(townRoot, convoys, hq);
}

export type AddResult = {convoy: Bead; added: string[]; already: string[]; reopened: boolean; defaulted: boolean};

/**
 * Tracks more beads. Every bead must exist (checked before anything is written);
 * beads already tracked are left alone; a closed convoy that gains beads reopens.
 */
export async function addToConvoy(townRoot: string, id: string | undefined, beads: readonly string[], who: Actor): Promise<AddResult> {
	const ledger = hqLedger(townRoot);
	const {convoy: picked, defaulted} = pickConvoy(await ledger.read(), id);
	const found = await lookupBeads(townRoot, beads);
	const unknown = beads.filter(bead => found.get(bead)?.missing);
	if (unknown.length > 0) throw notFound(`no bead ${unknown.map(bead => `"${bead}"`).join(', ')} in this town`, '`bd list` in its rig shows the ids; nothing was added');
	return ledger.transact(state => {
		const convoy = requireConvoy(state, picked.id);
		const tracked = new Set(trackedIds(convoy));
		const added: string[] = [];
		const already: string[] = [];
		for (const bead of new Set(beads)) {
			if (tracked.has(bead)) already.push(bead);
			else {
				addDependency(state, convoy.id, bead, 'tracks', who);
				added.push(bead);
			}
		}
		const reopened = added.length > 0 && convoy.status === 'closed';
		if (reopened) {
			const open = {...state.require(convoy.id)};
			applyStatus(open, 'open', who.now);
			open.updated_at = who.now.toISOString();
			state.put(open);
		}
		return {convoy: state.require(convoy.id), added, already, reopened, defaulted};
	});
}
