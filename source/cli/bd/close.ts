import {closeBead} from '../../core/beads/operations.js';
import type {Bead} from '../../core/beads/types.js';
import {closeFinishedParents} from '../../core/formulas/lifecycle.js';
import {landAfterClose} from '../../core/convoys/landing.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf, changeEach, reportChanged} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const options = {reason: flagString(context, 'reason'), force: flagBool(context, 'force')};
	// A molecule's step with nested steps closes with its last one, and the root with its last step (as in Beads).
	const finished: Bead[] = [];
	const beads = await changeEach(context, context.args, (state, _ledger, id, who) => {
		const closed = closeBead(state, id, options, who);
		finished.push(...closeFinishedParents(state, [id], who));
		return closed;
	});
	reportChanged(context, beads, 'Closed');
	for (const bead of finished) {
		const text = `Closed ${bead.id}: ${safeText(bead.title)} (${bead.close_reason})`;
		if (flagBool(context, 'json')) context.out.note(text);
		else context.out.line(text);
	}
	await reportLandings(context, [...beads, ...finished].map(bead => bead.id));
}

/** Closing the last open bead of a convoy lands it (bd close and bd update --status closed). */
export async function reportLandings(context: CommandContext, closedIds: readonly string[]): Promise<void> {
	const {landings, error} = await landAfterClose(context.env, closedIds, actorOf(context));
	if (error) context.out.note(`bd: ${error}`);
	for (const landing of landings) {
		const text = `Convoy ${landing.convoy.id} landed: ${safeText(landing.convoy.title)} (${landing.convoy.done}/${landing.convoy.total})`;
		// stdout stays one JSON document under --json.
		if (flagBool(context, 'json')) context.out.note(text);
		else context.out.line(text);
	}
}
