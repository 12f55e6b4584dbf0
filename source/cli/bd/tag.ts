// bd tag <id> <label>: the original's shorthand for bd update <id> --add-label <label>;
// --json prints the bead as it now is.
import {updateBead} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {CommandContext} from '../spec.js';
import {changeOne} from './assign.js';

export async function run(context: CommandContext) {
	const [id, given] = context.args as [string, string];
	const label = given.trim();
	if (!label) throw usageError('a label needs text', 'bd tag <id> <label>');
	await changeOne(context, id, (state, ledger, beadId, who) => updateBead(state, ledger, beadId, {addLabels: [label]}, who), bead =>
		`Added label "${safeText(label)}" to ${bead.id}: ${safeText(bead.title)}`,
	);
}
