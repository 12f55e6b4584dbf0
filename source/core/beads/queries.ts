// Reads over a LedgerState: what is blocked and by what, what is ready, filtered
// lists, search and stats. One pass over the beads, memoised; no file or git work
// per bead, so a 10,000-bead ledger answers in milliseconds.
import type {LedgerState} from './ledger-state.js';
import {blockingDependencyTypes, nonWorkTypes, type Bead} from './types.js';

export const isDone = (bead: Bead | undefined) => bead !== undefined && (bead.status === 'closed' || bead.status === 'pinned');

export type Blocker = {id: string; title: string; status: string; priority: number; via: string};

/** Why each unfinished bead cannot start: open blockers, a waits-for gate, or a blocked parent. */
export class BlockedIndex {
	readonly #state: LedgerState;
	readonly #memo = new Map<string, Blocker[]>();

	constructor(state: LedgerState) {
		this.#state = state;
	}

	blockersOf(bead: Bead): Blocker[] {
		const cached = this.#memo.get(bead.id);
		if (cached) return cached;
		// Guard against a parent loop imported from elsewhere: treat a revisit as unblocked.
		this.#memo.set(bead.id, []);
		const blockers: Blocker[] = [];
		if (!isDone(bead)) {
			for (const dependency of bead.dependencies ?? []) {
				const target = this.#state.get(dependency.depends_on_id);
				// Beads in other ledgers, and external references, never block (as in Beads).
				if (!target) continue;
				if (dependency.type === 'blocks' || dependency.type === 'conditional-blocks') {
					if (!isDone(target)) blockers.push(toBlocker(target, dependency.type));
				} else if (dependency.type === 'waits-for') {
					const children = this.#state.childrenOf(target.id);
					const gate = (dependency.metadata as {gate?: string} | undefined)?.gate ?? 'all-children';
					const waiting = gate === 'any-children' ? children.length > 0 && !children.some(isDone) : children.some(child => !isDone(child));
					if (waiting) blockers.push(toBlocker(target, 'waits-for'));
				} else if (dependency.type === 'parent-child') {
					if (this.blockersOf(target).length > 0) blockers.push(toBlocker(target, 'parent'));
				}
			}
		}
		this.#memo.set(bead.id, blockers);
		return blockers;
	}

	isBlocked(bead: Bead): boolean {
		return this.blockersOf(bead).length > 0;
	}
}

export function toBlocker(bead: Bead, via: string): Blocker {
	return {id: bead.id, title: bead.title, status: bead.status, priority: bead.priority, via};
}

/**
 * What defers a bead whatever the time: `always` when it or an ancestor (up to 50
 * up) has status deferred; else `latest`, the last defer_until among them (-Infinity
 * if none), so it is deferred while that is still ahead. The read index stores it.
 */
export type Deferral = {always: boolean; latest: number};

export function deferralOf(state: LedgerState, bead: Bead): Deferral {
	let latest = -Infinity;
	let current: Bead | undefined = bead;
	for (let depth = 0; current; depth++) {
		if (current.status === 'deferred') return {always: true, latest};
		if (current.defer_until) {
			const time = new Date(current.defer_until).getTime();
			if (time > latest) latest = time; // an unparsable date (NaN) never defers
		}
		if (!current.dependencies) break;
		const parent: string | undefined = depth < 50 ? state.parentOf(current) : undefined;
		current = parent ? state.get(parent) : undefined;
	}
	return {always: false, latest};
}

/** Deferred: status deferred, or defer_until still ahead; inherited from ancestors. */
export const isDeferredBy = (deferral: Deferral, now: Date) => deferral.always || deferral.latest > now.getTime();

/**
 * What ready/blocked need to know per bead beyond its own fields. Computed from the
 * beads' dependencies, or (from the read index) looked up where a writer stored it.
 */
export type Readiness = {
	blockersOf(bead: Bead): Blocker[];
	isDeferred(bead: Bead, now: Date): boolean;
};

export function readinessOf(state: LedgerState): Readiness {
	const blocked = new BlockedIndex(state);
	return {blockersOf: bead => blocked.blockersOf(bead), isDeferred: (bead, now) => isDeferredBy(deferralOf(state, bead), now)};
}

/** Priority first (P0 first), then newest, then id: the order of `bd ready` and `bd list`. */
export function byPriority(a: Bead, b: Bead): number {
	return a.priority - b.priority || (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) || (a.id < b.id ? -1 : 1);
}

