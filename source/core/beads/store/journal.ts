// The ledger's journal, `.beads/journal.jsonl`: what transactions changed since the
// sorted files were last rewritten. A write appends one line (under the ledger
// lock, then fsync) instead of rewriting issues.jsonl, so its cost does not grow
// with the ledger; compaction (see ledger.ts) folds the journal back into the
// files and removes it.
//
// One line per transaction, so a transaction lands whole or not at all:
//   {"at":"<ISO time>","put":[<bead>, …],"gone":["<id>", …]}
// `put` holds whole beads (the line beadToLine writes), so replaying an entry on
// files that already hold it changes nothing: a crash between rewriting the files
// and removing the journal loses nothing and doubles nothing. A bead goes to
// wisps.jsonl when its `ephemeral` flag is set, else to issues.jsonl.
//
// A last line without its newline is a writer killed mid-append: that write was
// never acknowledged (the fsync comes after the whole line), so readers ignore it
// and the next writer cuts it off before appending. Any other line that does not
// parse stops the command with file and line, as a broken ledger file does.
import {closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';
import {syncDirectory} from '../../base/atomic-write.js';
import {errnoCode, failure} from '../../base/errors.js';
import {beadFromRecord, beadToLine} from '../jsonl.js';
import type {Bead} from '../types.js';

export const journalFileName = 'journal.jsonl';

export type JournalEntry = {
	/** When it was written (ms since the epoch). */
	at: number;
	put: Bead[];
	gone: string[];
};

export type Journal = {
	entries: JournalEntry[];
	/** Bytes of whole lines: where the next append goes (a torn tail beyond it is cut off). */
	complete: number;
	/** The file's size when read (complete plus any torn tail); 0 when there is none. */
	size: number;
};

export const emptyJournal = (): Journal => ({entries: [], complete: 0, size: 0});

const broken = (file: string, line: number, why: string) => failure(`${file}:${line}: ${why}`, 'fix or remove that line by hand (it holds changes not yet in issues.jsonl); nothing was written');

/** Parses journal bytes; throws on a bad line other than a torn last one. */
export function parseJournal(bytes: Buffer, file: string): Journal {
	const end = bytes.lastIndexOf(10) + 1; // whole lines only
	const entries: JournalEntry[] = [];
	const text = bytes.toString('utf8', 0, end);
	let line = 0;
	for (let start = 0; start < text.length;) {
		const stop = text.indexOf('\n', start);
		const row = text.slice(start, stop);
		start = stop + 1;
		line++;
		if (row.trim().length === 0) continue;
		let record: unknown;
		try {
			record = JSON.parse(row);
		} catch (error) {
			throw broken(file, line, `not valid JSON (${(error as Error).message})`);
		}
		const {at, put, gone} = (record ?? {}) as {at?: unknown; put?: unknown; gone?: unknown};
		if (!Array.isArray(put) || !Array.isArray(gone) || !put.every(bead => typeof bead === 'object' && bead !== null && typeof bead.id === 'string') || !gone.every(id => typeof id === 'string')) {
			throw broken(file, line, 'not a journal entry ({"at", "put": [beads], "gone": [ids]})');
		}
		entries.push({at: typeof at === 'string' ? Date.parse(at) || 0 : 0, put: put.map(bead => beadFromRecord(bead as Record<string, unknown>)), gone: gone as string[]});
	}
	return {entries, complete: end, size: bytes.length};
}

/** The journal through an open descriptor (or none). */
export function readJournalFrom(fd: number | undefined, file: string): Journal {
	if (fd === undefined) return emptyJournal();
	const size = fstatSync(fd).size;
	const bytes = Buffer.allocUnsafe(size);
	let done = 0;
	while (done < size) {
		const count = readSync(fd, bytes, done, size - done, done);
		if (count === 0) break;
		done += count;
	}
	return parseJournal(bytes.subarray(0, done), file);
}

export function openJournal(file: string): number | undefined {
	try {
		return openSync(file, 'r');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return undefined;
		throw error;
	}
}

export function readJournal(file: string): Journal {
	const fd = openJournal(file);
	try {
		return readJournalFrom(fd, file);
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Replays entries onto beads by id, in order: a put replaces (or adds) a bead, a tombstone or a gone id removes it. */
export function replayJournal(beads: Map<string, Bead>, entries: readonly JournalEntry[]): void {
	for (const entry of entries) {
		for (const bead of entry.put) {
			if (bead.status === 'tombstone') beads.delete(bead.id);
			else beads.set(bead.id, bead);
		}
		for (const id of entry.gone) beads.delete(id);
	}
}

/** The line of one transaction: the beads as their file lines have them. */
export function journalLine(put: readonly Bead[], gone: readonly string[], now = new Date()): string {
	return `{"at":${JSON.stringify(now.toISOString())},"put":[${put.map(beadToLine).join(',')}],"gone":${JSON.stringify(gone)}}\n`;
}

/**
 * Appends one transaction under the ledger lock and fsyncs it: once this returns,
 * the write is durable. `journal` is what the writer read under the same lock: a
 * torn tail beyond its whole lines is cut off first.
 */
export function appendJournal(file: string, journal: Journal, line: string): void {
	const created = journal.size === 0;
	const fd = openSync(file, 'a', 0o644);
	try {
		const size = fstatSync(fd).size;
		if (size !== journal.complete) ftruncateSync(fd, journal.complete);
		try {
			const bytes = Buffer.from(line);
			for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
			fsyncSync(fd);
		} catch (error) {
			// A part written stays a torn tail, which readers ignore; cut it off if we can.
			try {
				ftruncateSync(fd, journal.complete);
			} catch {}
			throw error;
		}
	} finally {
		closeSync(fd);
	}
	if (created) syncDirectory(path.dirname(file));
}

/** Removes the journal once compaction has folded it into the files. */
export function removeJournal(file: string): void {
	rmSync(file, {force: true});
	syncDirectory(path.dirname(file));
}
