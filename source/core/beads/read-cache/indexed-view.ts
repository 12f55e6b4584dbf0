// The view over the read index: queries test its columns, and bead objects are made
// only for the beads an answer holds.
import {beadFromRecord} from '../jsonl.js';
import {LedgerState} from '../ledger-state.js';
import {blockedFrom, byPriority, deferralOf, isDeferredBy, ledgerStats, matchesFilter, readyTest, toBlocker, type BeadFilter, type BlockedBead, type Blocker, type LedgerStats, type Readiness} from '../queries.js';
import type {Bead, Dependency} from '../types.js';
import type {IndexTable} from './format.js';
import {IndexedBead, Probe} from './indexed-bead.js';
import {BeadList, first, type LedgerView, type QueryResult} from './view.js';

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
export class IndexedView implements LedgerView {
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
		const ephemeral = Boolean(filter.includeEphemeral);
		const deferred = Boolean(filter.includeDeferred);
		// The columns answer the first tests (open, not ephemeral, not blocked, not deferred); readyTest has the last word.
		return this.#query(entry => st[entry] === open && (ephemeral || !ep[entry]) && bs[entry] === bs[entry + 1] && (deferred || (df[entry] !== Infinity && !(df[entry]! > time))) && ready(probe.at(entry)));
	}

	list(filter: BeadFilter): QueryResult {
		const {st, ep, id} = this.#table.int32;
		const statuses = filter.statuses?.length ? new Set(filter.statuses.map(status => this.#code(status))) : undefined;
		const closed = this.#code('closed');
		const ephemeral = Boolean(filter.includeEphemeral);
		const probe = new Probe(this, this.#table);
		const {idPrefix} = filter;
		// The columns answer matchesFilter's first tests (ephemeral, status, id prefix); it has the last word.
		return this.#query(entry => (ephemeral || !ep[entry]) && (statuses ? statuses.has(st[entry]!) : filter.includeClosed || st[entry] !== closed) && (!idPrefix || this.#table.string(id[entry]!).startsWith(idPrefix)) && matchesFilter(probe.at(entry), filter));
	}

	blocked(): BlockedBead[] {
		const {bs} = this.#table.int32;
		// Only beads with stored blockers can be blocked (done beads have none stored); in
		// the stored order, blockedFrom's sort is one pass.
		const order = this.#table.int32.or;
		const beads: Bead[] = [];
		const add = (entry: number) => {
			if (bs[entry + 1]! > bs[entry]!) beads.push(this.beadAt(entry));
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
