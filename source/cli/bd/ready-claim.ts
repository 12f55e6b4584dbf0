// `bd ready --claim`: take the first ready bead that is still claimable when the
// ledger's lock is held (another agent may have taken the first one since the read),
// as the original's atomic ClaimReadyIssue does.
import type {Ledger} from '../../core/beads/ledger.js';
import {claimBead} from '../../core/beads/operations.js';
import {readyCounts} from '../../core/beads/refine.js';
import type {Bead} from '../../core/beads/types.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function claimFirst(context: CommandContext, ledger: Ledger, candidates: readonly Bead[]): Promise<void> {
	const who = actorOf(context);
	const claimed = await ledger.transact(state => {
		for (const candidate of candidates) {
			const bead = state.get(candidate.id);
			if (bead?.status === 'open' && (!bead.assignee || bead.assignee === who.actor)) return claimBead(state, candidate.id, who);
		}
		return undefined;
	});
	const json = flagBool(context, 'json');
	if (!claimed) {
		if (json) context.out.json([]);
		else context.out.line('○ No ready work to claim');
		return;
	}
	if (json) {
		const view = await ledger.view();
		context.out.json([{...claimed, ...readyCounts(view, claimed)}]);
	} else context.out.line(`✓ Claimed ${claimed.id}: ${safeText(claimed.title)}`);
}
