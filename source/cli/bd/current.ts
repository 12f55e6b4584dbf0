// `bd show`, `bd update` and `bd close` with no id: the bead you are on, as the
// original takes "the currently active issue". Here that is the actor's hooked bead
// (Gas Town's hook), else its most recently updated in-progress one, in this ledger.
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {notFound} from '../../core/base/errors.js';
import type {Bead} from '../../core/beads/types.js';
import {flagList, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function currentBead(context: CommandContext): Promise<Bead> {
	const {actor} = actorOf(context);
	const state = await openCurrentLedger(context.env).read();
	const mine = [...state.values()].filter(bead => bead.assignee === actor && (bead.status === 'hooked' || bead.status === 'in_progress'));
	mine.sort((a, b) => (a.status === b.status ? (a.updated_at < b.updated_at ? 1 : -1) : a.status === 'hooked' ? -1 : 1));
	if (!mine[0]) throw notFound(`no id given, and nothing is hooked or in progress for ${actor}`, 'give a bead id, or claim one: bd ready --claim');
	return mine[0];
}

/** The ids given (arguments and --id), or the current bead's. */
export async function idsOrCurrent(context: CommandContext): Promise<string[]> {
	const ids = [...context.args, ...(context.spec.flags?.id?.isMultiple ? flagList(context, 'id') : [])];
	return ids.length > 0 ? ids : [(await currentBead(context)).id];
}
