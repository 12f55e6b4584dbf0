// One beads ledger: a `.beads/` directory holding issues.jsonl (durable beads,
// sorted by id, tracked by git), wisps.jsonl (ephemeral beads: mail, wisps, merge
// requests; never in git) and config.toml (prefix, custom types and statuses).
//
// lowdb holds each file through a JSONL adapter. Every change is one transaction:
// take the ledger's lock, re-read both files, apply, write each changed file to a
// temp file, fsync, rename, release; then build the read index (.cache/, see
// read-index.ts) and write it under the lock if no other writer came in between.
// Reads take no lock: renames are atomic, so a reader sees a whole old file or a
// whole new one, and an index that does not name exactly those files is ignored.
import {closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Low, type Adapter} from 'lowdb';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {acquireLock, withLock} from '../base/file-lock.js';
import {readTomlFile, writeTomlFile} from '../base/toml-file.js';
import {conflict, errnoCode, notFound} from '../base/errors.js';
import {beadFromRecord, ledgerFile, parseLedgerText, type LedgerFileText, type ParsedLedgerFileWithLines} from './jsonl.js';
import {LedgerState} from './ledger-state.js';
import {FullView, indexData, keyOf, oddFromIndex, openIndexedView, sameKey, writeIndex, type FileKey, type IndexSource, type LedgerView} from './read-index.js';
import {validatePrefix} from './ids.js';
import {builtinStatuses, builtinTypes, type Bead} from './types.js';

export const ledgerFiles = {
	durable: 'issues.jsonl',
	ephemeral: 'wisps.jsonl',
	config: 'config.toml',
	lock: '.lock',
} as const;

export type LedgerConfig = {
	prefix: string;
	custom_types?: string[];
	custom_statuses?: string[];
	[key: string]: unknown;
};

/**
 * What one JSONL file holds in memory; `changed` names beads whose kept line is stale.
 * `key` is the file's (size, mtimeMs, ino) when read (null: no file), and `written`
 * what a transaction wrote to it: both feed the read index.
 */
export type LedgerFileData = ParsedLedgerFileWithLines & {
	changed?: ReadonlySet<string>;
	key?: FileKey | null;
	written?: LedgerFileText & {key: FileKey};
};

/** The `.gitignore` that `bd init` puts in `.beads/`: runtime state stays out of git. */
export const ledgerGitignore = ['# Beads runtime state: derived caches, locks, temp files and ephemeral beads.', '.cache/', '.lock*', '*.tmp', 'wisps.jsonl', ''].join('\n');

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
		return {...parseLedgerText(text, this.file, {layout: true, byteLength: bytes.length}), key};
	}

	async write(data: LedgerFileData): Promise<void> {
		// Unchanged beads keep their line byte for byte: cheaper, and git diffs stay small.
		const lineOf = (bead: Bead) => (data.changed?.has(bead.id) ? undefined : data.lines.get(bead.id));
		const file = ledgerFile(data.beads, data.extra, lineOf);
		atomicWriteFileSync(this.file, file.bytes);
		// Under the ledger lock nobody else writes this file, so this is the key of what was just written.
		data.written = {...file, key: keyOf(statSync(this.file))};
	}
}

const emptyFile = (): LedgerFileData => ({beads: [], extra: [], lines: new Map(), layout: {offsets: [], lengths: [], rows: []}});

export class Ledger {
	readonly dir: string;
	readonly config: LedgerConfig;
	readonly #durable: Low<LedgerFileData>;
	readonly #ephemeral: Low<LedgerFileData>;

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

	async #readBoth(): Promise<LedgerState> {
		await Promise.all([this.#durable.read(), this.#ephemeral.read()]);
		const durable = this.#durable.data.beads;
		// A bead stored in wisps.jsonl is ephemeral whatever its flag says.
		const ephemeral = this.#ephemeral.data.beads.map(bead => (bead.ephemeral ? bead : {...bead, ephemeral: true}));
		return new LedgerState([...durable, ...ephemeral], this.label);
	}

	/** A consistent read of the ledger, without taking the lock. */
	async read(): Promise<LedgerState> {
		return this.#readBoth();
	}

	get #files(): [string, string] {
		return [path.join(this.dir, ledgerFiles.durable), path.join(this.dir, ledgerFiles.ephemeral)];
	}

