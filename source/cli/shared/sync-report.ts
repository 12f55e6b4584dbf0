// What gt sync and bd sync print: what went out, what came in, and anything the
// merge had to decide for the user (a bead kept against a deletion, a claim made on
// both machines).
import type {LedgerChange} from '../../core/sync/ledger-changes.js';
import type {SyncResult} from '../../core/sync/sync.js';
import {ledgerName} from '../../core/sync/town-sync.js';
import {conflictLabel} from '../../core/sync/merge-ledger.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {Output} from '../spec.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeChanges(changes: readonly LedgerChange[]): string {
	if (changes.length === 0) return 'no bead changes';
	return changes.map(change => {
		const parts = [
			change.added.length > 0 ? `${change.added.length} new` : '',
			change.changed.length > 0 ? `${change.changed.length} changed` : '',
			change.removed.length > 0 ? `${change.removed.length} removed` : '',
		].filter(Boolean);
		return `${ledgerName(change.ledger)} ${parts.join(', ')}`;
	}).join(' · ');
}

export function printSyncResult(out: Output, result: SyncResult, extra: {site?: string} = {}): void {
	const nothing = !result.committed && result.incoming.commits === 0 && !result.pushed;
	out.line(nothing ? `Up to date with ${result.remote}/${result.branch}` : `Synced with ${result.remote}/${result.branch}${extra.site ? ` (this clone: ${extra.site})` : ''}${result.rounds > 1 ? `, after ${result.rounds - 1} push race${result.rounds > 2 ? 's' : ''}` : ''}`);
	if (!nothing) {
		out.line(`  out  ${result.pushed ? `${plural(result.outgoing.commits, 'commit')}: ${describeChanges(result.outgoing.changes)}` : 'nothing'}`);
		out.line(`  in   ${result.incoming.commits > 0 ? `${plural(result.incoming.commits, 'commit')}: ${describeChanges(result.incoming.changes)}` : 'nothing'}`);
	}
	for (const {ledger, id} of result.kept) {
		out.line(`  kept ${id} (${ledgerName(ledger)}): deleted on one side, edited on the other; labelled ${conflictLabel} (bd delete ${id} if it should go)`);
	}
	for (const claim of result.claims) {
		const winner = claim.winner === 'ours' ? claim.ours : claim.theirs;
		const loser = claim.winner === 'ours' ? claim.theirs : claim.ours;
		out.line(`  claim ${claim.id} "${safeText(claim.title)}" was taken on both machines: ${safeText(winner.holder)} (first, ${winner.at}) keeps it; ${safeText(loser.holder)} lost it and must stop working on it`);
	}
}
