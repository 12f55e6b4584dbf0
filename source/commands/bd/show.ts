import {BlockedIndex} from '../../core/beads/queries.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {flagBool, type CommandContext} from '../spec.js';
import {beadDetail, type RelatedBead} from './format.js';

export async function run(context: CommandContext) {
	const shown: Array<Record<string, unknown>> = [];
	const blocks: string[][] = [];
	// Read every ledger first so an unknown id fails before anything is printed.
	const byId = new Map<string, {bead: Bead; detail: string[]; json: Record<string, unknown>}>();
	for (const {ledger, ids} of groupIdsByLedger(context.env, context.args)) {
		const state = await ledger.read();
		const blocked = new BlockedIndex(state);
		for (const id of ids) {
			const bead = state.require(id);
			const related = (otherId: string, type: string): RelatedBead => {
				const other = state.get(otherId);
				return other ? {id: otherId, title: other.title, status: other.status, type} : {id: otherId, title: '', status: 'unknown', type, missing: true};
			};
			const dependsOn = (bead.dependencies ?? []).map(dependency => related(dependency.depends_on_id, dependency.type));
			const dependents = state.dependentsOf(id).map(dependency => related(dependency.issue_id, dependency.type));
			const blockers = blocked.blockersOf(bead);
			const parent = state.parentOf(bead);
			byId.set(id, {
				bead,
				detail: beadDetail(bead, {dependsOn, dependents, blockers, parent}),
				json: {...bead, ...(parent ? {parent} : {}), dependents, blocked_by: blockers},
			});
		}
	}
	for (const id of context.args) {
		const entry = byId.get(id)!;
		shown.push(entry.json);
		blocks.push(entry.detail);
	}
	if (flagBool(context, 'json')) {
		context.out.json(shown);
		return;
	}
	context.out.line(blocks.map(lines => lines.join('\n')).join('\n\n'));
}
