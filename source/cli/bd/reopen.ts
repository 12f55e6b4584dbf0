import {reopenBead} from '../../core/beads/operations.js';
import {flagString, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const reason = flagString(context, 'reason');
	const beads = await changeEach(context, context.args, (state, _ledger, id, who) => reopenBead(state, id, {reason}, who));
	reportChanged(context, beads, 'Reopened');
}
