import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printList} from './format.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const filter = filterFromFlags(context, ledger);
	const json = flagBool(context, 'json');
	// The read index answers the query; the ledger files are read only to print JSON records.
	const beads = (await ledger.view({records: json})).list(filter);
	const limit = limitOf(context, 50);
	if (!json) printList(context.out, beads.beads(limit), beads.length, filter.includeClosed ? 'No beads.' : 'No open beads (use --all to include closed ones).');
	else if (context.out.isTerminal) context.out.json(beads.records(limit));
	// Compact JSON for programs: each bead's stored line is already exactly that.
	else context.out.line(beads.json(limit));
}
