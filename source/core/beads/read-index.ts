// A derived read index of one ledger, `.beads/.cache/index.bin`, so read-only
// queries (`bd ready`, `bd list`, `bd blocked`, `bd stats`, `bd show`) skip parsing
// every JSON line: per bead it keeps only the fields queries look at, what blocks
// it and what defers it (computed by the writer: Beads' "blocked cache"), and where
// its line is, so full records are sliced out only for the beads a command prints.
//
// It is valid only for the exact files it was built from: it names the (size,
// mtimeMs, ino) of issues.jsonl and wisps.jsonl, and an atomic rename changes the
// inode. A reader that finds no index, a stale key or an unreadable one falls back
// to the full parse (and rebuilds the index); it never trusts a stale one. Writers
// rebuild it under the ledger lock from the state they already hold in memory.
//
// The format is described below, before the code that writes it.
import {closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, type Stats} from 'node:fs';
import path from 'node:path';
import {errnoCode} from '../errors.js';
import {beadFromRecord} from './jsonl.js';
import {LedgerState} from './ledger-state.js';
import {blockedBeads, blockedFrom, deferralOf, isDone, ledgerStats, listBeads, listFrom, readinessOf, readyBeads, readyFrom, toBlocker, type BeadFilter, type BlockedBead, type Blocker, type LedgerStats, type Readiness} from './queries.js';
import type {Bead, Dependency} from './types.js';

export const indexVersion = 1;
export const cacheDirName = '.cache';
export const indexFileName = 'index.bin';

/** (size, mtimeMs, ino) of one ledger file; null when it does not exist. */
export type FileKey = readonly [size: number, mtimeMs: number, ino: number];

export const keyOf = (stats: Stats): FileKey => [stats.size, stats.mtimeMs, stats.ino];

