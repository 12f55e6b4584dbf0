import {claimBead, closeBead} from '../../core/beads/operations.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {readyBeads} from '../../core/beads/queries.js';
import {usageError} from '../../core/base/errors.js';
import type {Bead} from '../../core/beads/types.js';
import {closeFinishedParents} from '../../core/formulas/lifecycle.js';
import {landAfterClose} from '../../core/convoys/landing.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';
import {actorOf, changeEach, reportChanged} from './context.js';
import {idsOrCurrent} from './current.js';
import {readTextFile} from './text-input.js';
import {safeText} from '../../core/base/terminal-text.js';

/** One --reason for every id, or one per id in order (as the original maps them). */
export function reasonsFor(context: CommandContext, ids: readonly string[]): Array<string | undefined> {
	// Not split at commas: a reason is prose.
	const given = Array.isArray(context.flags.reason) ? context.flags.reason.map(String) : [];
	const file = flagString(context, 'reasonFile');
	if (file !== undefined) {
		if (given.length > 0) throw usageError('give --reason or --reason-file, not both');
		given.push(readTextFile(context, file, 'reason-file'));
	}
	if (given.length <= 1) return ids.map(() => given[0]);
	if (given.length !== ids.length) throw usageError(`${given.length} reasons for ${ids.length} beads`, 'give one --reason for all, or one per id, in the same order');
	return given;
}

export async function run(context: CommandContext) {
	const ids = await idsOrCurrent(context);
	const reasons = reasonsFor(context, ids);
	const force = flagBool(context, 'force');
	const session = flagString(context, 'session') ?? context.env.vars.CLAUDE_SESSION_ID;
	const readyBefore = new Set(flagBool(context, 'suggestNext') ? readyBeads(await openCurrentLedger(context.env).read(), {}, context.env.now()).map(bead => bead.id) : []);
	// A molecule's step with nested steps closes with its last one, and the root with its last step (as in Beads).
	const finished: Bead[] = [];
	const beads = await changeEach(context, ids, (state, _ledger, id, who) => {
		let closed = closeBead(state, id, {reason: reasons[ids.indexOf(id)], force}, who);
		if (session && !closed.closed_by_session) {
			closed = {...closed, closed_by_session: session};
			state.put(closed);
		}
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
	await afterClose(context, beads, readyBefore);
}

/** --suggest-next, --claim-next and --continue: what to do next, on stderr under --json. */
async function afterClose(context: CommandContext, closed: readonly Bead[], readyBefore: ReadonlySet<string>): Promise<void> {
	const say = (text: string) => (flagBool(context, 'json') ? context.out.note(text) : context.out.line(text));
	const ledger = openCurrentLedger(context.env);
	const now = context.env.now();
	if (flagBool(context, 'suggestNext')) {
		const unblocked = readyBeads(await ledger.read(), {}, now).filter(bead => !readyBefore.has(bead.id));
		say(unblocked.length === 0 ? 'Nothing new is ready.' : `Now ready: ${unblocked.map(bead => `${bead.id} ${safeText(bead.title)}`).join('; ')}`);
	}
	const molecule = flagBool(context, 'continue') ? closed.map(bead => bead.dependencies?.find(edge => edge.type === 'parent-child')?.depends_on_id).find(Boolean) : undefined;
	if (!flagBool(context, 'claimNext') && !molecule) return;
	const state = await ledger.read();
	const candidates = readyBeads(state, {}, now).filter(bead => !molecule || bead.dependencies?.some(edge => edge.type === 'parent-child' && edge.depends_on_id === molecule));
	const next = candidates[0];
	if (!next) {
		say(molecule ? `No next step of ${molecule} is ready.` : 'Nothing is ready to claim.');
		return;
	}
	if (molecule && flagBool(context, 'noAuto')) {
		say(`Next step: ${next.id} ${safeText(next.title)}`);
		return;
	}
	const claimed = await ledger.transact(current => claimBead(current, next.id, actorOf(context)));
	say(`Claimed ${claimed.id}: ${safeText(claimed.title)}`);
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
