import {removeDependency} from '../../core/beads/operations.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const [id, dependsOn] = context.args as [string, string];
	const ledger = openLedgerForId(context.env, id);
	await ledger.transact(state => removeDependency(state, id, dependsOn, actorOf(context)));
	if (flagBool(context, 'json')) context.out.json({issue_id: id, depends_on_id: dependsOn, removed: true});
	else context.out.line(`${id} no longer depends on ${dependsOn}`);
}
