// Exchange with Beads users: import is an upsert where the newer updated_at wins
// (deletions never travel through JSONL, as in Beads); export writes the durable
// beads sorted by id in the Beads line format.
import type {Ledger} from './ledger.js';
import {beadToLine, ledgerText, parseLedgerText} from './jsonl.js';
import type {Bead} from './types.js';

export type ImportReport = {created: string[]; updated: string[]; unchanged: string[]; skippedOlder: string[]};

const stamp = (bead: Bead) => new Date(bead.updated_at ?? bead.created_at ?? 0).getTime() || 0;

export async function importBeads(ledger: Ledger, text: string, file: string, options: {dryRun?: boolean} = {}): Promise<ImportReport> {
	// Parse the whole file first: a bad line stops the import before anything is written.
	const {beads} = parseLedgerText(text, file);
	const report: ImportReport = {created: [], updated: [], unchanged: [], skippedOlder: []};
	const apply = (state: Awaited<ReturnType<Ledger['read']>>) => {
		for (const incoming of beads) {
			const bead: Bead = {...incoming, created_at: incoming.created_at ?? new Date(0).toISOString()};
			bead.updated_at ??= bead.created_at;
			const current = state.get(bead.id);
			if (!current) {
				report.created.push(bead.id);
				state.put(bead);
			} else if (beadToLine(current) === beadToLine(bead)) {
				report.unchanged.push(bead.id);
			} else if (stamp(bead) < stamp(current)) {
				report.skippedOlder.push(bead.id);
			} else {
				report.updated.push(bead.id);
				state.put(bead);
			}
		}
	};
	if (options.dryRun) apply(await ledger.read());
	else await ledger.transact(apply);
	return report;
}

export function exportText(beads: readonly Bead[], options: {includeEphemeral?: boolean} = {}): string {
	return ledgerText(beads.filter(bead => options.includeEphemeral || !bead.ephemeral));
}
