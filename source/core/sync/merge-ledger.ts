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
/** A line and, once needed, its record. Lines this tool wrote start with their id, which is read without parsing the rest. */
type Row = {line: string; id?: string; record?: Record<string, unknown>; index: number};
type Parsed = {rows: Row[]};

/** The id of a line as beadToLine writes it (`{"id":"mp-a1b",…`), or undefined when only a full parse can tell. */
function quickId(line: string): string | undefined {
	if (!line.startsWith('{"id":"') || line.includes('"_type"') || line.includes('"_schema"')) return undefined;
	const end = line.indexOf('"', 7);
	const id = end > 7 ? line.slice(7, end) : '';
	return id && !id.includes('\\') ? id : undefined;
}

function parseRow(row: Row, file: string, side: Side): Record<string, unknown> {
	if (row.record) return row.record;
	let record: unknown;
	try {
		record = JSON.parse(row.line);
	} catch {
		throw failure(`${file}: line ${row.index + 1} of the ${side} version is not valid JSON`, `fix that line in the ${side === 'ours' ? 'local' : side === 'theirs' ? 'incoming' : 'common'} version and merge again; the local file was left as it was`);
	}
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		throw failure(`${file}: line ${row.index + 1} of the ${side} version is not a JSON object`, 'ledger files hold one object per line; the local file was left as it was');
	}
	row.record = record as Record<string, unknown>;
	return row.record;
}

function parseSide(text: string, file: string, side: Side): Parsed {
	const rows: Row[] = [];
	const lines = text.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!.trim();
		if (line.length === 0) continue;
		const row: Row = {line, index};
		const id = quickId(line);
		if (id) row.id = id;
		else parseRow(row, file, side);
		rows.push(row);
	}
	return {rows};
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

function byId(parsed: Parsed, file: string, side: Side): Map<string, Row> {
	const map = new Map<string, Row>();
	for (const row of parsed.rows) {
		if (!rowIsBead(row)) continue;
		const id = row.id ?? (row.record!.id as string);
		if (map.has(id)) throw failure(`${file}: bead ${id} is stored twice in the ${side} version`, 'keep one copy of it by hand (`bd show` refuses such a ledger too), then merge again');
		map.set(id, row);
	}
	return map;
}

const rowIsBead = (row: Row) => row.id !== undefined || isBead(row.record!);
const rowIsExtra = (row: Row) => row.id === undefined && isExtra(row.record!);

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
	const all = [...sides.base.rows, ...sides.ours.rows, ...sides.theirs.rows];
	const beadFile = all.length > 0 && all.every(row => rowIsBead(row) || rowIsExtra(row));
	if (!beadFile) {
		const lines = mergeLines(sides.base.rows.map(r => r.line), sides.ours.rows.map(r => r.line), sides.theirs.rows.map(r => r.line));
		return {text: lines.length > 0 ? `${lines.join('\n')}\n` : '', kept: [], claims: [], beads: false};
	}
	const extraLines = (parsed: Parsed) => parsed.rows.filter(rowIsExtra).map(({line}) => line);
	const extras = mergeLines(extraLines(sides.base), extraLines(sides.ours), extraLines(sides.theirs));
	const b = byId(sides.base, file, 'base');
	const o = byId(sides.ours, file, 'ours');
	const t = byId(sides.theirs, file, 'theirs');
	const ids = [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort(compareIds);
	const rows: string[] = [];
	const kept: string[] = [];
	const claims: ClaimConflict[] = [];
	const bead = (row: Row, side: Side) => parseRow(row, file, side) as Bead;
	for (const id of ids) {
		const before = b.get(id);
		const mine = o.get(id);
		const other = t.get(id);
		if (mine && other) {
			// Most beads are the same line on both sides, or changed on one only: no parse needed.
			// A line that is not the base's is parsed, so a broken one never lands in the result.
			if (mine.line === other.line || before?.line === other.line) {
				if (before?.line !== mine.line) bead(mine, 'ours');
				rows.push(mine.line);
				continue;
			}
			if (before?.line === mine.line) {
				bead(other, 'theirs');
				rows.push(other.line);
				continue;
			}
			const ours = bead(mine, 'ours');
			const theirs = bead(other, 'theirs');
			const merged = mergeBead(before ? bead(before, 'base') : undefined, ours, theirs);
			if (merged.claim) claims.push(merged.claim);
			rows.push(merged.bead === ours ? mine.line : merged.bead === theirs ? other.line : beadToLine(merged.bead));
			continue;
		}
		const present = mine ?? other;
		if (!present) continue; // deleted on both sides
		if (!before) {
			bead(present, mine ? 'ours' : 'theirs');
			rows.push(present.line); // created on one side
			continue;
		}
		// Deleted on one side: gone if the other left it as it was, else kept and flagged.
		if (present.line === before.line) continue;
		const record = bead(present, mine ? 'ours' : 'theirs');
		if (canonical(record) === canonical(bead(before, 'base'))) continue;
		kept.push(id);
		rows.push(beadToLine(withConflictLabel(record)));
	}
	const lines = [...extras, ...rows];
	return {text: lines.length > 0 ? `${lines.join('\n')}\n` : '', kept, claims, beads: true};
}
