// What every bd command needs from its context: who is acting and when.
import type {Actor} from '../../core/beads/operations.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {flagString, type CommandContext} from '../spec.js';
import type {Ledger} from '../../core/beads/ledger.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import type {Bead} from '../../core/beads/types.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import {safeText} from '../../core/base/terminal-text.js';

export function actorOf(context: CommandContext): Actor {
	return {actor: actorFrom(context.env, flagString(context, 'actor')), now: context.env.now()};
}

/** `-n`: a limit where 0 means all; lists default to 50 lines for people and everything for --json. */
export function limitOf(context: CommandContext, humanDefault: number): number {
	const given = context.flags.limit;
	if (given === undefined) return context.flags.json ? 0 : humanDefault;
	const limit = Number(given);
	if (!Number.isSafeInteger(limit) || limit < 0) throw usageError(`--limit must be a whole number, 0 or more (got ${JSON.stringify(String(given))})`, 'give -n 20, or -n 0 for all');
	return limit;
}


/**
 * Applies one change to each id, one transaction per ledger. Every id is checked
 * to exist before any ledger is written, so a typo changes nothing.
 */
export async function changeEach(context: CommandContext, ids: readonly string[], change: (state: LedgerState, ledger: Ledger, id: string, who: Actor) => Bead): Promise<Bead[]> {
	const groups = groupIdsByLedger(context.env, ids);
	// With one ledger the transaction itself checks every id before it writes; with
	// several, check them all first so a typo in the last one changes nothing.
	if (groups.length > 1) {
		for (const {ledger, ids: groupIds} of groups) {
			const state = await ledger.read();
			for (const id of groupIds) state.require(id);
		}
	}
	const who = actorOf(context);
	const results = new Map<string, Bead>();
	for (const {ledger, ids: groupIds} of groups) {
		await ledger.transact(state => {
			for (const id of groupIds) results.set(id, change(state, ledger, id, who));
		});
	}
	return ids.map(id => results.get(id)!);
}

/** Prints changed beads: JSON array, or one "<verb> <id>: <title>" line each. */
export function reportChanged(context: CommandContext, beads: readonly Bead[], verb: string): void {
	if (context.flags.json) context.out.json(beads);
	else for (const bead of beads) context.out.line(`${verb} ${bead.id}: ${safeText(bead.title)}`);
}
