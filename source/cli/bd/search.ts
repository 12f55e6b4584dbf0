import {searchBeads} from '../../core/beads/queries.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {printList} from './format.js';

export async function run(context: CommandContext) {
	const text = context.args.join(' ');
	const beads = searchBeads(await openCurrentLedger(context.env).read(), text, flagBool(context, 'all'));
	const limit = limitOf(context, 50);
	const shown = limit > 0 ? beads.slice(0, limit) : beads;
	if (flagBool(context, 'json')) context.out.json(shown);
	else printList(context.out, shown, beads.length, `No beads match "${text}".`);
}
