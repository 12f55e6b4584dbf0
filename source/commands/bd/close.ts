import {closeBead} from '../../core/beads/operations.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const options = {reason: flagString(context, 'reason'), force: flagBool(context, 'force')};
	const beads = await changeEach(context, context.args, (state, _ledger, id, who) => closeBead(state, id, options, who));
	reportChanged(context, beads, 'Closed');
}
