// One beads ledger: a `.beads/` directory holding issues.jsonl (durable beads,
// sorted by id, tracked by git), wisps.jsonl (ephemeral beads: mail, wisps, merge
// requests; never in git) and config.toml (prefix, custom types and statuses).
//
// lowdb holds each file through a JSONL adapter. Every change is one transaction:
// take the ledger's lock, re-read both files, apply, write each changed file to a
// temp file, fsync, rename, release. Reads take no lock: renames are atomic, so a
// reader sees a whole old file or a whole new one.
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {Low, type Adapter} from 'lowdb';
import {atomicWriteFileSync} from '../fs/atomic-write.js';
import {withLock} from '../fs/file-lock.js';
import {readTomlFile, writeTomlFile} from '../config/toml-file.js';
import {conflict, errnoCode, notFound} from '../errors.js';
import {ledgerText, parseLedgerText, type ParsedLedgerFileWithLines} from './jsonl.js';
import {LedgerState} from './ledger-state.js';
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

/** What one JSONL file holds in memory; `changed` names beads whose kept line is stale. */
export type LedgerFileData = ParsedLedgerFileWithLines & {changed?: ReadonlySet<string>};

/** lowdb adapter for one JSONL ledger file. */
export class JsonlAdapter implements Adapter<LedgerFileData> {
	constructor(readonly file: string) {}

	async read(): Promise<LedgerFileData | null> {
		let text: string;
		try {
			text = readFileSync(this.file, 'utf8');
		} catch (error) {
			if (errnoCode(error) === 'ENOENT') return null;
			throw error;
		}
		return parseLedgerText(text, this.file);
	}

	async write(data: LedgerFileData): Promise<void> {
		// Unchanged beads keep their line byte for byte: cheaper, and git diffs stay small.
		const lineOf = (bead: Bead) => (data.changed?.has(bead.id) ? undefined : data.lines.get(bead.id));
		atomicWriteFileSync(this.file, ledgerText(data.beads, data.extra, lineOf));
	}
}

const emptyFile = (): LedgerFileData => ({beads: [], extra: [], lines: new Map()});

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

	/** Creates `.beads/` with its config and empty files; refuses an existing ledger. */
	static init(dir: string, prefix: string): Ledger {
		validatePrefix(prefix);
		if (Ledger.exists(dir)) throw conflict(`a beads ledger already exists at ${dir}`, 'use it, or pick another directory');
		mkdirSync(dir, {recursive: true});
		const config: LedgerConfig = {prefix};
		writeTomlFile(path.join(dir, ledgerFiles.config), config, '# Beads ledger configuration.');
		for (const file of [ledgerFiles.durable, ledgerFiles.ephemeral]) {
			const full = path.join(dir, file);
			if (!existsSync(full)) atomicWriteFileSync(full, '');
		}
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

	/** Runs `change` under the ledger's lock on freshly read data and writes what it changed. */
	async transact<T>(change: (state: LedgerState) => T | Promise<T>): Promise<T> {
		return withLock(path.join(this.dir, ledgerFiles.lock), async () => {
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
			return result;
		}, {what: this.label});
	}
}

export type {Bead};
