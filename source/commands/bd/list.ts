import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printList} from './format.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const filter = filterFromFlags(context, ledger);
	const json = flagBool(context, 'json');
	// The read index answers the query; full records are read only for the beads printed as JSON.
	const view = await ledger.view({records: json});
	const beads = view.list(filter);
	const limit = limitOf(context, 50);
	const shown = limit > 0 ? beads.slice(0, limit) : beads;
	if (!json) printList(context.out, shown, beads.length, filter.includeClosed ? 'No beads.' : 'No open beads (use --all to include closed ones).');
	else if (context.out.isTerminal) context.out.json(shown.map(bead => view.record(bead.id)));
	// Compact JSON for programs: each bead's stored line is already exactly that.
	else context.out.line(view.jsonArray(shown.map(bead => bead.id)));
}
