// The second stage of `bd list`, `bd search` and `bd ready`: the original's finer
// filters and sorts (record-filter.ts) over the full records of what the first
// stage (the read index, or a full parse) answered. With none given, the first
// stage's answer is returned as it is, so the common query stays as fast as before.
import {parentOf} from './ledger-state.js';
import {BeadList, type LedgerView, type QueryResult} from './read-cache/view.js';
import {ancestorIds, isEmptyRecordFilter, matchesRecord, sortRecords, type RecordFilter} from './record-filter.js';
import type {Bead} from './types.js';

export type Refinement = {
	filter: RecordFilter;
	/** `--sort <field>` of bd list/search (record-filter.ts's sortFields). */
	sort?: string;
	reverse?: boolean;
	/** bd ready's `--sort` policy. */
	policy?: ReadyPolicy;
};

export const isPlainRefinement = (refinement: Refinement) =>
	isEmptyRecordFilter(refinement.filter) && refinement.sort === undefined && !refinement.reverse && (refinement.policy ?? 'priority') === 'priority';

export function refineResult(view: LedgerView, result: QueryResult, refinement: Refinement, now: Date): QueryResult {
	if (isPlainRefinement(refinement)) return result;
	const ancestors = (bead: Bead) => ancestorIds(bead, id => view.bead(id));
	const matching = result.records(0).filter(bead => matchesRecord(bead, refinement.filter, now, ancestors));
	const ordered = refinement.policy ? orderReady(matching, refinement.policy, now) : matching;
	return new BeadList(sortRecords(ordered, refinement.sort, refinement.reverse ?? false), view);
}

export const readyPolicies = ['priority', 'oldest', 'hybrid'] as const;
export type ReadyPolicy = (typeof readyPolicies)[number];

const created = (bead: Bead) => (typeof bead.created_at === 'string' ? bead.created_at : '');
const byId = (a: Bead, b: Bead) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const recentMs = 48 * 3600_000;

/**
 * The original's ready orders: priority (then newest first), oldest first, or hybrid
 * (beads created in the last 48 hours by priority, then the older ones oldest first).
 */
export function orderReady(beads: Bead[], policy: ReadyPolicy, now: Date): Bead[] {
	const oldest = (a: Bead, b: Bead) => created(a).localeCompare(created(b)) || byId(a, b);
	if (policy === 'oldest') return [...beads].sort(oldest);
	if (policy === 'priority') return [...beads].sort((a, b) => a.priority - b.priority || created(b).localeCompare(created(a)) || byId(a, b));
	const cutoff = new Date(now.getTime() - recentMs).toISOString();
	const recent = (bead: Bead) => created(bead) >= cutoff;
	return [...beads].sort((a, b) => Number(!recent(a)) - Number(!recent(b)) || (recent(a) ? a.priority - b.priority : 0) || oldest(a, b));
}

/** What the original's `bd ready --json` adds to each bead (its IssueWithCounts). */
export type ReadyCounts = {dependency_count: number; dependent_count: number; comment_count: number; parent?: string};

/** Counts `blocks` edges only, both ways, as the original does. */
export function readyCounts(view: LedgerView, bead: Bead): ReadyCounts {
	const counts: ReadyCounts = {
		dependency_count: (bead.dependencies ?? []).filter(edge => edge.type === 'blocks').length,
		dependent_count: view.dependentsOf(bead.id).filter(edge => edge.type === 'blocks').length,
		comment_count: Array.isArray(bead.comments) ? bead.comments.length : 0,
	};
	const parent = parentOf(bead);
	if (parent) counts.parent = parent;
	return counts;
}
