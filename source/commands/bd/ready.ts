import {readyBeads} from '../../core/beads/queries.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printList} from './format.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const beads = readyBeads(await ledger.read(), filterFromFlags(context, ledger), context.env.now());
	const limit = limitOf(context, 50);
	const shown = limit > 0 ? beads.slice(0, limit) : beads;
	if (flagBool(context, 'json')) context.out.json(shown);
	else printList(context.out, shown, beads.length, 'Nothing is ready: every open bead is blocked or deferred (see `bd blocked`).');
}
