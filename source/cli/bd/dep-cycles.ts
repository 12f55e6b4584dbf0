// bd dep cycles: loops of blocking dependencies in this ledger (none can be made with
// bd dep add; an import, a hand edit or a merge can leave one). --json: the loops,
// each as the beads along it, as the original's [][]Issue.
import {dependencyCycles} from '../../core/beads/queries.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const state = await openCurrentLedger(context.env).read();
	const cycles = dependencyCycles(state);
	if (flagBool(context, 'json')) {
		context.out.json(cycles.map(cycle => cycle.map(id => {
			const bead = state.get(id);
			return bead ? {id, title: bead.title, status: bead.status, priority: bead.priority, issue_type: bead.issue_type} : {id, missing: true};
		})));
		return;
	}
	if (cycles.length === 0) {
		context.out.line('No dependency cycles found.');
		return;
	}
	context.out.line(`${cycles.length} dependency ${cycles.length === 1 ? 'cycle' : 'cycles'} (each keeps its beads blocked for ever; bd dep remove breaks one):`);
	for (const cycle of cycles) context.out.line(`  ${[...cycle, cycle[0]!].map(id => safeText(id)).join(' → ')}`);
}
