// The three-way merge of one JSONL file: a beads ledger (issues.jsonl) bead by bead
// (merge-bead.ts), any other JSONL file (routes.jsonl) line by line as a set. The
// result is always a whole, valid file sorted by id: never conflict markers. A
// bead deleted on one side and edited on the other is kept (the edit is work
// someone did) with the label `sync-conflict`, and reported.
import {failure} from '../base/errors.js';
import {beadToLine, compareIds} from '../beads/jsonl.js';
import type {Bead} from '../beads/types.js';
import {canonical, mergeBead, type ClaimConflict} from './merge-bead.js';

/** The label a bead kept against a deletion carries, so `bd list -l sync-conflict` finds it. */
export const conflictLabel = 'sync-conflict';

export type LedgerMerge = {
	readonly text: string;
	/** Beads deleted on one side and edited on the other: kept, labelled. */
	readonly kept: readonly string[];
	/** Beads claimed (slung, hooked, --claim) on both sides for different holders. */
	readonly claims: readonly ClaimConflict[];
	/** Whether the file held beads (else it was merged as a set of lines). */
	readonly beads: boolean;
};

type Side = 'base' | 'ours' | 'theirs';
type Parsed = {records: Array<{record: Record<string, unknown>; line: string}>; blank: boolean};

function parseSide(text: string, file: string, side: Side): Parsed {
	const records: Parsed['records'] = [];
	const rows = text.split('\n');
	for (let index = 0; index < rows.length; index++) {
		const line = rows[index]!.trim();
		if (line.length === 0) continue;
		let record: unknown;
		try {
			record = JSON.parse(line);
		} catch {
			throw failure(`${file}: line ${index + 1} of the ${side} version is not valid JSON`, `fix that line in the ${side === 'ours' ? 'local' : side === 'theirs' ? 'incoming' : 'common'} version and merge again; the local file was left as it was`);
		}
		if (typeof record !== 'object' || record === null || Array.isArray(record)) {
			throw failure(`${file}: line ${index + 1} of the ${side} version is not a JSON object`, 'ledger files hold one object per line; the local file was left as it was');
		}
		records.push({record: record as Record<string, unknown>, line});
	}
	return {records, blank: records.length === 0};
}

/** Not a bead: a schema header, a memory record or any record Beads types other than "issue". */
const isExtra = (record: Record<string, unknown>) => record._schema !== undefined || (record._type !== undefined && record._type !== 'issue');
const isBead = (record: Record<string, unknown>) => !isExtra(record) && typeof record.id === 'string' && record.id.length > 0;

/** A three-way merge of sets of lines (compared as canonical JSON): ours' order, then theirs' additions. */
function mergeLines(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
	const key = (line: string) => {
		try {
			return canonical(JSON.parse(line));
		} catch {
			return line;
		}
	};
	const b = new Set(base.map(key));
	const t = new Map(theirs.map(line => [key(line), line] as const));
	const o = new Map(ours.map(line => [key(line), line] as const));
	const keep = (k: string) => (o.has(k) && t.has(k)) || (!b.has(k) && (o.has(k) || t.has(k)));
	const result: string[] = [];
	const seen = new Set<string>();
	for (const [k, line] of [...o, ...t]) {
		if (seen.has(k) || !keep(k)) continue;
		seen.add(k);
		result.push(line);
	}
	return result;
}

function byId(parsed: Parsed, file: string, side: Side): Map<string, {record: Bead; line: string}> {
	const map = new Map<string, {record: Bead; line: string}>();
	for (const {record, line} of parsed.records) {
		if (!isBead(record)) continue;
		const id = record.id as string;
		if (map.has(id)) throw failure(`${file}: bead ${id} is stored twice in the ${side} version`, 'keep one copy of it by hand (`bd show` refuses such a ledger too), then merge again');
		map.set(id, {record: record as Bead, line});
	}
	return map;
}

function withConflictLabel(bead: Bead): Bead {
	const labels = bead.labels ?? [];
	return labels.includes(conflictLabel) ? bead : {...bead, labels: [...labels, conflictLabel]};
}

/**
 * Merges the three versions of a JSONL file. `file` names it in errors. Throws a
 * GtError (and merges nothing) when a version does not parse.
 */
export function mergeLedgerTexts(base: string, ours: string, theirs: string, file: string): LedgerMerge {
	const sides = {base: parseSide(base, file, 'base'), ours: parseSide(ours, file, 'ours'), theirs: parseSide(theirs, file, 'theirs')};
	const all = [...sides.base.records, ...sides.ours.records, ...sides.theirs.records];
	const beadFile = all.length > 0 && all.every(({record}) => isBead(record) || isExtra(record));
	if (!beadFile) {
		const lines = mergeLines(sides.base.records.map(r => r.line), sides.ours.records.map(r => r.line), sides.theirs.records.map(r => r.line));
		return {text: lines.length > 0 ? `${lines.join('\n')}\n` : '', kept: [], claims: [], beads: false};
	}
	const extraLines = (parsed: Parsed) => parsed.records.filter(({record}) => isExtra(record)).map(({line}) => line);
	const extras = mergeLines(extraLines(sides.base), extraLines(sides.ours), extraLines(sides.theirs));
	const b = byId(sides.base, file, 'base');
	const o = byId(sides.ours, file, 'ours');
	const t = byId(sides.theirs, file, 'theirs');
	const ids = [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort(compareIds);
	const rows: string[] = [];
	const kept: string[] = [];
	const claims: ClaimConflict[] = [];
	for (const id of ids) {
		const before = b.get(id);
		const mine = o.get(id);
		const other = t.get(id);
		if (mine && other) {
			const merged = mergeBead(before?.record, mine.record, other.record);
			if (merged.claim) claims.push(merged.claim);
			rows.push(merged.bead === mine.record ? mine.line : merged.bead === other.record ? other.line : beadToLine(merged.bead));
			continue;
		}
		const present = mine ?? other;
		if (!present) continue; // deleted on both sides
		if (!before) {
			rows.push(present.line); // created on one side
			continue;
		}
		// Deleted on one side: gone if the other left it as it was, else kept and flagged.
		if (canonical(present.record) === canonical(before.record)) continue;
		kept.push(id);
		rows.push(beadToLine(withConflictLabel(present.record)));
	}
	const lines = [...extras, ...rows];
	return {text: lines.length > 0 ? `${lines.join('\n')}\n` : '', kept, claims, beads: true};
}
