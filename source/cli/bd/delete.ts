// bd delete <id...>: as in Beads, without --force it only previews (what would go,
// and the dependency links that would be dropped); --force deletes and drops them.
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import {deleteBead} from '../../core/beads/operations.js';
import {flagBool, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	if (flagBool(context, 'force')) {
		const beads = await changeEach(context, context.args, (state, _ledger, id, who) => deleteBead(state, id, {force: true}, who));
		reportChanged(context, beads, 'Deleted');
		return;
	}
	const preview: Array<{id: string; title: string; dependents: string[]}> = [];
	for (const {ledger, ids} of groupIdsByLedger(context.env, context.args)) {
		const state = await ledger.read();
		for (const id of ids) {
			const bead = state.require(id);
			const dependents = [...new Set(state.dependentsOf(id).map(dependency => dependency.issue_id).filter(other => other !== id))];
			preview.push({id, title: bead.title, dependents});
		}
	}
	if (flagBool(context, 'json')) {
		context.out.json({dry_run: true, would_delete: preview.map(item => ({id: item.id, title: item.title, dependents: item.dependents}))});
		return;
	}
	for (const item of preview) {
		const links = item.dependents.length > 0 ? ` and the dependency links from ${item.dependents.join(', ')}` : '';
		context.out.line(`Would delete ${item.id}: ${safeText(item.title)}${links}`);
	}
	context.out.line(`Nothing was deleted. Run with --force to delete ${preview.length === 1 ? 'it' : 'them'}.`);
}
