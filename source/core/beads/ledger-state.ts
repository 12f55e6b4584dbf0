// The beads of one ledger held in memory for a read or a transaction: lookups by
// id, an index of who depends on whom, and a record of what a transaction changed
// so that only the files that changed are written.
import {notFound} from '../base/errors.js';
import {replayJournal, type JournalEntry} from './store/journal.js';
import type {Bead, Dependency} from './types.js';

/** The parent named by a bead's parent-child edge, if any. */
export const parentOf = (bead: Bead): string | undefined => bead.dependencies?.find(dependency => dependency.type === 'parent-child')?.depends_on_id;

export class LedgerState {
	readonly #beads: Map<string, Bead>;
	#dependents: Map<string, Dependency[]> | undefined;
	readonly changedIds = new Set<string>();
	readonly removedIds = new Map<string, Bead>();
	readonly label: string;

	constructor(beads: Iterable<Bead>, label: string) {
		this.#beads = new Map();
		for (const bead of beads) this.#beads.set(bead.id, bead);
		this.label = label;
	}

	get size(): number {
		return this.#beads.size;
	}

	get(id: string): Bead | undefined {
		return this.#beads.get(id);
	}

	has(id: string): boolean {
		return this.#beads.has(id);
	}

	require(id: string): Bead {
		const bead = this.#beads.get(id);
		if (!bead) throw notFound(`no bead "${id}" in ${this.label}`, '`bd list` shows the ids');
		return bead;
	}

	all(): Bead[] {
		return [...this.#beads.values()];
	}

	values(): IterableIterator<Bead> {
		return this.#beads.values();
	}

	/** Edges that point at `id` (beads that depend on it). */
	dependentsOf(id: string): Dependency[] {
		if (!this.#dependents) {
			this.#dependents = new Map();
			for (const bead of this.#beads.values()) {
				for (const dependency of bead.dependencies ?? []) {
					const list = this.#dependents.get(dependency.depends_on_id);
					if (list) list.push(dependency);
					else this.#dependents.set(dependency.depends_on_id, [dependency]);
				}
			}
		}
		return this.#dependents.get(id) ?? [];
	}

	/** The parent named by a parent-child edge, if any. */
	parentOf(bead: Bead): string | undefined {
		return parentOf(bead);
	}

	childrenOf(id: string): Bead[] {
		return this.dependentsOf(id)
			.filter(dependency => dependency.type === 'parent-child')
			.map(dependency => this.#beads.get(dependency.issue_id))
			.filter((bead): bead is Bead => bead !== undefined);
	}

	put(bead: Bead): void {
		const previous = this.#beads.get(bead.id);
		if (previous && previous.ephemeral !== bead.ephemeral) this.removedIds.set(bead.id, previous);
		this.#beads.set(bead.id, bead);
		this.changedIds.add(bead.id);
		this.#dependents = undefined;
	}

	remove(id: string): void {
		const previous = this.#beads.get(id);
		if (!previous) return;
		this.#beads.delete(id);
		this.removedIds.set(id, previous);
		this.changedIds.delete(id);
		this.#dependents = undefined;
	}

	/**
	 * Replays journal entries (see store/journal.ts) onto the beads as read from the
	 * files: part of reading the ledger, so nothing is recorded as changed.
	 */
	replay(entries: readonly JournalEntry[]): void {
		if (entries.length === 0) return;
		replayJournal(this.#beads, entries);
		this.#dependents = undefined;
	}

	/** Every id, in ledger order, without touching the beads. */
	ids(): IterableIterator<string> {
		return this.#beads.keys();
	}

	/** Which of the two files a transaction has to rewrite. */
	touched(): {durable: boolean; ephemeral: boolean} {
		let durable = false;
		let ephemeral = false;
		for (const id of this.changedIds) {
			if (this.#beads.get(id)?.ephemeral) ephemeral = true;
			else durable = true;
		}
		for (const previous of this.removedIds.values()) {
			if (previous.ephemeral) ephemeral = true;
			else durable = true;
		}
		return {durable, ephemeral};
	}
}
