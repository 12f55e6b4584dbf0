// One beads ledger: a `.beads/` directory holding issues.jsonl (durable beads,
// sorted by id, tracked by git), wisps.jsonl (ephemeral beads: mail, wisps, merge
// requests; never in git) and config.toml (prefix, custom types and statuses).
//
// lowdb holds each file through a JSONL adapter. Every change is one transaction:
// take the ledger's lock, re-read both files, apply, write each changed file to a
// temp file, fsync, rename, release; then build the read index (.cache/, see
// read-cache/) and write it under the lock if no other writer came in between.
// Reads take no lock: renames are atomic, so a reader sees a whole old file or a
// whole new one, and an index that does not name exactly those files is ignored.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Low} from 'lowdb';
import {atomicWriteFileSync, removeStaleTemporaries} from '../base/atomic-write.js';
import {acquireLock, withLock} from '../base/file-lock.js';
import {readTomlFile, writeTomlFile} from '../base/toml-file.js';
import {conflict, notFound} from '../base/errors.js';
import {beadFromRecord, duplicateId} from './jsonl.js';
import {LedgerState} from './ledger-state.js';
import {indexData, type IndexSource} from './read-cache/build.js';
import {oddFromIndex, sameKey, statKey, writeIndex, type FileKey} from './read-cache/format.js';
import {openIndexedView, openIndexTable} from './read-cache/lookup.js';
import {FullView, type LedgerView} from './read-cache/view.js';
import {IndexedBase} from './store/indexed-base.js';
import {emptyFile, JsonlAdapter, type LedgerFileData} from './store/jsonl-adapter.js';
import {appendJournal, journalFileName, journalLine, readJournal, removeJournal, type Journal} from './store/journal.js';
import {OverlayView} from './store/overlay-view.js';
import {validatePrefix} from './ids.js';
import {builtinStatuses, builtinTypes, type Bead} from './types.js';

export const ledgerFiles = {
	durable: 'issues.jsonl',
	ephemeral: 'wisps.jsonl',
	config: 'config.toml',
	journal: journalFileName,
	lock: '.lock',
} as const;

/** When a write folds the journal into the files (see the top of this file). */
export const compaction = {
	/** Below this (files' bytes), every write folds at once: rewriting them costs a few ms, and tools reading them see each change. */
	minFileBytes: 256 << 10,
	/** Fold when the journal is larger than the files divided by this. */
	shareOfFiles: 8,
	maxBytes: 1 << 20,
	maxAgeMs: 60_000,
};

export type LedgerConfig = {
	prefix: string;
	custom_types?: string[];
	custom_statuses?: string[];
	[key: string]: unknown;
};

/** The `.gitignore` that `bd init` puts in `.beads/`: runtime state stays out of git. */
export const ledgerGitignore = ['# Beads runtime state: derived caches, locks, temp files, ephemeral beads and the journal (folded into issues.jsonl).', '.cache/', '.lock*', '*.tmp', 'wisps.jsonl', 'journal.jsonl', ''].join('\n');

export class Ledger {
	readonly dir: string;
	readonly config: LedgerConfig;
	readonly #durable: Low<LedgerFileData>;
	readonly #ephemeral: Low<LedgerFileData>;
	/** Ids of ephemeral beads that the last full read found in issues.jsonl (see #readFiles). */
	#ephemeralInDurable = new Set<string>();

	private constructor(dir: string, config: LedgerConfig) {
		this.dir = dir;
		this.config = config;
		this.#durable = new Low(new JsonlAdapter(path.join(dir, ledgerFiles.durable)), emptyFile());
		this.#ephemeral = new Low(new JsonlAdapter(path.join(dir, ledgerFiles.ephemeral)), emptyFile());
	}

	get prefix(): string {
		return this.config.prefix;
	}

	get label(): string {
		return `ledger ${this.prefix} (${this.dir})`;
	}

	static exists(dir: string): boolean {
		return existsSync(path.join(dir, ledgerFiles.config));
	}

	static open(dir: string): Ledger {
		const file = path.join(dir, ledgerFiles.config);
		if (!existsSync(file)) throw notFound(`no beads ledger at ${dir}`, 'run `bd init` to create one');
		const table = readTomlFile(file) as LedgerConfig;
		if (typeof table.prefix !== 'string') throw notFound(`${file} has no prefix`, 'add a line like prefix = "mp"');
		return new Ledger(dir, table);
	}

