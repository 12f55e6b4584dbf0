import {closeBead} from '../../core/beads/operations.js';
import {landAfterClose} from '../../core/convoys/landing.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf, changeEach, reportChanged} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const options = {reason: flagString(context, 'reason'), force: flagBool(context, 'force')};
	const beads = await changeEach(context, context.args, (state, _ledger, id, who) => closeBead(state, id, options, who));
	reportChanged(context, beads, 'Closed');
	await reportLandings(context, beads.map(bead => bead.id));
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