export type BeadFilter = {
	statuses?: string[];
	types?: string[];
	labels?: string[];
	assignee?: string;
	unassigned?: boolean;
	priority?: number;
	includeClosed?: boolean;
	includeEphemeral?: boolean;
	/** ready: also beads deferred to a later date. */
	includeDeferred?: boolean;
	/** ready, with no `types`: the types never listed (default: nonWorkTypes). */
	hiddenTypes?: ReadonlySet<string>;
	/** Only ids that start with this (shell completion of `bd show bd-1<tab>`, as the original's IDPrefix). */
	idPrefix?: string;
};

export function matchesFilter(bead: Bead, filter: BeadFilter): boolean {
	if (bead.ephemeral && !filter.includeEphemeral) return false;
	if (filter.idPrefix && !bead.id.startsWith(filter.idPrefix)) return false;
	if (filter.statuses?.length) {
		if (!filter.statuses.includes(bead.status)) return false;
	} else if (!filter.includeClosed && bead.status === 'closed') return false;
	if (filter.types?.length && !filter.types.includes(bead.issue_type)) return false;
	if (filter.labels?.length && !filter.labels.every(label => bead.labels?.includes(label))) return false;
	if (filter.assignee !== undefined && bead.assignee !== filter.assignee) return false;
	if (filter.unassigned && bead.assignee) return false;
	if (filter.priority !== undefined && bead.priority !== filter.priority) return false;
	return true;
}

// Each query is a test per bead and a sort: `…Beads` runs it over a whole state; the
// read index runs the same tests (matchesFilter, readyTest, blockedFrom) on its own beads.

export function listBeads(state: LedgerState, filter: BeadFilter): Bead[] {
	const result: Bead[] = [];
	for (const bead of state.values()) if (matchesFilter(bead, filter)) result.push(bead);
	return result.sort(byPriority);
}

/** Whether a bead is ready: open, real work, matching `filter`, not blocked, not deferred. */
export function readyTest(filter: BeadFilter, now: Date, readiness: Readiness): (bead: Bead) => boolean {
	const types = filter.types?.length ? new Set(filter.types) : undefined;
	const hidden = filter.hiddenTypes ?? nonWorkTypes;
	const rest: BeadFilter = {...filter, types: undefined};
	return bead => {
		if (bead.status !== 'open' || (bead.ephemeral && !filter.includeEphemeral)) return false;
		if (types ? !types.has(bead.issue_type) : hidden.has(bead.issue_type)) return false;
		if (!matchesFilter(bead, rest)) return false;
		return !(readiness.blockersOf(bead).length > 0 || (!filter.includeDeferred && readiness.isDeferred(bead, now)));
	};
}

export function readyBeads(state: LedgerState, filter: BeadFilter, now: Date, readiness = readinessOf(state)): Bead[] {
	const ready = readyTest(filter, now, readiness);
	const result: Bead[] = [];
	for (const bead of state.values()) if (ready(bead)) result.push(bead);
	return result.sort(byPriority);
}

export type BlockedBead = Bead & {blocked_by: Blocker[]; blocked_by_count: number};

/** Ephemeral beads too, as the original's `bd blocked` lists them; counts leave them out (ledgerStats). */
export function blockedFrom(beads: Iterable<Bead>, readiness: Readiness): BlockedBead[] {
	const result: BlockedBead[] = [];
	for (const bead of beads) {
		if (isDone(bead)) continue;
		const blockers = readiness.blockersOf(bead);
		if (blockers.length > 0) result.push({...bead, blocked_by: blockers, blocked_by_count: blockers.length});
	}
	return result.sort(byPriority);
}

export function blockedBeads(state: LedgerState, readiness = readinessOf(state)): BlockedBead[] {
	return blockedFrom(state.values(), readiness);
}

/** Whether the id, title, description or notes contain `needle` (already lower case). */
export const containsText = (bead: Bead, needle: string) =>
	[bead.id, bead.title, bead.description, bead.notes].some(field => typeof field === 'string' && field.toLowerCase().includes(needle));

export function searchBeads(state: LedgerState, text: string, includeClosed: boolean): Bead[] {
	const needle = text.toLowerCase();
	return listBeads(state, {includeClosed}).filter(bead => containsText(bead, needle));
}

export type LedgerStats = {
	total: number;
	by_status: Record<string, number>;
	by_type: Record<string, number>;
	ready: number;
	blocked: number;
	ephemeral: number;
};