	/**
	 * Creates `.beads/` with its config and empty files; refuses an existing ledger.
	 * `gitignore` adds `.beads/.gitignore` (bd init): a town's own .gitignore already
	 * covers its ledgers, and there an extra untracked file would dirty `git status`.
	 */
	static init(dir: string, prefix: string, options: {gitignore?: boolean} = {}): Ledger {
		validatePrefix(prefix);
		if (Ledger.exists(dir)) throw conflict(`a beads ledger already exists at ${dir}`, 'use it, or pick another directory');
		mkdirSync(dir, {recursive: true});
		const config: LedgerConfig = {prefix};
		writeTomlFile(path.join(dir, ledgerFiles.config), config, '# Beads ledger configuration.');
		for (const file of [ledgerFiles.durable, ledgerFiles.ephemeral]) {
			const full = path.join(dir, file);
			if (!existsSync(full)) atomicWriteFileSync(full, '');
		}
		const gitignore = path.join(dir, '.gitignore');
		if (options.gitignore && !existsSync(gitignore)) writeFileSync(gitignore, ledgerGitignore);
		return new Ledger(dir, config);
	}

	get statuses(): string[] {
		return [...builtinStatuses, ...(this.config.custom_statuses ?? [])];
	}

	get types(): string[] {
		return [...builtinTypes, ...(this.config.custom_types ?? [])];
	}

