// bd dep relate <a> <b>: the original's "see also" link, stored both ways as relates-to.
import {addDependency} from '../../core/beads/operations.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const [a, b] = context.args as [string, string];
	if (a === b) throw usageError(`${a} cannot relate to itself`, 'bd dep relate <id1> <id2>');
	const ledger = openLedgerForId(context.env, a);
	const who = actorOf(context);
	await ledger.transact(state => {
		state.require(b);
		addDependency(state, a, b, 'relates-to', who);
		addDependency(state, b, a, 'relates-to', who);
	});
	if (flagBool(context, 'json')) context.out.json({status: 'related', id1: a, id2: b, type: 'relates-to'});
	else context.out.line(`${a} and ${b} now relate to each other (relates-to)`);
}
