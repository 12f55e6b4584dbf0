// bd q: the original's quick capture. Creates a bead from the words given and prints
// only its id, for scripts: ID=$(bd q "Fix login"). The original prints the id with --json too.
import {createBead} from '../../core/beads/operations.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagList, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const who = actorOf(context);
	const input = {title: context.args.join(' '), priority: flagString(context, 'priority'), type: flagString(context, 'type'), labels: flagList(context, 'labels')};
	const bead = await ledger.transact(state => createBead(state, ledger, input, who));
	context.out.line(bead.id);
}
