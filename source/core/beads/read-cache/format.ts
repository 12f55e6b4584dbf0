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
//
// This file: the format (below), the files' keys, and reading and writing the index file.
// build.ts makes it, indexed-view.ts answers queries from it, lookup.ts opens it.
import {assertInside} from '../../base/inside.js';
import {fstatSync, mkdirSync, openSync, closeSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats} from 'node:fs';
import path from 'node:path';
import {errnoCode} from '../../base/errors.js';

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

// ---- format ------------------------------------------------------------------
//
// One JSON header line (version, file keys, odd lines, where each section is), then
// 8-byte aligned sections: numeric columns as raw Int32/Float64 arrays in the
// machine's byte order (read as typed-array views: no parsing, and nothing on the JS
// heap for the collector to copy around), every string in one UTF-8 blob (decoded
// once, sliced per bead), and a small JSON dictionary of repeated values.

/** Int32 columns. Per bead unless noted; "string" means a number into `so`, -1 for none. */
export const int32Columns = [
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
export const float64Columns = ['pr', 'df'] as const;

export type Int32Column = (typeof int32Columns)[number];
export type Float64Column = (typeof float64Columns)[number];
export type Section = Int32Column | Float64Column | 'blob' | 'dict';

export type Header = {
	v: number;
	/** The columns' byte order: an index is only read on a machine with the same. */
	le?: boolean;
	keys: Array<FileKey | null>;
	/** The files cannot be indexed (a hand-edited oddity, see build): read them in full. */
	full?: boolean;
	/** Beads whose line is not exactly JSON.stringify of the bead, as [file, id]. */
	odd?: Array<[number, string]>;
	count?: number;
	/** Per file: its ids are in strictly ascending order (as every writer leaves them), so an id is found by binary search. */
	sorted?: [boolean, boolean];
	/** Top-level ids (no ".n" child suffix) per prefix: what id allocation needs, without listing ids. */
	tops?: Record<string, number>;
	/** Byte offset (from the first 8-aligned byte after the header line) and length of each section. */
	sections?: Record<Section, [number, number]>;
};


export const align = (offset: number) => (offset + 7) & ~7;
export const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

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
		// A derived cache is never worth writing outside the ledger: a repository that
		// commits .beads/.cache as a symlink would otherwise have us write where it points.
		assertInside(dir, target);
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
export function readIndexFile(dir: string): Buffer | undefined {
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


export function parseHeader(data: Buffer): Header | undefined {
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


/** The index's sections, viewed in place. */
export class IndexTable {
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