	get #files(): [string, string] {
		return [path.join(this.dir, ledgerFiles.durable), path.join(this.dir, ledgerFiles.ephemeral)];
	}

	get #journalFile(): string {
		return path.join(this.dir, ledgerFiles.journal);
	}

	/** Both files as read (each with the key of what was read), and the beads they hold. */
	async #readFiles(): Promise<LedgerState> {
		await Promise.all([this.#durable.read(), this.#ephemeral.read()]);
		const durable = this.#durable.data.beads;
		const durableIds = new Set(durable.map(bead => bead.id));
		for (const bead of this.#ephemeral.data.beads) {
			if (durableIds.has(bead.id)) {
				const [issues, wisps] = this.#files;
				throw duplicateId(issues, bead.id, lineNumberOf(issues, bead.id), lineNumberOf(wisps, bead.id), wisps);
			}
		}
		// Beads of a Beads tracker used in place keep their file: an ephemeral record
		// found in issues.jsonl stays there (git tracks it) until a change moves it.
		this.#ephemeralInDurable = new Set(durable.filter(bead => bead.ephemeral).map(bead => bead.id));
		// A bead stored in wisps.jsonl is ephemeral whatever its flag says.
		const ephemeral = this.#ephemeral.data.beads.map(bead => (bead.ephemeral ? bead : {...bead, ephemeral: true}));
		return new LedgerState([...durable, ...ephemeral], this.label);
	}

	/** Whether both files are still the ones last read (no compaction replaced them since). */
	#filesUnchanged(keys: ReadonlyArray<FileKey | null | undefined>): boolean {
		const [durable, ephemeral] = this.#files;
		return sameKey(statKey(durable), keys[0]) && sameKey(statKey(ephemeral), keys[1]);
	}

	/**
	 * Reads files and journal so that they belong together without taking the lock:
	 * the journal is read after the files, and the files must still be in place after
	 * that (else a compaction came in between: read again). Should that keep failing,
	 * read under the lock.
	 */
	async #readConsistent<T>(read: () => Promise<{value: T; keys: ReadonlyArray<FileKey | null | undefined>}>): Promise<T> {
		for (let attempt = 0; attempt < 5; attempt++) {
			const {value, keys} = await read();
			if (this.#filesUnchanged(keys)) return value;
		}
		return withLock(path.join(this.dir, ledgerFiles.lock), async () => (await read()).value, {what: this.label});
	}

	/** Files plus journal, in full. */
	async #readAll(): Promise<{state: LedgerState; journal: Journal}> {
		const state = await this.#readFiles();
		const journal = readJournal(this.#journalFile);
		state.replay(journal.entries);
		return {state, journal};
	}

	/** A consistent read of the ledger (files and journal), without taking the lock. */
	async read(): Promise<LedgerState> {
		return this.#readConsistent(async () => {
			const {state} = await this.#readAll();
			return {value: state, keys: [this.#durable.data.key, this.#ephemeral.data.key]};
		});
	}

	/**
	 * A read for queries: through the read index when it matches both files (fast,
	 * partial beads plus their lines; the journal's beads laid over them), else a full
	 * read that also rebuilds the index. `records: false` when the caller needs no full
	 * records (human lists), which spares reading the files at all.
	 */
	async view(options: {records?: boolean} = {}): Promise<LedgerView> {
		return this.#readConsistent(async () => {
			const lookup = openIndexedView(this.dir, this.#files, this.label, options.records ?? true);
			if (lookup.kind === 'hit') {
				const journal = readJournal(this.#journalFile);
				const view = journal.entries.length === 0 ? lookup.view : new OverlayView(lookup.view, journal.entries);
				return {value: view, keys: lookup.keys};
			}
			const {state} = await this.#readAll();
			const keys = [this.#durable.data.key, this.#ephemeral.data.key];
			if (lookup.kind === 'miss' && this.#filesUnchanged(keys)) await this.#saveIndex([this.#durable.data, this.#ephemeral.data]);
			return {value: new FullView(state), keys};
		});
	}

	/**
	 * Saves the read index for the files `datas` describe (as read, or as compaction
	 * wrote them). The index is built first, without the lock (writers queued on it
	 * need not wait for that), then written under the lock if it is free and the files
	 * are still those; if a writer holds it, the index waits for a later read. Never
	 * throws: the index is only a cache.
	 */
	async #saveIndex(datas: readonly [LedgerFileData, LedgerFileData], locked = false): Promise<void> {
		const keys = datas.map(data => (data.written ? data.written.key : data.key));
		const data = this.#indexData(datas);
		if (!data) return;
		let release: (() => void) | undefined;
		if (!locked) {
			try {
				release = await acquireLock(path.join(this.dir, ledgerFiles.lock), {timeoutMs: 0});
			} catch {
				return;
			}
		}
		try {
			if (this.#filesUnchanged(keys)) writeIndex(this.dir, data);
		} catch {
			// Only a cache.
		} finally {
			release?.();
		}
	}

	/** The index's bytes for the files `datas` describe, or undefined if that cannot be worked out. */
	#indexData(datas: readonly [LedgerFileData, LedgerFileData]): Buffer | undefined {
		try {
			// Odd lines (not exactly their bead's JSON) are known from the index that matched the files before this write.
			const previous = datas.every(data => data.key !== undefined) ? oddFromIndex(this.dir, [datas[0].key!, datas[1].key!]) : undefined;
			const sources: IndexSource[] = [];
			const all: Bead[] = [];
			for (let file = 0; file < datas.length; file++) {
				const data = datas[file]!;
				const written = data.written;
				const key = written ? written.key : data.key;
				const layout = written ? written.layout : data.layout;
				if (key === undefined || !layout) return undefined;
				const given = written ? written.beads : data.beads;
				const beads = new Array<Bead>(given.length);
				const odd = new Array<boolean>(given.length);
				for (let index = 0; index < given.length; index++) {
					const line = layout.rows[index];
					const fresh = written !== undefined && !written.kept[index];
					// A line written afresh: index what a reader will parse from it.
					let bead = fresh ? beadFromRecord(JSON.parse(line!) as Record<string, unknown>) : given[index]!;
					if (file === 1 && !bead.ephemeral) bead = {...bead, ephemeral: true};
					beads[index] = bead;
					all.push(bead);
					odd[index] = line === undefined || (!fresh && previous ? previous[file]!.has(bead.id) : JSON.stringify(bead) !== line);
				}
				sources.push({key, beads, offsets: layout.offsets, lengths: layout.lengths, odd});
			}
			return indexData([sources[0]!, sources[1]!], new LedgerState(all, this.label));
		} catch {
			return undefined;
		}
	}

	/** Rewrites both files from `state` (unchanged ones are left alone); `changed` names beads whose kept line is stale. */
	async #writeFiles(state: LedgerState, changed: ReadonlySet<string>): Promise<void> {
		const durable = (bead: Bead) => !bead.ephemeral || this.#ephemeralInDurable.has(bead.id);
		this.#durable.data = {...this.#durable.data, beads: state.all().filter(durable), changed};
		await this.#durable.write();
		this.#ephemeral.data = {...this.#ephemeral.data, beads: state.all().filter(bead => !durable(bead)), changed};
		await this.#ephemeral.write();
	}

	/** Beads the journal entries name: their kept file lines are stale. */
	static #journaled(journal: Journal): Set<string> {
		const ids = new Set<string>();
		for (const entry of journal.entries) {
			for (const bead of entry.put) ids.add(bead.id);
			for (const id of entry.gone) ids.add(id);
		}
		return ids;
	}

	#dueForCompaction(journal: Journal, appended: number, now: number, files: number): boolean {
		const size = journal.complete + appended;
		const oldest = journal.entries[0]?.at;
		return files < compaction.minFileBytes || size > files / compaction.shareOfFiles || size > compaction.maxBytes || (oldest !== undefined && now - oldest > compaction.maxAgeMs);
	}

	/**
	 * Under the lock: the ledger over the read index, beads fetched from their lines
	 * as the change asks for them (see store/indexed-base.ts), the journal laid over
	 * them. Undefined when the index does not name exactly these files, or they are
	 * small enough that every write folds anyway (which needs them whole).
	 */
	#readIndexed(): {state: LedgerState; journal: Journal; base: IndexedBase; bytes: number} | undefined {
		const opened = openIndexTable(this.dir, this.#files);
		const bytes = opened ? (opened.keys[0]?.[0] ?? 0) + (opened.keys[1]?.[0] ?? 0) : 0;
		if (!opened || bytes < compaction.minFileBytes) return undefined;
		const base = new IndexedBase(opened.table, opened.header, this.#files);
		const journal = readJournal(this.#journalFile);
		const state = new LedgerState([], this.label, base);
		state.replay(journal.entries);
		return {state, journal, base, bytes};
	}

	/** Under the lock: folds the journal into the files, then removes it (the journal last, so a crash in between loses nothing). */
	async #compactLocked(state: LedgerState, journal: Journal, changed: ReadonlySet<string>): Promise<void> {
		const stale = Ledger.#journaled(journal);
		for (const id of changed) stale.add(id);
		await this.#writeFiles(state, stale);
		if (journal.size > 0 || existsSync(this.#journalFile)) removeJournal(this.#journalFile);
		await this.#saveIndex([this.#durable.data, this.#ephemeral.data], true);
	}

	/**
	 * Folds the journal into issues.jsonl and wisps.jsonl, so that git and other tools
	 * reading the files see every change. Call it before committing a ledger.
	 */
	async compact(options: {locked?: boolean} = {}): Promise<void> {
		// No journal, nothing to fold (and no lock to take: a read-only ledger still exports).
		if (!existsSync(this.#journalFile)) return;
		const fold = async () => {
			const {state, journal} = await this.#readAll();
			if (journal.size > 0 || existsSync(this.#journalFile)) await this.#compactLocked(state, journal, new Set());
		};
		// `locked`: the caller holds the ledger's lock (gt sync, across commit and merge).
		await (options.locked ? fold() : withLock(path.join(this.dir, ledgerFiles.lock), fold, {what: this.label}));
	}

	/**
	 * Runs `change` under the ledger's lock on fresh data and writes what it changed:
	 * one journal line, and the files themselves when compaction is due. Over the read
	 * index when it matches the files (the change reads only the beads it asks for),
	 * else over a full read.
	 */
	async transact<T>(change: (state: LedgerState) => T | Promise<T>): Promise<T> {
		return withLock(path.join(this.dir, ledgerFiles.lock), async () => {
			// Under the lock: temp files of writers killed before their rename go.
			removeStaleTemporaries(this.dir);
			const indexed = this.#readIndexed();
			try {
				const {state, journal} = indexed ?? (await this.#readAll());
				const result = await change(state);
				const touched = state.touched();
				if (!touched.durable && !touched.ephemeral) return result;
				const now = new Date();
				const put = [...state.changedIds].map(id => state.require(id));
				const gone = [...state.removedIds.keys()].filter(id => !state.has(id));
				const line = journalLine(put, gone, now);
				const files = indexed ? indexed.bytes : (this.#durable.data.key?.[0] ?? 0) + (this.#ephemeral.data.key?.[0] ?? 0);
				const due = this.#dueForCompaction(journal, Buffer.byteLength(line), now.getTime(), files);
				if (indexed) {
					// The change is durable in the journal first; folding it in needs the whole ledger.
					appendJournal(this.#journalFile, journal, line);
					if (due) {
						const whole = await this.#readAll();
						await this.#compactLocked(whole.state, whole.journal, new Set());
					}
					return result;
				}
				// With an empty journal, a write that folds at once goes straight to the files:
				// no older entry could be replayed over it, so the journal adds nothing.
				if (!(due && journal.size === 0)) appendJournal(this.#journalFile, journal, line);
				if (due) await this.#compactLocked(state, journal, state.changedIds);
				return result;
			} finally {
				indexed?.base.close();
			}
		}, {what: this.label});
	}
}

/** Folds a ledger's journal into its files (see Ledger.compact). */
export async function compactLedger(dir: string): Promise<void> {
	await Ledger.open(dir).compact();
}

export type {Bead, LedgerFileData};

/** The line of `file` that holds bead `id` (1-based; 0 if not found), for naming a duplicate. */
function lineNumberOf(file: string, id: string): number {
	try {
		const needle = `"id":${JSON.stringify(id)}`;
		const index = readFileSync(file, 'utf8').split('\n').findIndex(line => line.replaceAll(' ', '').includes(needle));
		return index + 1;
	} catch {
		return 0;
	}
}
