import {parentOf} from '../../core/beads/ledger-state.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {flagBool, type CommandContext} from '../spec.js';
import {idsOrCurrent} from './current.js';
import {beadDetail, type RelatedBead} from './format.js';

type Shown = {detail: string[]; json: () => Record<string, unknown>; text: () => string};

export async function run(context: CommandContext) {
	// Read every ledger first so an unknown id fails before anything is printed.
	// No id (or --current): the bead you are on, as the original shows "the currently active issue".
	const wanted = await idsOrCurrent(context);
	const byId = new Map<string, Shown>();
	for (const {ledger, ids} of groupIdsByLedger(context.env, wanted)) {
		// From the read index: only the shown beads' lines are parsed, and their relations looked up.
		const view = await ledger.view();
		for (const id of ids) {
			const indexed = view.bead(id) ?? view.state.require(id); // the usual "no bead" error
			const bead: Bead = view.record(id);
			const related = (otherId: string, type: string): RelatedBead => {
				const other = view.bead(otherId);
				return other ? {id: otherId, title: other.title, status: other.status, type} : {id: otherId, title: '', status: 'unknown', type, missing: true};
			};
			const dependsOn = (bead.dependencies ?? []).map(dependency => related(dependency.depends_on_id, dependency.type));
			const dependents = view.dependentsOf(id).map(dependency => related(dependency.issue_id, dependency.type));
			const blockers = view.readiness.blockersOf(indexed);
			const parent = parentOf(bead);
			const extra = {...(parent ? {parent} : {}), dependents, blocked_by: blockers};
			byId.set(id, {
				detail: beadDetail(bead, {dependsOn, dependents, blockers, parent}),
				json: () => ({...bead, ...extra}),
				text: () => view.json(id, extra),
			});
		}
	}
	const shown = wanted.map(id => byId.get(id)!);
	if (!flagBool(context, 'json')) context.out.line(shown.map(entry => entry.detail.join('\n')).join('\n\n'));
	else if (context.out.isTerminal) context.out.json(shown.map(entry => entry.json()));
	else context.out.line(`[${shown.map(entry => entry.text()).join(',')}]`);
}
