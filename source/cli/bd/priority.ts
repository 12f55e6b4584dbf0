// bd priority <id> <n>: the original's shorthand for bd update <id> --priority <n>.
// The priority is checked before the ledger is read, so a typo changes nothing.
import {parsePriority, updateBead} from '../../core/beads/operations.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {CommandContext} from '../spec.js';
import {changeOne} from './assign.js';

export async function run(context: CommandContext) {
	const [id, given] = context.args as [string, string];
	const priority = String(parsePriority(given));
	await changeOne(context, id, (state, ledger, beadId, who) => updateBead(state, ledger, beadId, {priority}, who), bead => `Set priority of ${bead.id} to P${bead.priority}: ${safeText(bead.title)}`);
}
