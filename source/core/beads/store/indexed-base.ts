// The beads of the files as a transaction sees them through the read index, without
// parsing the files: ids are looked up in the index (binary search when the file is
// sorted, as every writer leaves it), a bead's record is decoded from its own line
// (read with pread, checked to sit between newlines where the index says) on first
// use, and who depends on whom comes from the index's dependency columns. A
// LedgerState over it (ledger-state.ts) lays the journal and the transaction's own
// changes on top, so a write costs the beads it touches, not the ledger's size.
//
// Only for a writer holding the ledger lock: the files cannot be replaced meanwhile,
// and the index was checked to name exactly them (lookup.ts, openIndexTable).
import {closeSync, openSync, readSync} from 'node:fs';
import {beadFromRecord} from '../jsonl.js';
import type {Header, IndexTable} from '../read-cache/format.js';
import type {Bead, Dependency} from '../types.js';

/** What LedgerState needs from the beads beneath its overlay. */
export interface BeadBase {
	readonly size: number;
	/** The bead's position in ledger order, if the base holds it. */
	entryOf(id: string): number | undefined;
	/** The whole bead at that position, as a full read has it. */
	beadAt(entry: number): Bead;
	idAt(entry: number): string;
	/** Positions of beads with an edge pointing at `id`, in ledger order. */
	ownersOf(id: string): number[];
	/** How many ids start with `${prefix}-` and have no child suffix. */
	topLevelCount(prefix: string): number;
}

export class IndexedBase implements BeadBase {
	readonly #table: IndexTable;
	readonly #header: Header;
	readonly #files: readonly [string, string];
	readonly #fds: Array<number | undefined> = [undefined, undefined];
	readonly #records = new Map<number, Bead>();
	#ids: Map<string, number> | undefined;

	constructor(table: IndexTable, header: Header, files: readonly [string, string]) {
		this.#table = table;
		this.#header = header;
		this.#files = files;
	}

	get size(): number {
		return this.#table.count;
	}

	idAt(entry: number): string {
		return this.#table.string(this.#table.int32.id[entry]!);
	}

	entryOf(id: string): number | undefined {
		const {fi} = this.#table.int32;
		const count = this.#table.count;
		if (this.#header.sorted?.[0] && this.#header.sorted[1]) {
			// Entries are issues.jsonl's lines, then wisps.jsonl's: binary search each run.
			let durable = 0;
			for (let low = 0, high = count; low < high;) {
				const middle = (low + high) >>> 1;
				if (fi[middle] === 0) low = durable = middle + 1;
				else high = middle;
			}
			return this.#search(id, 0, durable) ?? this.#search(id, durable, count);
		}
		if (!this.#ids) {
			this.#ids = new Map();
			for (let entry = 0; entry < count; entry++) this.#ids.set(this.idAt(entry), entry);
		}
		return this.#ids.get(id);
	}

	#search(id: string, low: number, high: number): number | undefined {
		while (low < high) {
			const middle = (low + high) >>> 1;
			const found = this.idAt(middle);
			if (found === id) return middle;
			if (found < id) low = middle + 1;
			else high = middle;
		}
		return undefined;
	}

	beadAt(entry: number): Bead {
		let bead = this.#records.get(entry);
		if (!bead) {
			bead = beadFromRecord(JSON.parse(this.#line(entry)) as Record<string, unknown>);
			if (this.#table.int32.fi[entry] === 1 && !bead.ephemeral) bead = {...bead, ephemeral: true};
			this.#records.set(entry, bead);
		}
		return bead;
	}

	/** The bead's line, read from its file; throws if it does not sit between newlines (an index that lies). */
	#line(entry: number): string {
		const {fi, at, ln} = this.#table.int32;
		const file = fi[entry]!;
		const fd = (this.#fds[file] ??= openSync(this.#files[file]!, 'r'));
		const start = at[entry]!;
		const before = start > 0 ? 1 : 0;
		const length = ln[entry]! + before + 1;
		const bytes = Buffer.allocUnsafe(length);
		let done = 0;
		while (done < length) {
			const count = readSync(fd, bytes, done, length - done, start - before + done);
			if (count === 0) break;
			done += count;
		}
		const end = before + ln[entry]!;
		if (done < end || (before && bytes[0] !== 10) || (done > end && bytes[end] !== 10)) throw new Error(`the read index does not match ${this.#files[file]}`);
		return bytes.toString('utf8', before, end);
	}

	ownersOf(id: string): number[] {
		const {es, et, id: ids} = this.#table.int32;
		const count = this.#table.count;
		const entry = this.entryOf(id);
		const owners: number[] = [];
		// An edge to a bead of this ledger names it by that bead's own string number; any other by a string of its own.
		const target = entry === undefined ? undefined : ids[entry]!;
		for (let owner = 0; owner < count; owner++) {
			for (let edge = es[owner]!; edge < es[owner + 1]!; edge++) {
				if (target !== undefined ? et[edge] === target : this.#table.string(et[edge]!) === id) {
					owners.push(owner);
					break;
				}
			}
		}
		return owners;
	}

	topLevelCount(prefix: string): number {
		const start = `${prefix}-`;
		const tops = this.#header.tops;
		let total = 0;
		if (tops) {
			for (const [name, count] of Object.entries(tops)) if (`${name}-`.startsWith(start)) total += count;
			return total;
		}
		for (let entry = 0; entry < this.#table.count; entry++) {
			const id = this.idAt(entry);
			if (id.startsWith(start) && !id.includes('.')) total++;
		}
		return total;
	}

	/** Edges of the bead at `owner` that point at `id`, as its record has them. */
	edgesTo(owner: number, id: string): Dependency[] {
		return (this.beadAt(owner).dependencies ?? []).filter(dependency => dependency.depends_on_id === id);
	}

	close(): void {
		for (const [file, fd] of this.#fds.entries()) {
			if (fd !== undefined) closeSync(fd);
			this.#fds[file] = undefined;
		}
	}
}
