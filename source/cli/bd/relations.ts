// A bead's relations as bd show, bd list --long and their --json print them: the beads
// it depends on and those depending on it (each with the edge's type), what blocks it
// and its parent, read from the view without building the whole state.
import {parentOf} from '../../core/beads/ledger-state.js';
import type {Blocker} from '../../core/beads/queries.js';
import type {LedgerView} from '../../core/beads/read-cache/view.js';
import type {Bead} from '../../core/beads/types.js';
import {beadDetail, type RelatedBead} from './format.js';

export type Relations = {bead: Bead; dependsOn: RelatedBead[]; dependents: RelatedBead[]; blockers: Blocker[]; parent?: string};

export function relationsOf(view: LedgerView, id: string): Relations {
	const indexed = view.bead(id) ?? view.state.require(id); // the usual "no bead" error
	const bead = view.record(id);
	const related = (otherId: string, type: string): RelatedBead => {
		const other = view.bead(otherId);
		return other ? {id: otherId, title: other.title, status: other.status, type} : {id: otherId, title: '', status: 'unknown', type, missing: true};
	};
	return {
		bead,
		dependsOn: (bead.dependencies ?? []).map(edge => related(edge.depends_on_id, edge.type)),
		dependents: view.dependentsOf(id).map(edge => related(edge.issue_id, edge.type)),
		blockers: view.readiness.blockersOf(indexed),
		parent: parentOf(bead),
	};
}

export const detailOf = (view: LedgerView, id: string): string[] => {
	const relations = relationsOf(view, id);
	return beadDetail(relations.bead, relations);
};

/**
 * The original's IssueWithDependencyMetadata: the related bead itself (shallow: no
 * edges or comments of its own) with `dependency_type`. A target this ledger does
 * not hold keeps its id, with `missing: true`.
 */
function relatedIssue(view: LedgerView, item: RelatedBead, elsewhere: Elsewhere): Record<string, unknown> {
	const found = item.missing ? elsewhere(item.id) : view.record(item.id);
	if (!found) return {id: item.id, dependency_type: item.type, missing: true};
	const {dependencies: _edges, comments: _comments, ...issue} = found;
	return {...issue, dependency_type: item.type};
}

/** A bead of another ledger of the town (a convoy tracks beads across rigs), if there is one. */
export type Elsewhere = (id: string) => Bead | undefined;

/**
 * What bd show --json adds to the record, in the original's IssueDetails shape:
 * `dependencies` and `dependents` as issues with `dependency_type` (omitted when
 * none), the counts, `parent`; and ours: `blocked_by` (ids) with `blockers` (why).
 */
export function showExtra(view: LedgerView, relations: Relations, elsewhere: Elsewhere = () => undefined): Record<string, unknown> {
	const {bead, dependsOn, dependents, blockers, parent} = relations;
	return {
		dependencies: dependsOn.length > 0 ? dependsOn.map(item => relatedIssue(view, item, elsewhere)) : undefined,
		...(dependents.length > 0 ? {dependents: dependents.map(item => relatedIssue(view, item, elsewhere))} : {}),
		dependency_count: dependsOn.length,
		dependent_count: dependents.length,
		comment_count: Array.isArray(bead.comments) ? bead.comments.length : 0,
		...(parent ? {parent} : {}),
		blocked_by: blockers.map(blocker => blocker.id),
		blockers,
	};
}
