// What a sync brought in and sent out, per ledger: bead ids added, changed and
// removed between two versions of an issues.jsonl. Lines are compared first and
// only the lines that differ are parsed, so 100 changes in 10,000 beads cost 100
// JSON.parse calls, not 20,000.
import path from 'node:path';

export type LedgerChange = {
	/** The ledger's directory relative to the repository ('.beads', 'mp/.beads'). */
	readonly ledger: string;
	readonly added: readonly string[];
	readonly changed: readonly string[];
	readonly removed: readonly string[];
};

export const isLedgerPath = (file: string) => path.posix.basename(file) === 'issues.jsonl' && path.posix.basename(path.posix.dirname(file)) === '.beads';

function idOf(line: string): string | undefined {
	try {
		const record = JSON.parse(line) as Record<string, unknown>;
		return typeof record.id === 'string' && record._schema === undefined ? record.id : undefined;
	} catch {
		return undefined;
	}
}

export function ledgerChange(file: string, before: string, after: string): LedgerChange {
	const lines = (text: string) => new Set(text.split('\n').map(line => line.trim()).filter(Boolean));
	const old = lines(before);
	const next = lines(after);
	const gone = new Set<string>();
	const came = new Set<string>();
	const idsOf = (lines: Set<string>, without: Set<string>, into: Set<string>) => {
		for (const line of lines) {
			if (without.has(line)) continue;
			const id = idOf(line);
			if (id) into.add(id);
		}
	};
	idsOf(old, next, gone);
	idsOf(next, old, came);
	const added: string[] = [];
	const changed: string[] = [];
	for (const id of came) (gone.has(id) ? changed : added).push(id);
	const removed = [...gone].filter(id => !came.has(id));
	return {ledger: path.posix.dirname(file), added: added.sort(), changed: changed.sort(), removed: removed.sort()};
}

export const isEmptyChange = (change: LedgerChange) => change.added.length + change.changed.length + change.removed.length === 0;
