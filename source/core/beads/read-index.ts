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
// rebuild it from the state they already hold in memory, and write it under the
// ledger lock.
//
// The format is described below, before the code that writes it.
import {closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats} from 'node:fs';
import path from 'node:path';
import {errnoCode} from '../base/errors.js';
import {beadFromRecord} from './jsonl.js';
import {LedgerState} from './ledger-state.js';
import {blockedBeads, blockedFrom, byPriority, deferralOf, isDeferredBy, ledgerStats, listBeads, matchesFilter, readinessOf, readyBeads, readyTest, toBlocker, type BeadFilter, type BlockedBead, type Blocker, type LedgerStats, type Readiness} from './queries.js';
import type {Bead, Dependency} from './types.js';

export const indexVersion = 2;
export const cacheDirName = '.cache';
export const indexFileName = 'index.bin';

/**
 * (size, mtimeMs, ino, ctimeMs) of one ledger file; null when it does not exist. The
 * ctime catches an edit in place that kept size and mtime (`touch -d` cannot set it).
 */
export type FileKey = readonly [size: number, mtimeMs: number, ino: number, ctimeMs: number];

export const keyOf = (stats: Stats): FileKey => [stats.size, stats.mtimeMs, stats.ino, stats.ctimeMs];

export function sameKey(a: FileKey | null | undefined, b: FileKey | null | undefined): boolean {
	if (!a || !b) return a === null && b === null;
	return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** The key of the file at `file` now (null if there is none). */
export function statKey(file: string): FileKey | null {
	try {
		return keyOf(statSync(file));
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return null;
		throw error;
	}
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
	ready(filter: BeadFilter, now: Date): QueryResult;
	list(filter: BeadFilter): QueryResult;
	blocked(): BlockedBead[];
	stats(now: Date): LedgerStats;
	/** The bead with this id (as in `state`), if any: found without building the whole state. */
	bead(id: string): Bead | undefined;
	/** Edges that point at `id`, as `state.dependentsOf` has them: found without building the whole state. */
	dependentsOf(id: string): Dependency[];
	/** The whole bead, as `Ledger.read()` gives it. */
	record(id: string): Bead;
	/** `JSON.stringify({...record(id), ...extra})`, straight from the stored line when that is the same text. */
	json(id: string, extra?: Record<string, unknown>): string;
	/** `JSON.stringify` of the records (each with its extra), as one compact JSON array. */
	jsonArray(ids: readonly string[], extras?: ReadonlyArray<Record<string, unknown>>): string;
}

/**
 * A query's answer: how many beads, and the first `limit` of them (all for 0) as
 * beads (with the fields queries use), as full records, or as the compact JSON array
 * of those records. The read index answers JSON without making a bead per answer.
 */
export interface QueryResult {
	readonly length: number;
	beads(limit: number): Bead[];
	records(limit: number): Bead[];
	json(limit: number): string;
}

const first = <T>(items: readonly T[], limit: number): T[] => (limit > 0 ? items.slice(0, limit) : [...items]);

/** An answer already made of beads. */
class BeadList implements QueryResult {
	constructor(readonly list: readonly Bead[], readonly view: LedgerView) {}

	get length(): number {
		return this.list.length;
	}

	beads(limit: number): Bead[] {
		return first(this.list, limit);
	}

	records(limit: number): Bead[] {
		return this.beads(limit).map(bead => this.view.record(bead.id));
	}

	json(limit: number): string {
		return this.view.jsonArray(this.beads(limit).map(bead => bead.id));
	}
}

/** The view over a full parse. */
export class FullView implements LedgerView {
	readonly indexed: boolean = false;
	#readiness: Readiness | undefined;
	constructor(readonly state: LedgerState) {}

	get readiness(): Readiness {
		return (this.#readiness ??= readinessOf(this.state));
	}

	ready(filter: BeadFilter, now: Date): QueryResult {
		return new BeadList(readyBeads(this.state, filter, now), this);
	}

	list(filter: BeadFilter): QueryResult {
		return new BeadList(listBeads(this.state, filter), this);
	}

	blocked(): BlockedBead[] {
		return blockedBeads(this.state);
	}

	stats(now: Date): LedgerStats {
		return ledgerStats(this.state, now);
	}

	bead(id: string): Bead | undefined {
		return this.state.get(id);
	}

	dependentsOf(id: string): Dependency[] {
		return this.state.dependentsOf(id);
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
	'or', // every entry in the order byPriority sorts beads; empty when it cannot be worked out cheaply
] as const;
/** Float64 columns: priority, and for open beads deferral (+Infinity always, -Infinity never, else the latest defer_until in ms). */
const float64Columns = ['pr', 'df'] as const;

type Int32Column = (typeof int32Columns)[number];
type Float64Column = (typeof float64Columns)[number];
type Section = Int32Column | Float64Column | 'blob' | 'dict';

type Header = {
	v: number;
	/** The columns' byte order: an index is only read on a machine with the same. */
	le?: boolean;
	keys: Array<FileKey | null>;
	/** The files cannot be indexed (a hand-edited oddity, see build): read them in full. */
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

/** Thrown while building when a bead has a field the index cannot stand in for. */
class Unindexable extends Error {}

/**
 * Whether blockers depend on the order beads are asked about: only when a chain of
 * parent-child edges between unfinished beads loops (BlockedIndex then cuts the loop
 * where it entered it). Such a ledger is imported, never made here; it stays unindexed.
 */
function hasLoop(parents: ReadonlyMap<number, number[]>): boolean {
	const mark = new Map<number, 1 | 2>(); // 1: on the current path, 2: done
	for (const start of parents.keys()) {
		if (mark.has(start)) continue;
		const stack: Array<{entry: number; next: number[]}> = [{entry: start, next: [...parents.get(start)!]}];
		mark.set(start, 1);
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			const parent = top.next.pop();
			if (parent === undefined) {
				stack.pop();
				mark.set(top.entry, 2);
			} else if (mark.get(parent) === 1) {
				return true;
			} else if (!mark.has(parent)) {
				mark.set(parent, 1);
				stack.push({entry: parent, next: [...(parents.get(parent) ?? [])]});
			}
		}
	}
	return false;
}

/**
 * The index file's bytes for these two files (issues.jsonl, wisps.jsonl), whose beads
 * `state` holds (the writer's own state: what blocks and defers is worked out on it).
 */
export function indexData(sources: readonly [IndexSource, IndexSource], state: LedgerState): Buffer {
	const keys = sources.map(source => source.key);
	try {
		return build(sources, state, keys);
	} catch {
		// Unindexable (or a query tripping on a hand-edited oddity): readers take the full read.
		return Buffer.from(`${JSON.stringify({v: indexVersion, keys, full: true} satisfies Header)}\n`);
	}
}

function build(sources: readonly [IndexSource, IndexSource], state: LedgerState, keys: Array<FileKey | null>): Buffer {
	const count = sources[0].beads.length + sources[1].beads.length;
	// A duplicate id (a bead in both files, or twice in one) is left to the full read, which knows which one wins.
	if (state.size !== count) throw new Unindexable();
	// Columns as locals: this runs on every write, mostly before the JIT has warmed up.
	const [idColumn, ti, ca, du, st, ty, as, lb, ep, fi, at, ln] = Array.from({length: 12}, () => new Int32Array(count));
	const bs = new Int32Array(count + 1);
	const es = new Int32Array(count + 1);
	// Columns of unknown length: plain arrays, copied into Int32Arrays at the end.
	const [bp, et, ec, eg, ei, so] = Array.from({length: 6}, (): number[] => []);
	const pr = new Float64Array(count);
	const df = new Float64Array(count).fill(-Infinity);
	const odd: Array<[number, string]> = [];
	const entryOf = new Map<string, number>();
	const all = new Array<Bead>(count);
	let entry = 0;
	for (let file = 0; file < sources.length; file++) {
		const {beads, offsets, lengths, odd: oddLines} = sources[file]!;
		for (let index = 0; index < beads.length; index++, entry++) {
			const bead = (all[entry] = beads[index]!);
			const id = bead.id;
			entryOf.set(id, entry);
			fi[entry] = file;
			at[entry] = offsets[index]!;
			ln[entry] = lengths[index]!;
			if (offsets[index]! + lengths[index]! > 0x7fffffff) throw new Unindexable();
			if (oddLines[index]) odd.push([file, id]);
		}
	}
	if (entryOf.size !== count) throw new Unindexable();

	const strings: string[] = [];
	let blobLength = 0;
	const string = (value: string) => {
		so.push(blobLength);
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
	// Label lists, in maps of their own (no string can collide with one): one label by
	// itself, several joined by NUL (a label holding a NUL leaves the ledger unindexed).
	const singleLabels = new Map<string, number>();
	const labelLists = new Map<string, number>();
	const labelCode = (labels: string[]) => {
		const map = labels.length === 1 ? singleLabels : labelLists;
		const key = labels.length === 1 ? labels[0]! : labels.join('\u0000');
		let found = map.get(key);
		if (found === undefined) map.set(key, (found = dict.push(labels) - 1));
		return found;
	};

	// One pass over the beads, each field read once (beads parsed from JSON come in many
	// shapes, so every property read is a slow one). Every field queries read must have a
	// plain JSON type, so the copy in the index behaves the same in every comparison;
	// hand-edited oddities (a number for a status) leave the ledger unindexed.
	const idOf = [...entryOf.keys()];
	for (entry = 0; entry < count; entry++) idColumn[entry] = string(idOf[entry]!);
	const opened: number[] = [];
	const unfinished: number[] = []; // not done, with dependencies
	const parents = new Map<number, number[]>();
	let lastStatus = '';
	let lastStatusCode = -1;
	let lastType = '';
	let lastTypeCode = -1;
	let lastEdgeType = '';
	let lastEdgeTypeCode = -1;
	for (entry = 0; entry < count; entry++) {
		const {id, title, status, priority, issue_type: type, created_at: createdAt, assignee, defer_until: deferUntil, ephemeral, labels, dependencies} = all[entry]!;
		if (typeof status !== 'string' || typeof type !== 'string' || typeof title !== 'string' || typeof priority !== 'number') throw new Unindexable();
		// Optional fields: absent (undefined or null) or of their type.
		if (!(createdAt === undefined || createdAt === null || typeof createdAt === 'string') || !(assignee === undefined || assignee === null || typeof assignee === 'string')) throw new Unindexable();
		if (!(deferUntil === undefined || deferUntil === null || typeof deferUntil === 'string') || !(ephemeral === undefined || ephemeral === null || typeof ephemeral === 'boolean')) throw new Unindexable();
		ti[entry] = string(title);
		ca[entry] = createdAt === undefined || createdAt === null ? -1 : string(createdAt);
		// Queries test defer_until and ephemeral only for truth, so '' and false read as absent.
		du[entry] = deferUntil ? sharedString(deferUntil) : -1;
		st[entry] = status === lastStatus ? lastStatusCode : (lastStatusCode = code((lastStatus = status)));
		ty[entry] = type === lastType ? lastTypeCode : (lastTypeCode = code((lastType = type)));
		as[entry] = assignee === undefined || assignee === null ? -1 : code(assignee);
		if (labels === undefined || labels === null) {
			lb[entry] = -1;
		} else {
			if (!Array.isArray(labels)) throw new Unindexable();
			for (const label of labels) if (typeof label !== 'string' || label.includes('\u0000')) throw new Unindexable();
			lb[entry] = labelCode(labels);
		}
		ep[entry] = ephemeral ? 1 : 0;
		pr[entry] = priority;
		const done = status === 'closed' || status === 'pinned';
		if (status === 'open') opened.push(entry);
		es[entry] = et.length;
		if (dependencies === undefined || dependencies === null) continue;
		if (!Array.isArray(dependencies)) throw new Unindexable();
		// Only beads with dependencies can be blocked.
		if (!done && dependencies.length > 0) unfinished.push(entry);
		for (const dependency of dependencies) {
			if (typeof dependency !== 'object' || dependency === null || Array.isArray(dependency)) throw new Unindexable();
			const {issue_id: issue, depends_on_id: targetId, type: edgeType, metadata} = dependency;
			const gate = (metadata as {gate?: unknown} | undefined)?.gate;
			if (typeof targetId !== 'string' || typeof edgeType !== 'string' || !(issue === undefined || issue === null || typeof issue === 'string') || !(gate === undefined || gate === null || typeof gate === 'string')) throw new Unindexable();
			const target = entryOf.get(targetId);
			et.push(target === undefined ? sharedString(targetId) : idColumn[target]!);
			ec.push(edgeType === lastEdgeType ? lastEdgeTypeCode : (lastEdgeTypeCode = code((lastEdgeType = edgeType))));
			eg.push(gate === undefined || gate === null ? -1 : sharedString(gate as string));
			ei.push(issue === id ? -2 : issue === undefined || issue === null ? -1 : sharedString(issue));
			if (edgeType === 'parent-child' && !done && target !== undefined) {
				const list = parents.get(entry);
				if (list) list.push(target);
				else parents.set(entry, [target]);
			}
		}
	}
	es[count] = et.length;
	so.push(blobLength);
	if (hasLoop(parents)) throw new Unindexable();

	// What blocks each unfinished bead with dependencies, and what defers each open one
	// (the only ones `bd ready` asks about), worked out by the queries' own code on the
	// writer's state (a bead read back from its line has the same status, title, priority,
	// dependencies and defer date as the one in memory).
	const readiness = readinessOf(state);
	let next = 0;
	for (entry = 0; entry < count; entry++) {
		bs[entry] = bp.length;
		if (unfinished[next] !== entry) continue;
		next++;
		for (const blocker of readiness.blockersOf(all[entry]!)) {
			bp.push(entryOf.get(blocker.id)!);
			bp.push(code(blocker.via));
		}
	}
	bs[count] = bp.length;
	for (const open of opened) {
		const deferral = deferralOf(state, all[open]!);
		df[open] = deferral.always ? Infinity : deferral.latest;
	}
	const order = priorityOrder(pr, all, idOf);
	const int32 = {id: idColumn, ti, ca, du, st, ty, as, lb, ep, fi, at, ln, bs, es, or: order ?? new Int32Array(0)};
	const lists = {bp, et, ec, eg, ei, so};
	const float64 = {pr, df};

	const blobText = strings.join('');
	// Lone surrogates do not survive UTF-8; such a ledger is read the slow way.
	if (!(blobText as unknown as {isWellFormed(): boolean}).isWellFormed()) throw new Unindexable();
	const parts: Array<[Section, Buffer]> = [
		...Object.entries(int32).map(([name, values]): [Section, Buffer] => [name as Section, Buffer.from(values.buffer)]),
		...Object.entries(lists).map(([name, list]): [Section, Buffer] => [name as Section, Buffer.from(Int32Array.from(list).buffer)]),
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
 * Entries in the order `byPriority` sorts their beads (priority, newest first, id),
 * so queries meet beads already sorted and their sort is one pass. Worked out with
 * native sorts only (a comparator sort of 10,000 beads costs ~10 ms per write): when
 * priorities are small whole numbers and every bead has a created_at, that order is
 * the order of one numeric key. Otherwise undefined: queries sort as they always do.
 */
function priorityOrder(priorities: Float64Array, beads: readonly Bead[], ids: readonly string[]): Int32Array | undefined {
	const count = ids.length;
	if (count >= 2 ** 20) return undefined;
	const created = new Array<string>(count);
	for (let entry = 0; entry < count; entry++) {
		const priority = priorities[entry]!;
		const createdAt = beads[entry]!.created_at as unknown;
		if (!Number.isInteger(priority) || priority < 0 || priority > 1023 || typeof createdAt !== 'string') return undefined;
		created[entry] = createdAt;
	}
	// Ranks by native string sort (code unit order, the same as `<`).
	const rankOf = (values: readonly string[]) => {
		const ranks = new Map<string, number>();
		for (const value of [...values].sort()) if (!ranks.has(value)) ranks.set(value, ranks.size);
		return ranks;
	};
	const createdRank = rankOf(created);
	const idRank = rankOf(ids);
	const byIdRank = new Int32Array(count);
	const keys = new Float64Array(count);
	for (let entry = 0; entry < count; entry++) {
		const rank = idRank.get(ids[entry]!)!;
		byIdRank[rank] = entry;
		keys[entry] = priorities[entry]! * 2 ** 40 + (createdRank.size - 1 - createdRank.get(created[entry]!)!) * 2 ** 20 + rank;
	}
	keys.sort();
	const order = new Int32Array(count);
	for (let index = 0; index < count; index++) order[index] = byIdRank[keys[index]! % 2 ** 20]!;
	return order;
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
		try {
			rmSync(temporary, {force: true});
		} catch {
			// Nowhere to have written it either.
		}
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
		if (this.#blob.length !== int32.so[int32.so.length - 1]) throw new Error('malformed index');
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

/**
 * One reusable bead-shaped look at an entry: a query's test runs on it entry by entry,
 * so only the beads in the answer are ever made. It has the fields the tests read;
 * anything else is looked up.
 */
class Probe {
	entry = 0;
	status = '';
	issue_type = '';
	priority = 0;
	assignee: string | undefined = undefined;
	labels: string[] | undefined = undefined;
	ephemeral: true | undefined = undefined;

	constructor(readonly view: IndexedView, readonly table: IndexTable) {}

	at(entry: number): Bead {
		const {int32, dict} = this.table;
		this.entry = entry;
		this.status = dict[int32.st[entry]!] as string;
		this.issue_type = dict[int32.ty[entry]!] as string;
		this.priority = this.table.float64.pr[entry]!;
		const assignee = int32.as[entry]!;
		this.assignee = assignee < 0 ? undefined : (dict[assignee] as string);
		const labels = int32.lb[entry]!;
		this.labels = labels < 0 ? undefined : (dict[labels] as string[]);
		this.ephemeral = int32.ep[entry] ? true : undefined;
		return this as unknown as Bead;
	}

	get id(): string {
		return this.table.string(this.table.int32.id[this.entry]!);
	}

	get title(): string {
		return this.view.beadAt(this.entry).title;
	}

	get created_at(): string {
		return this.view.beadAt(this.entry).created_at;
	}

	get defer_until(): string | undefined {
		return this.view.beadAt(this.entry).defer_until;
	}

	get dependencies(): Dependency[] | undefined {
		return this.view.beadAt(this.entry).dependencies;
	}
}

/** An answer as entries, in the order the query sorts them. */
class EntryList implements QueryResult {
	constructor(readonly view: IndexedView, readonly entries: readonly number[]) {}

	get length(): number {
		return this.entries.length;
	}

	beads(limit: number): Bead[] {
		return first(this.entries, limit).map(entry => this.view.beadAt(entry));
	}

	records(limit: number): Bead[] {
		return first(this.entries, limit).map(entry => this.view.recordAt(entry));
	}

	json(limit: number): string {
		return `[${first(this.entries, limit).map(entry => this.view.jsonAt(entry)).join(',')}]`;
	}
}

/** No blockers: one shared, frozen list, since most beads have none. */
const none: Blocker[] = Object.freeze([]) as unknown as Blocker[];

/**
 * The view over the index. Queries test the columns first, then run their own test
 * on a probe, and make bead objects only for the beads they answer (none at all for
 * JSON, which is sliced out of the files); the whole state is built only when asked for.
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
				for (let pair = bs[entry]!; pair < bs[entry + 1]!; pair += 2) blockers.push(toBlocker(this.beadAt(bp[pair]!), table.dict[bp[pair + 1]!] as string));
				return blockers;
			},
			isDeferred: (bead, now) => {
				// Stored for open beads, the only ones `bd ready` asks about; others are worked out.
				if (bead.status !== 'open') return isDeferredBy(deferralOf(this.state, this.state.require(bead.id)), now);
				const deferral = df[this.#entryOfBead(bead)]!;
				return deferral === Infinity || deferral > now.getTime();
			},
		};
	}

	/** The bead at `entry`, made once. */
	beadAt(entry: number): Bead {
		let bead = this.#beads[entry];
		if (!bead) {
			bead = this.#beads[entry] = new IndexedBead(this.#table, entry);
			this.#entries.set(bead.id, entry);
		}
		return bead as unknown as Bead;
	}

	/** Every bead, in ledger order (the index holds no duplicate ids, so entry order is state order). */
	get state(): LedgerState {
		if (!this.#state) {
			const beads: Bead[] = [];
			for (let entry = 0; entry < this.#beads.length; entry++) beads.push(this.beadAt(entry));
			this.#state = new LedgerState(beads, this.#label);
		}
		return this.#state;
	}

	#find(id: string): number | undefined {
		let entry = this.#entries.get(id);
		if (entry === undefined && !this.#complete) {
			this.#complete = true;
			const ids = this.#table.int32.id;
			for (let index = 0; index < ids.length; index++) this.#entries.set(this.#table.string(ids[index]!), index);
			entry = this.#entries.get(id);
		}
		return entry;
	}

	#entry(id: string): number {
		const entry = this.#find(id);
		if (entry === undefined) this.state.require(id); // throws the usual "no bead" error
		return entry!;
	}

	bead(id: string): Bead | undefined {
		const entry = this.#find(id);
		return entry === undefined ? undefined : this.beadAt(entry);
	}

	dependentsOf(id: string): Dependency[] {
		const entry = this.#find(id);
		if (entry === undefined) return [];
		// Edges to a bead of this ledger name it by its id's own string number: scan for it, in ledger order.
		const {id: ids, es, et} = this.#table.int32;
		const target = ids[entry]!;
		const edges: Dependency[] = [];
		for (let owner = 0; owner < this.#beads.length; owner++) {
			for (let edge = es[owner]!; edge < es[owner + 1]!; edge++) {
				if (et[edge] === target) edges.push(this.beadAt(owner).dependencies![edge - es[owner]!]!);
			}
		}
		return edges;
	}

	#entryOfBead(bead: Bead): number {
		if (bead instanceof Probe) return bead.entry;
		return IndexedBead.entryOf(bead) ?? this.#entry(bead.id);
	}

	#code(value: string): number {
		return this.#table.dict.indexOf(value);
	}

	/**
	 * Entries that pass `test` (a cheap test on the columns, then the query's own test on
	 * a probe), in the order the query sorts them: the index's stored order, else sorted
	 * here with the query's own comparison.
	 */
	#query(test: (entry: number) => boolean): QueryResult {
		const order = this.#table.int32.or;
		const entries: number[] = [];
		if (order.length === this.#beads.length) {
			for (let index = 0; index < order.length; index++) if (test(order[index]!)) entries.push(order[index]!);
			return new EntryList(this, entries);
		}
		for (let entry = 0; entry < this.#beads.length; entry++) if (test(entry)) entries.push(entry);
		return new BeadList(entries.map(entry => this.beadAt(entry)).sort(byPriority), this);
	}

	ready(filter: BeadFilter, now: Date): QueryResult {
		const {st, ep, bs} = this.#table.int32;
		const {df} = this.#table.float64;
		const open = this.#code('open');
		const time = now.getTime();
		const ready = readyTest(filter, now, this.readiness);
		const probe = new Probe(this, this.#table);
		// The columns answer the first tests (open, not ephemeral, not blocked, not deferred); readyTest has the last word.
		return this.#query(entry => st[entry] === open && !ep[entry] && bs[entry] === bs[entry + 1] && df[entry] !== Infinity && !(df[entry]! > time) && ready(probe.at(entry)));
	}

	list(filter: BeadFilter): QueryResult {
		const {st, ep} = this.#table.int32;
		const statuses = filter.statuses?.length ? new Set(filter.statuses.map(status => this.#code(status))) : undefined;
		const closed = this.#code('closed');
		const ephemeral = Boolean(filter.includeEphemeral);
		const probe = new Probe(this, this.#table);
		// The columns answer matchesFilter's first tests (ephemeral, then status); it has the last word.
		return this.#query(entry => (ephemeral || !ep[entry]) && (statuses ? statuses.has(st[entry]!) : filter.includeClosed || st[entry] !== closed) && matchesFilter(probe.at(entry), filter));
	}

	blocked(): BlockedBead[] {
		const {bs, ep} = this.#table.int32;
		// Only beads with stored blockers can be blocked (done beads have none stored); in
		// the stored order, blockedFrom's sort is one pass.
		const order = this.#table.int32.or;
		const beads: Bead[] = [];
		const add = (entry: number) => {
			if (bs[entry + 1]! > bs[entry]! && !ep[entry]) beads.push(this.beadAt(entry));
		};
		if (order.length === this.#beads.length) for (let index = 0; index < order.length; index++) add(order[index]!);
		else for (let entry = 0; entry < this.#beads.length; entry++) add(entry);
		return blockedFrom(beads, this.readiness);
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

	/** The whole bead at `entry`: exactly what the full parse makes of its line (see parseLedgerText and Ledger.read). */
	recordAt(entry: number): Bead {
		const bead = beadFromRecord(JSON.parse(this.#line(entry)) as Record<string, unknown>);
		return this.#table.int32.fi[entry] === 1 && !bead.ephemeral ? {...bead, ephemeral: true} : bead;
	}

	record(id: string): Bead {
		return this.recordAt(this.#entry(id));
	}

	/** `JSON.stringify({...recordAt(entry), ...extra})`: the stored line itself when it is that text. */
	jsonAt(entry: number, extra?: Record<string, unknown>): string {
		if (!this.#odd.has(entry)) {
			const line = this.#line(entry);
			if (!extra) return line;
			// {...bead, ...extra} puts extra's keys last, unless the bead has one of them already.
			if (!Object.keys(extra).some(key => line.includes(`"${key}"`))) {
				const more = JSON.stringify(extra);
				return more === '{}' ? line : `${line.slice(0, -1)},${more.slice(1)}`;
			}
		}
		const bead = this.recordAt(entry);
		return JSON.stringify(extra ? {...bead, ...extra} : bead);
	}

	json(id: string, extra?: Record<string, unknown>): string {
		return this.jsonAt(this.#entry(id), extra);
	}

	jsonArray(ids: readonly string[], extras?: ReadonlyArray<Record<string, unknown>>): string {
		const parts = new Array<string>(ids.length);
		for (let index = 0; index < ids.length; index++) parts[index] = this.json(ids[index]!, extras?.[index]);
		return `[${parts.join(',')}]`;
	}
}

export type IndexLookup =
	| {kind: 'hit'; view: LedgerView; keys: [FileKey | null, FileKey | null]}
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
		return {kind: 'hit', view: new IndexedView(table, label, odd, buffers), keys: [opened[0]?.key ?? null, opened[1]?.key ?? null]};
	} catch {
		return {kind: 'miss'};
	} finally {
		for (const open of opened) if (open) closeSync(open.fd);
	}
}
