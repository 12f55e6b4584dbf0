import {updateBead} from '../../core/beads/operations.js';
import type {CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';
import {labelAndIds} from './label-args.js';

export async function run(context: CommandContext) {
	const {label, ids} = await labelAndIds(context);
	const beads = await changeEach(context, ids, (state, ledger, id, who) => updateBead(state, ledger, id, {addLabels: [label]}, who));
	reportChanged(context, beads, `Labelled "${label}"`);
}
