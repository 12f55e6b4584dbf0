// lowdb's adapter for one JSONL ledger file (issues.jsonl or wisps.jsonl): reads the
// file with its key (so a read index built from it names exactly that file), writes
// it atomically keeping unchanged lines byte for byte.
import {closeSync, fstatSync, openSync, readFileSync, statSync} from 'node:fs';
import type {Adapter} from 'lowdb';
import {atomicWriteFileSync} from '../../base/atomic-write.js';
import {errnoCode} from '../../base/errors.js';
import {ledgerFile, parseLedgerText, type LedgerFileText, type ParsedLedgerFileWithLines} from '../jsonl.js';
import {keyOf, type FileKey} from '../read-cache/format.js';
import type {Bead} from '../types.js';

/**
 * What one JSONL file holds in memory; `changed` names beads whose kept line is stale.
 * `key` is the file's (size, mtimeMs, ino) when read (null: no file), and `written`
 * what a transaction wrote to it: both feed the read index.
 */
export type LedgerFileData = ParsedLedgerFileWithLines & {
	changed?: ReadonlySet<string>;
	/** The file's bytes as read: compaction leaves a file whose text would not change alone. */
	bytes?: Buffer;
	key?: FileKey | null;
	written?: LedgerFileText & {key: FileKey};
};

/** lowdb adapter for one JSONL ledger file. */
export class JsonlAdapter implements Adapter<LedgerFileData> {
	constructor(readonly file: string) {}

	async read(): Promise<LedgerFileData | null> {
		let descriptor: number;
		try {
			descriptor = openSync(this.file, 'r');
		} catch (error) {
			if (errnoCode(error) === 'ENOENT') return {...emptyFile(), key: null};
			throw error;
		}
		// Key and content from one descriptor: an index built from this read names exactly this file.
		let key: FileKey;
		let bytes: Buffer;
		try {
			key = keyOf(fstatSync(descriptor));
			bytes = readFileSync(descriptor);
		} finally {
			closeSync(descriptor);
		}
		const text = bytes.toString('utf8');
		return {...parseLedgerText(text, this.file, {layout: true, byteLength: bytes.length, unique: true}), key, bytes};
	}

	async write(data: LedgerFileData): Promise<void> {
		// Unchanged beads keep their line byte for byte: cheaper, and git diffs stay small.
		const lineOf = (bead: Bead) => (data.changed?.has(bead.id) ? undefined : data.lines.get(bead.id));
		const file = ledgerFile(data.beads, data.extra, lineOf);
		if (data.bytes && data.key && file.bytes.equals(data.bytes)) {
			// Nothing in this file changed: leave it (and its key, which the read index names) as it is.
			data.written = {...file, key: data.key};
			return;
		}
		atomicWriteFileSync(this.file, file.bytes);
		// Under the ledger lock nobody else writes this file, so this is the key of what was just written.
		data.written = {...file, key: keyOf(statSync(this.file))};
	}
}

export const emptyFile = (): LedgerFileData => ({beads: [], extra: [], lines: new Map(), layout: {offsets: [], lengths: [], rows: []}});
