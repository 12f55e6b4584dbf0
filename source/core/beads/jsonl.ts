// Beads JSONL: one bead per line. Parsing takes the fast path (the whole file as one
// JSON array) and falls back to line by line only to name the bad line.
import {derivedKeys, fieldOrder, type Bead} from './types.js';
import {failure, type GtError} from '../base/errors.js';

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

/** The bead a reader gets from one parsed bead line (normalised if it came from elsewhere). */
export function beadFromRecord(record: Record<string, unknown>): Bead {
	return needsNormalizing(record) ? normalizeImported(record) : (record as Bead);
}

/** Where each bead's line is in the file, in the order of `beads`: byte offset and length, and the line itself when it needed no normalising. */
export type LedgerFileLayout = {
	offsets: number[];
	lengths: number[];
	rows: Array<string | undefined>;
};

export type ParsedLedgerFileWithLines = ParsedLedgerFile & {
	/** The line each bead was read from, when it needed no normalising: rewritten as is if the bead is unchanged. */
	lines: Map<string, string>;
	/** Only when asked for (the read index needs it). */
	layout?: LedgerFileLayout;
};

export type ParseOptions = {
	/** Also record each bead's line position. */
	layout?: boolean;
	/** The file's size in bytes, if known: equal to text.length means ASCII, so char offsets are byte offsets. */
	byteLength?: number;
	/** Refuse an id stored twice (ledger files; an import file may repeat an id, the later line winning). */
	unique?: boolean;
};

export function parseLedgerText(text: string, file: string, options: ParseOptions = {}): ParsedLedgerFileWithLines {
	const beads: Bead[] = [];
	const extra: Array<Record<string, unknown>> = [];
	const lines = new Map<string, string>();
	const layout: LedgerFileLayout | undefined = options.layout ? {offsets: [], lengths: [], rows: []} : undefined;
	const ascii = layout !== undefined && (options.byteLength ?? Buffer.byteLength(text)) === text.length;
	let offset = 0;
	let next = 0;
	// One JSON.parse per line: measured faster than one parse of the joined file on
	// 10,000 beads, and it keeps each line for reuse and for naming a bad one.
	const rows = text.split('\n');
	// Ledger files hold each id once; a git merge that kept both sides of a conflict
	// leaves two. Which one is right is the user's call, never a silent drop.
	const firstLine = options.unique ? new Map<string, number>() : undefined;
	for (let index = 0; index < rows.length; index++) {
		const line = rows[index]!;
		if (layout) {
			offset = next;
			next += (ascii ? line.length : Buffer.byteLength(line)) + 1;
		}
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
		if (firstLine) {
			const first = firstLine.get(object.id);
			if (first !== undefined) throw duplicateId(file, object.id, first, index + 1);
			firstLine.set(object.id, index + 1);
		}
		if (object.status === 'tombstone') continue;
		const normalize = needsNormalizing(object);
		if (normalize) {
			beads.push(normalizeImported(object));
		} else {
			beads.push(object as Bead);
			lines.set(object.id, line);
		}
		if (layout) {
			layout.offsets.push(offset);
			layout.lengths.push(next - offset - 1);
			layout.rows.push(normalize ? undefined : line);
		}
	}
	return layout ? {beads, extra, lines, layout} : {beads, extra, lines};
}

/** The refusal for an id stored twice: where both copies are, and what to do. */
export function duplicateId(file: string, id: string, firstLine: number, secondLine: number, secondFile = file): GtError {
	const where = secondFile === file ? `${file}:${firstLine} and :${secondLine}` : `${file}:${firstLine} and ${secondFile}:${secondLine}`;
	return failure(
		`bead ${id} is stored twice (${where}); nothing is written to this ledger until one copy is removed`,
		'keep the copy with the newer updated_at (merge its comments and labels by hand if both have some), delete the other line, then run the command again',
	);
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

/** A file as written: its text, its beads in file order, and where each one's line is (rows are every bead's line). */
export type LedgerFileText = {
	text: string;
	/** The text as UTF-8, ready to write. */
	bytes: Buffer;
	beads: Bead[];
	layout: LedgerFileLayout & {rows: string[]};
	/** Per bead: its line came from `lineOf` (kept as read) rather than written afresh. */
	kept: boolean[];
};

/** ledgerText, plus where each bead's line landed (for the read index). */
export function ledgerFile(beads: Iterable<Bead>, extra: ReadonlyArray<Record<string, unknown>> = [], lineOf?: (bead: Bead) => string | undefined): LedgerFileText {
	const sorted = [...beads].sort((a, b) => compareIds(a.id, b.id));
	const kept: boolean[] = [];
	const rows = sorted.map(bead => {
		const line = lineOf?.(bead);
		kept.push(line !== undefined);
		return line ?? beadToLine(bead);
	});
	const lines = [...extra.map(record => JSON.stringify(record)), ...rows];
	const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
	const bytes = Buffer.from(text);
	const ascii = bytes.length === text.length;
	const offsets: number[] = [];
	const lengths: number[] = [];
	let offset = 0;
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const length = ascii ? line.length : Buffer.byteLength(line);
		if (index >= extra.length) {
			offsets.push(offset);
			lengths.push(length);
		}
		offset += length + 1;
	}
	return {text, bytes, beads: sorted, layout: {offsets, lengths, rows}, kept};
}

/** The file text: extra records first, then beads by id; `lineOf` may supply a bead's existing line. */
export function ledgerText(beads: Iterable<Bead>, extra: ReadonlyArray<Record<string, unknown>> = [], lineOf?: (bead: Bead) => string | undefined): string {
	const sorted = [...beads].sort((a, b) => compareIds(a.id, b.id));
	const lines = [...extra.map(record => JSON.stringify(record)), ...sorted.map(bead => lineOf?.(bead) ?? beadToLine(bead))];
	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
