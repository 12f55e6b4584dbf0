// Beads JSONL: one bead per line. Parsing takes the fast path (the whole file as one
// JSON array) and falls back to line by line only to name the bad line.
import {derivedKeys, fieldOrder, type Bead} from './types.js';
import {failure} from '../errors.js';

export type ParsedLedgerFile = {
	beads: Bead[];
	/** Lines that are not beads (memory records, headers): kept and written back as they were. */
	extra: Array<Record<string, unknown>>;
};

function isBeadRecord(record: Record<string, unknown>): boolean {
	return record._type === undefined || record._type === 'issue';
}

export function normalizeImported(record: Record<string, unknown>): Bead {
	const bead: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) {
		if (derivedKeys.has(key)) continue;
		bead[key] = value;
	}
	// Older Beads files say `wisp: true` for ephemeral.
	if (bead.wisp === true && bead.ephemeral === undefined) {
		bead.ephemeral = true;
		delete bead.wisp;
	}
	bead.status ??= 'open';
	bead.issue_type ??= 'task';
	bead.priority ??= 0;
	bead.title ??= '';
	return bead as Bead;
}

/** Lines this tool wrote need no normalising; only foreign ones (Beads exports) do. */
function needsNormalizing(record: Record<string, unknown>): boolean {
	if (record.status === undefined || record.issue_type === undefined || record.priority === undefined || record.title === undefined) return true;
	for (const key of derivedKeys) if (key in record) return true;
	return 'wisp' in record;
}

export type ParsedLedgerFileWithLines = ParsedLedgerFile & {
	/** The line each bead was read from, when it needed no normalising: rewritten as is if the bead is unchanged. */
	lines: Map<string, string>;
};

export function parseLedgerText(text: string, file: string): ParsedLedgerFileWithLines {
	const beads: Bead[] = [];
	const extra: Array<Record<string, unknown>> = [];
	const lines = new Map<string, string>();
	// One JSON.parse per line: measured faster than one parse of the joined file on
	// 10,000 beads, and it keeps each line for reuse and for naming a bad one.
	const rows = text.split('\n');
	for (let index = 0; index < rows.length; index++) {
		const line = rows[index]!;
		if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) continue;
		let record: unknown;
		try {
			record = JSON.parse(line);
		} catch (error) {
			throw failure(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`, 'fix or remove that line by hand; nothing was written');
		}
		if (typeof record !== 'object' || record === null || Array.isArray(record)) {
			throw failure(`${file}:${index + 1}: expected one JSON object per line`, 'fix or remove that line by hand; nothing was written');
		}
		const object = record as Record<string, unknown>;
		if (object._schema !== undefined || !isBeadRecord(object)) {
			extra.push(object);
			continue;
		}
		if (typeof object.id !== 'string' || object.id.length === 0) {
			throw failure(`${file}:${index + 1}: record has no "id"`, 'fix or remove that line by hand; nothing was written');
		}
		if (object.status === 'tombstone') continue;
		if (needsNormalizing(object)) {
			beads.push(normalizeImported(object));
		} else {
			beads.push(object as Bead);
			lines.set(object.id, line);
		}
	}
	return {beads, extra, lines};
}

/** One bead as a line: known keys in Beads order, empty values left out, unknown keys after. */
export function beadToLine(bead: Bead): string {
	const ordered: Record<string, unknown> = {};
	const always = new Set(['id', 'title', 'priority', 'created_at', 'updated_at', 'status', 'issue_type']);
	for (const key of fieldOrder) {
		const value = bead[key];
		if (isEmpty(value) && !always.has(key)) continue;
		if (value !== undefined) ordered[key] = value;
	}
	for (const [key, value] of Object.entries(bead)) {
		if (key in ordered || knownFields.has(key) || value === undefined) continue;
		ordered[key] = value;
	}
	return JSON.stringify(ordered);
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

const knownFields: ReadonlySet<string> = new Set(fieldOrder);

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The file text: extra records first, then beads by id; `lineOf` may supply a bead's existing line. */
export function ledgerText(beads: Iterable<Bead>, extra: ReadonlyArray<Record<string, unknown>> = [], lineOf?: (bead: Bead) => string | undefined): string {
	const sorted = [...beads].sort((a, b) => compareIds(a.id, b.id));
	const lines = [...extra.map(record => JSON.stringify(record)), ...sorted.map(bead => lineOf?.(bead) ?? beadToLine(bead))];
	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