/** `readiness` is shared by both counts when given; by default each computes its own, as it always has. */
export function ledgerStats(state: LedgerState, now: Date, readiness?: Readiness): LedgerStats {
	const stats: LedgerStats = {total: 0, by_status: {}, by_type: {}, ready: 0, blocked: 0, ephemeral: 0};
	for (const bead of state.values()) {
		if (bead.ephemeral) {
			stats.ephemeral++;
			continue;
		}
		stats.total++;
		stats.by_status[bead.status] = (stats.by_status[bead.status] ?? 0) + 1;
		stats.by_type[bead.issue_type] = (stats.by_type[bead.issue_type] ?? 0) + 1;
	}
	stats.ready = readyBeads(state, {}, now, readiness).length;
	stats.blocked = blockedBeads(state, readiness).filter(bead => !bead.ephemeral).length;
	return stats;
}

export type DependencyNode = {id: string; title: string; status: string; type: string; children: DependencyNode[]; missing?: boolean; repeated?: boolean};

/** What `id` waits on (or, reversed, what waits on it), as a tree; shared nodes are expanded once. */
export type TreeOptions = {reverse?: boolean; maxDepth?: number; showAllPaths?: boolean};

/**
 * The tree of what `id` waits on (or, reversed, what waits on it), as the original
 * walks it: every edge but relates-to, at most `maxDepth` levels (default 50); a bead
 * reached again is marked `repeated` and not expanded, unless `showAllPaths` (then
 * only a bead already on the path is cut, so a cycle still ends).
 */
export function dependencyTree(state: LedgerState, id: string, options: boolean | TreeOptions = {}): DependencyNode {
	const {reverse = false, maxDepth = 50, showAllPaths = false} = typeof options === 'boolean' ? {reverse: options} : options;
	const expanded = new Set<string>();
	const build = (current: string, type: string, depth: number, path: ReadonlySet<string>): DependencyNode => {
		const bead = state.get(current);
		if (!bead) return {id: current, title: '', status: 'unknown', type, children: [], missing: true};
		const node: DependencyNode = {id: current, title: bead.title, status: bead.status, type, children: []};
		if (path.has(current) || (!showAllPaths && expanded.has(current))) return {...node, repeated: true};
		expanded.add(current);
		if (depth >= maxDepth) return node;
		const edges = reverse
			? state.dependentsOf(current).map(dependency => ({next: dependency.issue_id, type: dependency.type}))
			: (bead.dependencies ?? []).map(dependency => ({next: dependency.depends_on_id, type: dependency.type}));
		const onPath = new Set(path).add(current);
		node.children = edges.filter(edge => edge.type !== 'relates-to').map(edge => build(edge.next, edge.type, depth + 1, onPath));
		return node;
	};
	state.require(id);
	return build(id, 'root', 0, new Set());
}

/** The tree cut down to nodes of `status` and the way to them (the root always stays). */
export function treeWithStatus(node: DependencyNode, status: string): DependencyNode {
	const keep = (child: DependencyNode): DependencyNode | undefined => {
		const children = child.children.map(keep).filter((each): each is DependencyNode => each !== undefined);
		return child.status === status || children.length > 0 ? {...child, children} : undefined;
	};
	return {...node, children: node.children.map(keep).filter((each): each is DependencyNode => each !== undefined)};
}

/**
 * Loops of blocking edges (bd dep cycles). `bd dep add` refuses to make one, but a
 * hand edit, an import or a merge of two machines' ledgers can: each loop is listed
 * once, from its smallest id, as the ids along it.
 */
export function dependencyCycles(state: LedgerState): string[][] {
	const cycles = new Map<string, string[]>();
	const done = new Set<string>();
	const visit = (id: string, path: string[], onPath: Map<string, number>) => {
		const at = onPath.get(id);
		if (at !== undefined) {
			const loop = path.slice(at);
			const start = loop.indexOf([...loop].sort()[0]!);
			const rotated = [...loop.slice(start), ...loop.slice(0, start)];
			cycles.set(rotated.join(' '), rotated);
			return;
		}
		if (done.has(id)) return;
		onPath.set(id, path.length);
		path.push(id);
		for (const edge of state.get(id)?.dependencies ?? []) if (blockingDependencyTypes.has(edge.type)) visit(edge.depends_on_id, path, onPath);
		path.pop();
		onPath.delete(id);
		done.add(id);
	};
	for (const bead of state.values()) visit(bead.id, [], new Map());
	return [...cycles.values()];
}
