// bd undefer <id...>: back from the icebox. A deferred bead becomes open again and its
// defer_until is cleared (an open bead with only a defer date just loses the date); a bead
// that is not deferred is left alone with a note, as in the original. --json: the beads changed.
import {updateBead} from '../../core/beads/operations.js';
import type {CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const skipped = new Map<string, string>();
	const beads = await changeEach(context, context.args, (state, ledger, id, who) => {
		const bead = state.require(id);
		if (bead.status !== 'deferred' && bead.defer_until === undefined) {
			skipped.set(id, bead.status);
			return bead;
		}
		return updateBead(state, ledger, id, {...(bead.status === 'deferred' ? {status: 'open'} : {}), deferUntil: ''}, who);
	});
	for (const [id, status] of skipped) context.out.note(`bd: ${id} is not deferred (status: ${status})`);
	reportChanged(context, beads.filter(bead => !skipped.has(bead.id)), 'Undeferred');
}
