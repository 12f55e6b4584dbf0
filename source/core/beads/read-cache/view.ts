// What `bd` reads to answer a query (LedgerView), and the view over a full parse.
// The read index (indexed-view.ts) gives the same answers from its columns.
import type {LedgerState} from '../ledger-state.js';
import {blockedBeads, ledgerStats, listBeads, readinessOf, readyBeads, type BeadFilter, type BlockedBead, type LedgerStats, type Readiness} from '../queries.js';
import type {Bead, Dependency} from '../types.js';

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

export const first = <T>(items: readonly T[], limit: number): T[] => (limit > 0 ? items.slice(0, limit) : [...items]);

/** An answer already made of beads. */
export class BeadList implements QueryResult {
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
