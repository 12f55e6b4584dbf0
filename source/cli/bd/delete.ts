import {deleteBead} from '../../core/beads/operations.js';
import {flagBool, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const force = flagBool(context, 'force');
	const beads = await changeEach(context, context.args, (state, _ledger, id, who) => deleteBead(state, id, {force}, who));
	reportChanged(context, beads, 'Deleted');
}