export function sameKey(a: FileKey | null | undefined, b: FileKey | null | undefined): boolean {
	if (!a || !b) return a === null && b === null;
	return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

export const indexPath = (dir: string) => path.join(dir, cacheDirName, indexFileName);

/**
 * What `bd` reads to answer a query. `state` holds either whole beads (after a full
 * parse) or, from the index, beads with only the fields queries use; `readiness`
 * says what blocks and defers them; `record`, `json` and `jsonArray` give full
 * records either way, exactly as `Ledger.read()` and JSON.stringify would.
 */
export interface LedgerView {
	readonly state: LedgerState;
	readonly readiness: Readiness;
	/** Whether `state` came from the read index (so its beads are partial). */
	readonly indexed: boolean;
	/** The queries, as queries.ts defines them over `state`. */
	ready(filter: BeadFilter, now: Date): Bead[];
	list(filter: BeadFilter): Bead[];
	blocked(): BlockedBead[];
	stats(now: Date): LedgerStats;
	/** The whole bead, as `Ledger.read()` gives it. */
	record(id: string): Bead;
	/** `JSON.stringify({...record(id), ...extra})`, straight from the stored line when that is the same text. */
	json(id: string, extra?: Record<string, unknown>): string;
	/** `JSON.stringify` of the records (each with its extra), as one compact JSON array. */
	jsonArray(ids: readonly string[], extras?: ReadonlyArray<Record<string, unknown>>): string;
}

/** The view over a full parse. */
export class FullView implements LedgerView {
	readonly indexed = false;
	#readiness: Readiness | undefined;
	constructor(readonly state: LedgerState) {}

	get readiness(): Readiness {
		return (this.#readiness ??= readinessOf(this.state));
	}

	ready(filter: BeadFilter, now: Date): Bead[] {
		return readyBeads(this.state, filter, now);
	}

	list(filter: BeadFilter): Bead[] {
		return listBeads(this.state, filter);
	}

	blocked(): BlockedBead[] {
		return blockedBeads(this.state);
	}

	stats(now: Date): LedgerStats {
		return ledgerStats(this.state, now);
	}

	record(id: string): Bead {
		return this.state.require(id);
	}

	json(id: string, extra?: Record<string, unknown>): string {
		const bead = this.record(id);
		return JSON.stringify(extra ? {...bead, ...extra} : bead);
	}

	jsonArray(ids: readonly string[], extras?: ReadonlyArray<Record<string, unknown>>): string {
		return `[${ids.map((id, index) => this.json(id, extras?.[index])).join(',')}]`;
	}
}

// ---- format ------------------------------------------------------------------
//
// One JSON header line (version, file keys, odd lines, where each section is), then
// 8-byte aligned sections: numeric columns as raw Int32/Float64 arrays in the
// machine's byte order (read as typed-array views: no parsing, and nothing on the JS
// heap for the collector to copy around), every string in one UTF-8 blob (decoded
// once, sliced per bead), and a small JSON dictionary of repeated values.

/** Int32 columns. Per bead unless noted; "string" means a number into `so`, -1 for none. */
const int32Columns = [
	'id', 'ti', 'ca', 'du', // strings: id, title, created_at, defer_until
	'st', 'ty', 'as', 'lb', // dictionary codes (-1: none): status, type, assignee, labels
	'ep', // 1: ephemeral
	'fi', 'at', 'ln', // file (0 issues.jsonl, 1 wisps.jsonl), byte offset and length of the line
	'bs', 'bp', // blockers: bead i's are [entry, via code] pairs bp[bs[i]] to bp[bs[i + 1]] (bs has n + 1)
	'es', 'et', 'ec', 'eg', 'ei', // dependencies: bead i's are es[i] to es[i + 1]: target string, type code, gate string, issue_id (-2: the bead itself)
	'so', // where each string starts in the blob (UTF-16 units), plus its end
] as const;
/** Float64 columns: priority, and deferral (+Infinity always, -Infinity never, else the latest defer_until in ms). */
const float64Columns = ['pr', 'df'] as const;

type Int32Column = (typeof int32Columns)[number];
type Float64Column = (typeof float64Columns)[number];
type Section = Int32Column | Float64Column | 'blob' | 'dict';

type Header = {
	v: number;
	/** The columns' byte order: an index is only read on a machine with the same. */
	le?: boolean;
	keys: Array<FileKey | null>;
	/** The files cannot be indexed (see indexable): read them in full. */
	full?: boolean;
	/** Beads whose line is not exactly JSON.stringify of the bead, as [file, id]. */
	odd?: Array<[number, string]>;
	count?: number;
	/** Byte offset (from the first 8-aligned byte after the header line) and length of each section. */
	sections?: Record<Section, [number, number]>;
};

const align = (offset: number) => (offset + 7) & ~7;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// ---- building ----------------------------------------------------------------

/** One ledger file as the index records it. */
export type IndexSource = {
	key: FileKey | null;
	/** The beads exactly as a reader of this file gets them (normalised; ephemeral set for wisps.jsonl), in file order. */
	beads: readonly Bead[];
	offsets: readonly number[];
	lengths: readonly number[];
	/** Per bead: its line is not exactly `JSON.stringify(bead)`, so output re-serialises the parsed line. */
	odd: readonly boolean[];
};

const absent = (value: unknown) => value === undefined || value === null;
const optionalString = (value: unknown) => value === undefined || value === null || typeof value === 'string';
const gateOf = (dependency: Dependency) => (dependency.metadata as {gate?: unknown} | undefined)?.gate;

/**
 * Whether the index can stand in for this bead: every field queries read has a
 * plain JSON type, so the copy in the index behaves the same in every comparison.
 * Hand-edited oddities (a number for a status, a dependency that is not an object)
 * leave the whole ledger unindexed: it is read the slow way, as before.
 */
function indexable(bead: Bead): boolean {
	if (typeof bead.status !== 'string' || typeof bead.issue_type !== 'string' || typeof bead.title !== 'string' || typeof bead.priority !== 'number') return false;
	if (!optionalString(bead.created_at) || !optionalString(bead.assignee) || !optionalString(bead.defer_until)) return false;
	if (!(absent(bead.ephemeral) || typeof bead.ephemeral === 'boolean')) return false;
	const labels = bead.labels as unknown;
	if (!absent(labels)) {
		if (!Array.isArray(labels)) return false;
		for (const label of labels) if (typeof label !== 'string') return false;
	}
	const dependencies = bead.dependencies as unknown;
	if (absent(dependencies)) return true;
	if (!Array.isArray(dependencies)) return false;
	for (const edge of dependencies as Dependency[]) {
		if (typeof edge !== 'object' || edge === null || Array.isArray(edge)) return false;
		if (typeof edge.depends_on_id !== 'string' || typeof edge.type !== 'string' || !optionalString(edge.issue_id) || !optionalString(gateOf(edge))) return false;
	}
	return true;
}

/**
 * Whether blockers depend on the order beads are asked about: only when a chain of
 * parent-child edges between unfinished beads loops (BlockedIndex then cuts the loop
 * where it entered it). Such a ledger is imported, never made here; it stays unindexed.
 */
function hasParentLoop(state: LedgerState): boolean {
	const parentsOf = (bead: Bead) => {
		let parents: string[] | undefined;
		if (!isDone(bead) && bead.dependencies) {
			for (const edge of bead.dependencies) if (edge.type === 'parent-child' && state.has(edge.depends_on_id)) (parents ??= []).push(edge.depends_on_id);
		}
		return parents;
	};
	const seen = new Map<string, 'open' | 'done'>(); // open: on the current path
	for (const start of state.values()) {
		// Beads without parents cannot be on a loop; most beads are like that.
		const first = seen.has(start.id) ? undefined : parentsOf(start);
		if (!first) continue;
		const stack = [{id: start.id, next: first}];
		seen.set(start.id, 'open');
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			const parent = top.next.pop();
			if (parent === undefined) {
				stack.pop();
				seen.set(top.id, 'done');
				continue;
			}
			const mark = seen.get(parent);
			if (mark === 'open') return true;
			if (mark === 'done') continue;
			const next = parentsOf(state.get(parent)!);
			if (next) {
				seen.set(parent, 'open');
				stack.push({id: parent, next});
			} else {
				seen.set(parent, 'done');
			}
		}
	}
	return false;
}

/** A growable Int32 column. */
class Int32List {
	values = new Int32Array(1024);
	length = 0;
	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = new Int32Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}
	bytes(): Buffer {
		return Buffer.from(this.values.buffer, 0, this.length * 4);
	}
}

