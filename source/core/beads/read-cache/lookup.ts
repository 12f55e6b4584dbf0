// Opening the read index for a read: only when it names exactly the files in place.
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {errnoCode} from '../../base/errors.js';
import {IndexTable, keyOf, littleEndian, parseHeader, readIndexFile, sameKey, statKey, type FileKey, type Header} from './format.js';
import {IndexedView} from './indexed-view.js';
import type {LedgerView} from './view.js';

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


/**
 * For a writer under the ledger lock (nobody replaces the files meanwhile): the index
 * table if it matches both files as they are now, without reading the files.
 */
export function openIndexTable(dir: string, files: readonly [string, string]): {table: IndexTable; header: Header; keys: [FileKey | null, FileKey | null]} | undefined {
	try {
		const keys: [FileKey | null, FileKey | null] = [statKey(files[0]), statKey(files[1])];
		const data = readIndexFile(dir);
		const header = data && parseHeader(data);
		if (!header || header.full || header.le !== littleEndian || !sameKey(header.keys[0], keys[0]) || !sameKey(header.keys[1], keys[1])) return undefined;
		return {table: new IndexTable(data!, header), header, keys};
	} catch {
		return undefined;
	}
}
