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

export function parseLedgerText(text: string, file: string): ParsedLedgerFile {
	const lines = text.split('\n');
	let records: Array<Record<string, unknown>> | undefined;
	const nonEmpty = lines.filter(line => line.trim().length > 0);
	try {
		records = JSON.parse(`[${nonEmpty.join(',')}]`) as Array<Record<string, unknown>>;
	} catch {
		records = undefined;
	}
	if (!records || records.some(record => typeof record !== 'object' || record === null || Array.isArray(record))) {
		records = [];
		for (const [index, line] of lines.entries()) {
			if (line.trim().length === 0) continue;
			let record: unknown;
			try {
				record = JSON.parse(line);
			} catch (error) {
				throw failure(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`, 'fix or remove that line by hand; nothing was written');
			}
			if (typeof record !== 'object' || record === null || Array.isArray(record)) {
				throw failure(`${file}:${index + 1}: expected one JSON object per line`, 'fix or remove that line by hand; nothing was written');
			}
			records.push(record as Record<string, unknown>);
		}
	}
	const beads: Bead[] = [];
	const extra: Array<Record<string, unknown>> = [];
	for (const [index, record] of records.entries()) {
		if (record._schema !== undefined || !isBeadRecord(record)) {
			extra.push(record);
			continue;
		}
		if (typeof record.id !== 'string' || record.id.length === 0) {
			throw failure(`${file}: record ${index + 1} has no "id"`, 'fix or remove that line by hand; nothing was written');
		}
		if (record.status === 'tombstone') continue;
		beads.push(normalizeImported(record));
	}
	return {beads, extra};
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
		if (key in ordered || (fieldOrder as readonly string[]).includes(key) || value === undefined) continue;
		ordered[key] = value;
	}
	return JSON.stringify(ordered);
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function ledgerText(beads: Iterable<Bead>, extra: ReadonlyArray<Record<string, unknown>> = []): string {
	const sorted = [...beads].sort((a, b) => compareIds(a.id, b.id));
	const lines = [...extra.map(record => JSON.stringify(record)), ...sorted.map(beadToLine)];
	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