/** The index file's bytes for these two files (issues.jsonl, wisps.jsonl). */
export function indexData(sources: readonly [IndexSource, IndexSource]): Buffer {
	const keys = sources.map(source => source.key);
	const unindexed = Buffer.from(`${JSON.stringify({v: indexVersion, keys, full: true} satisfies Header)}\n`);
	const all: Bead[] = [];
	const odd: Array<[number, string]> = [];
	for (let file = 0; file < sources.length; file++) {
		const {beads, offsets, lengths, odd: oddLines} = sources[file]!;
		for (let index = 0; index < beads.length; index++) {
			const bead = beads[index]!;
			if (!indexable(bead) || offsets[index]! + lengths[index]! > 0x7fffffff) return unindexed;
			all.push(bead);
			if (oddLines[index]) odd.push([file, bead.id]);
		}
	}
	// The same beads a full read holds, and what blocks and defers each. A duplicate id
	// (a bead in both files, or twice in one) is left to the full read, which knows which one wins.
	const state = new LedgerState(all, 'index');
	if (state.size !== all.length || hasParentLoop(state)) return unindexed;
	const count = all.length;
	const entryOf = new Map<string, number>();
	for (let entry = 0; entry < count; entry++) entryOf.set(all[entry]!.id, entry);
	const readiness = readinessOf(state);

	const column = () => new Int32Array(count);
	const int32 = {
		id: column(), ti: column(), ca: column(), du: column(), st: column(), ty: column(), as: column(), lb: column(), ep: column(),
		fi: column(), at: column(), ln: column(), bs: new Int32Array(count + 1), es: new Int32Array(count + 1),
	};
	const lists = {bp: new Int32List(), et: new Int32List(), ec: new Int32List(), eg: new Int32List(), ei: new Int32List(), so: new Int32List()};
	const float64 = {pr: new Float64Array(count), df: new Float64Array(count)};
	const strings: string[] = [];
	let blobLength = 0;
	const string = (value: string) => {
		lists.so.push(blobLength);
		blobLength += value.length;
		return strings.push(value) - 1;
	};
	const shared = new Map<string, number>();
	const sharedString = (value: string) => {
		let found = shared.get(value);
		if (found === undefined) shared.set(value, (found = string(value)));
		return found;
	};
	const dict: unknown[] = [];
	const codes = new Map<string, number>();
	const code = (value: string) => {
		let found = codes.get(value);
		if (found === undefined) codes.set(value, (found = dict.push(value) - 1));
		return found;
	};
	// Label lists are coded by their JSON, in a map of their own so no string can collide with one.
	const labelCodes = new Map<string, number>();
	const labelCode = (labels: string[]) => {
		const key = JSON.stringify(labels);
		let found = labelCodes.get(key);
		if (found === undefined) labelCodes.set(key, (found = dict.push(labels) - 1));
		return found;
	};
	// Ids first: dependencies name their targets by the target's id string.
	for (let entry = 0; entry < count; entry++) int32.id[entry] = string(all[entry]!.id);
	let file = 0;
	for (let entry = 0; entry < count; entry++) {
		if (entry === sources[0].beads.length) file = 1;
		const index = file === 0 ? entry : entry - sources[0].beads.length;
		const bead = all[entry]!;
		int32.ti[entry] = string(bead.title);
		int32.ca[entry] = absent(bead.created_at) ? -1 : string(bead.created_at);
		// Queries test defer_until and ephemeral only for truth, so '' and false read as absent.
		int32.du[entry] = bead.defer_until ? sharedString(bead.defer_until) : -1;
		int32.st[entry] = code(bead.status);
		int32.ty[entry] = code(bead.issue_type);
		int32.as[entry] = absent(bead.assignee) ? -1 : code(bead.assignee!);
		int32.lb[entry] = absent(bead.labels) ? -1 : labelCode(bead.labels!);
		int32.ep[entry] = bead.ephemeral ? 1 : 0;
		int32.fi[entry] = file;
		int32.at[entry] = sources[file]!.offsets[index]!;
		int32.ln[entry] = sources[file]!.lengths[index]!;
		float64.pr[entry] = bead.priority;
		const deferral = deferralOf(state, bead);
		float64.df[entry] = deferral.always ? Infinity : deferral.latest;
		int32.bs[entry] = lists.bp.length;
		if (!isDone(bead)) {
			for (const blocker of readiness.blockersOf(bead)) {
				lists.bp.push(entryOf.get(blocker.id)!);
				lists.bp.push(code(blocker.via));
			}
		}
		int32.es[entry] = lists.et.length;
		for (const dependency of bead.dependencies ?? []) {
			const target = entryOf.get(dependency.depends_on_id);
			lists.et.push(target === undefined ? sharedString(dependency.depends_on_id) : int32.id[target]!);
			lists.ec.push(code(dependency.type));
			const gate = gateOf(dependency) as string | null | undefined;
			lists.eg.push(absent(gate) ? -1 : sharedString(gate!));
			lists.ei.push(dependency.issue_id === bead.id ? -2 : absent(dependency.issue_id) ? -1 : sharedString(dependency.issue_id));
		}
	}
	int32.bs[count] = lists.bp.length;
	int32.es[count] = lists.et.length;
	lists.so.push(blobLength);
	const blobText = strings.join('');
	// Lone surrogates do not survive UTF-8; such a ledger is read the slow way.
	const wellFormed = (blobText as {isWellFormed?: () => boolean}).isWellFormed;
	if (wellFormed ? !wellFormed.call(blobText) : Buffer.from(blobText).toString() !== blobText) return unindexed;

	const parts: Array<[Section, Buffer]> = [
		...Object.entries(int32).map(([name, values]): [Section, Buffer] => [name as Section, Buffer.from(values.buffer)]),
		...Object.entries(lists).map(([name, list]): [Section, Buffer] => [name as Section, list.bytes()]),
		...Object.entries(float64).map(([name, values]): [Section, Buffer] => [name as Section, Buffer.from(values.buffer)]),
		['blob', Buffer.from(blobText)],
		['dict', Buffer.from(JSON.stringify(dict))],
	];
	const sections = {} as Record<Section, [number, number]>;
	let size = 0;
	for (const [name, bytes] of parts) {
		sections[name] = [size, bytes.length];
		size = align(size + bytes.length);
	}
	const header = Buffer.from(`${JSON.stringify({v: indexVersion, le: littleEndian, keys, odd, count, sections} satisfies Header)}\n`);
	const base = align(header.length);
	const data = Buffer.alloc(base + size);
	header.copy(data, 0);
	for (const [name, bytes] of parts) bytes.copy(data, base + sections[name][0]);
	return data;
}