	/**
	 * A read for queries: through the read index when it matches both files (fast,
	 * partial beads plus their lines), else a full read that also rebuilds the index.
	 * `records: false` when the caller needs no full records (human lists), which
	 * spares reading the files at all.
	 */
	async view(options: {records?: boolean} = {}): Promise<LedgerView> {
		const lookup = openIndexedView(this.dir, this.#files, this.label, options.records ?? true);
		if (lookup.kind === 'hit') return lookup.view;
		const state = await this.#readBoth();
		if (lookup.kind === 'miss') await this.#saveIndex([this.#durable.data, this.#ephemeral.data], state);
		return new FullView(state);
	}

	/**
	 * Saves the read index for the files `datas` describe (as read, or as a transaction
	 * wrote them) and `state`, the beads they hold. The index is built first, without
	 * the lock (writers queued on it need not wait for that), then written under the
	 * lock if it is free and the files are still those; if a writer holds it, that
	 * writer writes a fresher index itself. Never throws: the index is only a cache.
	 */
	async #saveIndex(datas: readonly [LedgerFileData, LedgerFileData], state: LedgerState): Promise<void> {
		const keys = datas.map(data => (data.written ? data.written.key : data.key));
		const data = this.#indexData(datas, state);
		if (!data) return;
		let release: (() => void) | undefined;
		try {
			release = await acquireLock(path.join(this.dir, ledgerFiles.lock), {timeoutMs: 0});
		} catch {
			return;
		}
		try {
			const current = this.#files.map(file => {
				try {
					return keyOf(statSync(file));
				} catch {
					return null;
				}
			});
			if (sameKey(current[0], keys[0]) && sameKey(current[1], keys[1])) writeIndex(this.dir, data);
		} finally {
			release();
		}
	}

	/** The index's bytes for the files `datas` describe, or undefined if that cannot be worked out. */
	#indexData(datas: readonly [LedgerFileData, LedgerFileData], state: LedgerState): Buffer | undefined {
		try {
			// Odd lines (not exactly their bead's JSON) are known from the index that matched the files before this write.
			const previous = datas.every(data => data.key !== undefined) ? oddFromIndex(this.dir, [datas[0].key!, datas[1].key!]) : undefined;
			const sources: IndexSource[] = [];
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
					odd[index] = line === undefined || (!fresh && previous ? previous[file]!.has(bead.id) : JSON.stringify(bead) !== line);
				}
				sources.push({key, beads, offsets: layout.offsets, lengths: layout.lengths, odd});
			}
			return indexData([sources[0]!, sources[1]!], state);
		} catch {
			return undefined;
		}
	}

	/** Runs `change` under the ledger's lock on freshly read data and writes what it changed. */
	async transact<T>(change: (state: LedgerState) => T | Promise<T>): Promise<T> {
		let written: {datas: [LedgerFileData, LedgerFileData]; state: LedgerState} | undefined;
		const result = await withLock(path.join(this.dir, ledgerFiles.lock), async () => {
			const state = await this.#readBoth();
			const result = await change(state);
			const touched = state.touched();
			if (touched.durable) {
				this.#durable.data = {...this.#durable.data, beads: state.all().filter(bead => !bead.ephemeral), changed: state.changedIds};
				await this.#durable.write();
			}
			if (touched.ephemeral) {
				this.#ephemeral.data = {...this.#ephemeral.data, beads: state.all().filter(bead => bead.ephemeral), changed: state.changedIds};
				await this.#ephemeral.write();
			}
			if (touched.durable || touched.ephemeral) written = {datas: [this.#durable.data, this.#ephemeral.data], state};
			return result;
		}, {what: this.label});
		// The index for what was just written, so the next read is a hit.
		if (written) await this.#saveIndex(written.datas, written.state);
		return result;
	}
}

export type {Bead};
