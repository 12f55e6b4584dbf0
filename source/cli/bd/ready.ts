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
	const ready = (await ledger.view({records: json})).ready(filter, context.env.now());
	const limit = limitOf(context, 50);
	if (!json) printList(context.out, ready.beads(limit), ready.length, 'Nothing is ready: every open bead is blocked or deferred (see `bd blocked`).');
	else if (context.out.isTerminal) context.out.json(ready.records(limit));
	// Compact JSON for programs: each bead's stored line is already exactly that.
	else context.out.line(ready.json(limit));
}