/**
 * Writes the index beside the ledger, atomically (temp file, rename). No fsync: it
 * is derived data, and a torn or lost one is only a miss. Never throws: a ledger in
 * a read-only directory still answers, just without the cache.
 */
export function writeIndex(dir: string, data: Uint8Array): boolean {
	const cache = path.join(dir, cacheDirName);
	const target = path.join(cache, indexFileName);
	const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
	try {
		// The cache ignores itself, so it stays out of git even where no .gitignore mentions it.
		if (mkdirSync(cache, {recursive: true}) !== undefined) writeFileSync(path.join(cache, '.gitignore'), '*\n');
		writeFileSync(temporary, data);
		renameSync(temporary, target);
		return true;
	} catch {
		rmSync(temporary, {force: true});
		return false;
	}
}

/** The index file, in memory that typed arrays can view (8-aligned, never a pooled slice). */
function readIndexFile(dir: string): Buffer | undefined {
	let fd: number;
	try {
		fd = openSync(indexPath(dir), 'r');
	} catch {
		return undefined;
	}
	try {
		const size = fstatSync(fd).size;
		const data = Buffer.allocUnsafeSlow(size);
		let done = 0;
		while (done < size) {
			const count = readSync(fd, data, done, size - done, done);
			if (count === 0) return undefined;
			done += count;
		}
		return data;
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

function parseHeader(data: Buffer): Header | undefined {
	const end = data.indexOf(10);
	if (end < 0) return undefined;
	try {
		const header = JSON.parse(data.toString('utf8', 0, end)) as Header;
		return header?.v === indexVersion && Array.isArray(header.keys) ? header : undefined;
	} catch {
		return undefined;
	}
}

/**
 * For a writer: which beads the current index (if it matches `keys`) marks as odd,
 * per file, so lines kept byte for byte keep their mark without re-serialising
 * every bead. Undefined when there is no index valid for these files.
 */
export function oddFromIndex(dir: string, keys: readonly [FileKey | null, FileKey | null]): [Set<string>, Set<string>] | undefined {
	const data = readIndexFile(dir);
	const header = data && parseHeader(data);
	if (!header || header.full || !sameKey(header.keys[0], keys[0]) || !sameKey(header.keys[1], keys[1])) return undefined;
	const odd: [Set<string>, Set<string>] = [new Set(), new Set()];
	for (const [file, id] of header.odd ?? []) odd[file === 1 ? 1 : 0].add(id);
	return odd;
}

// ---- reading -----------------------------------------------------------------

type OpenFile = {fd: number; key: FileKey};

function openFile(file: string): OpenFile | null {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return null;
		throw error;
	}
	try {
		return {fd, key: keyOf(fstatSync(fd))};
	} catch (error) {
		closeSync(fd);
		throw error;
	}
}

/** The whole file through the descriptor its key came from, so content and key agree. */
function readAll(file: OpenFile): Buffer | undefined {
	const size = file.key[0];
	const buffer = Buffer.allocUnsafe(size);
	let done = 0;
	while (done < size) {
		const count = readSync(file.fd, buffer, done, size - done, done);
		if (count === 0) return undefined;
		done += count;
	}
	return buffer;
}

/** The index's sections, viewed in place. */
class IndexTable {
	readonly count: number;
	readonly int32: Record<Int32Column, Int32Array>;
	readonly float64: Record<Float64Column, Float64Array>;
	readonly dict: unknown[];
	readonly #blob: string;

	constructor(data: Buffer, header: Header) {
		const count = header.count!;
		const sections = header.sections!;
		const base = align(data.indexOf(10) + 1);
		const section = (name: Section): [number, number] => {
			const [offset, length] = sections[name];
			if (base + offset + length > data.length) throw new Error('truncated index');
			return [base + offset, base + offset + length];
		};
		const int32 = {} as Record<Int32Column, Int32Array>;
		for (const name of int32Columns) {
			const [start, end] = section(name);
			int32[name] = new Int32Array(data.buffer, data.byteOffset + start, (end - start) / 4);
		}
		const float64 = {} as Record<Float64Column, Float64Array>;
		for (const name of float64Columns) {
			const [start, end] = section(name);
			float64[name] = new Float64Array(data.buffer, data.byteOffset + start, (end - start) / 8);
		}
		for (const values of [int32.id, int32.ti, int32.ca, int32.du, int32.st, int32.ty, int32.as, int32.lb, int32.ep, int32.fi, int32.at, int32.ln, float64.pr, float64.df]) {
			if (values.length !== count) throw new Error('malformed index');
		}
		if (int32.bs.length !== count + 1 || int32.es.length !== count + 1) throw new Error('malformed index');
		this.count = count;
		this.int32 = int32;
		this.float64 = float64;
		this.dict = JSON.parse(data.toString('utf8', ...section('dict'))) as unknown[];
		this.#blob = data.toString('utf8', ...section('blob'));
	}

	string(index: number): string {
		const starts = this.int32.so;
		return this.#blob.slice(starts[index]!, starts[index + 1]!);
	}
}

/**
 * A bead from the index: the fields queries read, with the values a full read has
 * (absent ones undefined, so every bead has one shape). Dependencies are decoded on
 * first use.
 */
class IndexedBead {
	readonly id: string;
	readonly title: string;
	readonly status: string;
	readonly priority: number;
	readonly issue_type: string;
	readonly created_at: string | null;
	readonly assignee: string | undefined;
	readonly labels: string[] | undefined;
	readonly defer_until: string | undefined;
	readonly ephemeral: true | undefined;
	readonly #table: IndexTable;
	readonly #entry: number;
	#dependencies: Dependency[] | undefined | null = null;

	constructor(table: IndexTable, entry: number) {
		const {int32, dict} = table;
		this.#table = table;
		this.#entry = entry;
		this.id = table.string(int32.id[entry]!);
		this.title = table.string(int32.ti[entry]!);
		this.status = dict[int32.st[entry]!] as string;
		this.priority = table.float64.pr[entry]!;
		this.issue_type = dict[int32.ty[entry]!] as string;
		const createdAt = int32.ca[entry]!;
		this.created_at = createdAt < 0 ? null : table.string(createdAt);
		const assignee = int32.as[entry]!;
		this.assignee = assignee < 0 ? undefined : (dict[assignee] as string);
		const labels = int32.lb[entry]!;
		this.labels = labels < 0 ? undefined : (dict[labels] as string[]);
		const deferUntil = int32.du[entry]!;
		this.defer_until = deferUntil < 0 ? undefined : table.string(deferUntil);
		this.ephemeral = int32.ep[entry] ? true : undefined;
	}

	/** This bead's entry in the index, if `bead` is one of these. */
	static entryOf(bead: unknown): number | undefined {
		return typeof bead === 'object' && bead !== null && #entry in bead ? (bead as IndexedBead).#entry : undefined;
	}

	get dependencies(): Dependency[] | undefined {
		if (this.#dependencies !== null) return this.#dependencies;
		const table = this.#table;
		const {es, et, ec, eg, ei} = table.int32;
		let dependencies: Dependency[] | undefined;
		for (let edge = es[this.#entry]!; edge < es[this.#entry + 1]!; edge++) {
			const gate = eg[edge]!;
			const issue = ei[edge]!;
			(dependencies ??= []).push({
				issue_id: issue === -2 ? this.id : issue < 0 ? undefined : table.string(issue),
				depends_on_id: table.string(et[edge]!),
				type: table.dict[ec[edge]!] as string,
				...(gate < 0 ? {} : {metadata: {gate: table.string(gate)}}),
			} as Dependency);
		}
		return (this.#dependencies = dependencies);
	}
}

/** No blockers: one shared, frozen list, since most beads have none. */
const none: Blocker[] = Object.freeze([]) as unknown as Blocker[];

/**
 * The view over the index. Queries look at the columns first and make bead objects
 * only for beads that can match (`bd ready` never builds the closed ones); the whole
 * state is built only when asked for. Records are sliced out of the files.
 */
class IndexedView implements LedgerView {
	readonly indexed = true;
	readonly readiness: Readiness;
	readonly #table: IndexTable;
	readonly #label: string;
	readonly #beads: Array<IndexedBead | undefined>;
	/** Entries by id: of the beads made so far, or of all once something asked for an id it has not seen. */
	readonly #entries = new Map<string, number>();
	#complete = false;
	#state: LedgerState | undefined;
	readonly #odd: ReadonlySet<number>;
	readonly #buffers: ReadonlyArray<Buffer | undefined>;

	constructor(table: IndexTable, label: string, odd: ReadonlySet<number>, buffers: ReadonlyArray<Buffer | undefined>) {
		this.#table = table;
		this.#label = label;
		this.#odd = odd;
		this.#buffers = buffers;
		this.#beads = new Array(table.count);
		const {bs, bp} = table.int32;
		const {df} = table.float64;
		// What the writer worked out from the dependencies, looked up per bead.
		this.readiness = {
			blockersOf: bead => {
				const entry = this.#entryOfBead(bead);
				if (bs[entry] === bs[entry + 1]) return none;
				const blockers: Blocker[] = [];
				for (let pair = bs[entry]!; pair < bs[entry + 1]!; pair += 2) blockers.push(toBlocker(this.#bead(bp[pair]!), table.dict[bp[pair + 1]!] as string));
				return blockers;
			},
			isDeferred: (bead, now) => {
				const deferral = df[this.#entryOfBead(bead)]!;
				return deferral === Infinity || deferral > now.getTime();
			},
		};
	}

	#bead(entry: number): Bead {
		let bead = this.#beads[entry];
		if (!bead) {
			bead = this.#beads[entry] = new IndexedBead(this.#table, entry);
			this.#entries.set(bead.id, entry);
		}
		return bead as unknown as Bead;
	}

	/** Beads (in ledger order) whose entries pass `test`: a necessary condition of the query they are for. */
	#select(test: (entry: number) => boolean): Bead[] {
		const beads: Bead[] = [];
		for (let entry = 0; entry < this.#beads.length; entry++) if (test(entry)) beads.push(this.#bead(entry));
		return beads;
	}

	/** Every bead, in ledger order (the index holds no duplicate ids, so entry order is state order). */
	get state(): LedgerState {
		return (this.#state ??= new LedgerState(this.#select(() => true), this.#label));
	}

	#entry(id: string): number {
		let entry = this.#entries.get(id);
		if (entry === undefined && !this.#complete) {
			this.#complete = true;
			const ids = this.#table.int32.id;
			for (let index = 0; index < ids.length; index++) this.#entries.set(this.#table.string(ids[index]!), index);
			entry = this.#entries.get(id);
		}
		if (entry === undefined) this.state.require(id); // throws the usual "no bead" error
		return entry!;
	}

	#entryOfBead(bead: Bead): number {
		return IndexedBead.entryOf(bead) ?? this.#entry(bead.id);
	}

	#code(value: string): number {
		return this.#table.dict.indexOf(value);
	}

	ready(filter: BeadFilter, now: Date): Bead[] {
		const {st, ep, bs} = this.#table.int32;
		const {df} = this.#table.float64;
		const open = this.#code('open');
		const time = now.getTime();
		// readyFrom's own tests that the columns answer: open, not ephemeral, not blocked, not deferred.
		return readyFrom(this.#select(entry => st[entry] === open && !ep[entry] && bs[entry] === bs[entry + 1] && df[entry] !== Infinity && !(df[entry]! > time)), filter, now, this.readiness);
	}

	list(filter: BeadFilter): Bead[] {
		const {st, ep} = this.#table.int32;
		const statuses = filter.statuses?.length ? new Set(filter.statuses.map(status => this.#code(status))) : undefined;
		const closed = this.#code('closed');
		const ephemeral = Boolean(filter.includeEphemeral);
		// matchesFilter's own first tests: ephemeral, then status.
		return listFrom(this.#select(entry => (ephemeral || !ep[entry]) && (statuses ? statuses.has(st[entry]!) : filter.includeClosed || st[entry] !== closed)), filter);
	}

	blocked(): BlockedBead[] {
		const {bs, ep} = this.#table.int32;
		// Only beads with stored blockers can be blocked (done beads have none stored).
		return blockedFrom(this.#select(entry => bs[entry + 1]! > bs[entry]! && !ep[entry]), this.readiness);
	}

	stats(now: Date): LedgerStats {
		return ledgerStats(this.state, now, this.readiness);
	}

	#line(entry: number): string {
		const {fi, at, ln} = this.#table.int32;
		const buffer = this.#buffers[fi[entry]!];
		if (!buffer) throw new Error('the read index was opened without the ledger files');
		return buffer.toString('utf8', at[entry]!, at[entry]! + ln[entry]!);
	}

	#parse(entry: number): Bead {
		// Exactly what the full parse does with this line (see parseLedgerText and Ledger.read).
		const bead = beadFromRecord(JSON.parse(this.#line(entry)) as Record<string, unknown>);
		return this.#table.int32.fi[entry] === 1 && !bead.ephemeral ? {...bead, ephemeral: true} : bead;
	}

	record(id: string): Bead {
		return this.#parse(this.#entry(id));
	}

	json(id: string, extra?: Record<string, unknown>): string {
		const entry = this.#entry(id);
		if (!this.#odd.has(entry)) {
			const line = this.#line(entry);
			if (!extra) return line;
			// {...bead, ...extra} puts extra's keys last, unless the bead has one of them already.
			if (!Object.keys(extra).some(key => line.includes(`"${key}"`))) {
				const more = JSON.stringify(extra);
				return more === '{}' ? line : `${line.slice(0, -1)},${more.slice(1)}`;
			}
		}
		const bead = this.#parse(entry);
		return JSON.stringify(extra ? {...bead, ...extra} : bead);
	}

	jsonArray(ids: readonly string[], extras?: ReadonlyArray<Record<string, unknown>>): string {
		const parts = new Array<string>(ids.length);
		for (let index = 0; index < ids.length; index++) parts[index] = this.json(ids[index]!, extras?.[index]);
		return `[${parts.join(',')}]`;
	}
}

export type IndexLookup =
	| {kind: 'hit'; view: LedgerView}
	/** The index is current but says these files cannot be indexed: read them in full, do not rebuild. */
	| {kind: 'unindexable'}
	| {kind: 'miss'};

/**
 * Opens the ledger through its index if the index matches both files. With
 * `records`, the files are read too (through the same descriptors whose keys were
 * checked) so that `record` and `json` can slice lines out of them.
 */
export function openIndexedView(dir: string, files: readonly [string, string], label: string, records: boolean): IndexLookup {
	const opened: Array<OpenFile | null> = [];
	try {
		for (const file of files) opened.push(openFile(file));
		const data = readIndexFile(dir);
		const header = data && parseHeader(data);
		if (!header || !sameKey(header.keys[0], opened[0]?.key ?? null) || !sameKey(header.keys[1], opened[1]?.key ?? null)) return {kind: 'miss'};
		if (header.full) return {kind: 'unindexable'};
		if (header.le !== littleEndian) return {kind: 'miss'};
		const table = new IndexTable(data!, header);
		const buffers: Array<Buffer | undefined> = [undefined, undefined];
		if (records) {
			for (const [file, open] of opened.entries()) {
				if (!open) continue;
				const buffer = readAll(open);
				if (!buffer) return {kind: 'miss'};
				buffers[file] = buffer;
			}
			// Every line must sit between newlines where the index says: a cheap check against an index that lies.
			const {fi, at, ln} = table.int32;
			for (let entry = 0; entry < table.count; entry++) {
				const buffer = buffers[fi[entry]!];
				const start = at[entry]!;
				const end = start + ln[entry]!;
				if (!buffer || end > buffer.length || (start > 0 && buffer[start - 1] !== 10) || (end < buffer.length && buffer[end] !== 10)) return {kind: 'miss'};
			}
		}
		const odd = new Set<number>();
		if (header.odd?.length) {
			const wanted = [new Set<string>(), new Set<string>()];
			for (const [file, id] of header.odd) wanted[file === 1 ? 1 : 0]!.add(id);
			const {fi, id} = table.int32;
			for (let entry = 0; entry < table.count; entry++) if (wanted[fi[entry]!]!.has(table.string(id[entry]!))) odd.add(entry);
		}
		return {kind: 'hit', view: new IndexedView(table, label, odd, buffers)};
	} catch {
		return {kind: 'miss'};
	} finally {
		for (const open of opened) if (open) closeSync(open.fd);
	}
}
