// The beads of one ledger held in memory for a read or a transaction: lookups by
// id, an index of who depends on whom, and a record of what a transaction changed
// so that only the files that changed are written.
//
// Either every bead is in memory (a full read), or the state lays its changes over
// a base (store/indexed-base.ts: the files through the read index) and fetches a
// bead from it only when asked for: then a transaction costs what it touches.
import {notFound} from '../base/errors.js';
import {replayJournal, type JournalEntry} from './store/journal.js';
import type {BeadBase} from './store/indexed-base.js';
import type {Bead, Dependency} from './types.js';

/** The parent named by a bead's parent-child edge, if any. */
export const parentOf = (bead: Bead): string | undefined => bead.dependencies?.find(dependency => dependency.type === 'parent-child')?.depends_on_id;

export class LedgerState {
	/** Every bead (full), or, over a base: the beads fetched from it, and those laid over it. */
	readonly #beads: Map<string, Bead>;
	readonly #base: BeadBase | undefined;
	/** Over a base: ids whose bead is not the base's (replaced, added or removed). */
	readonly #overlaid = new Set<string>();
	/** Over a base: ids present that the base does not hold, in the order they came. */
	readonly #added = new Set<string>();
	/** Over a base: ids of the base that are gone. */
	readonly #gone = new Set<string>();
	#dependents: Map<string, Dependency[]> | undefined;
	readonly changedIds = new Set<string>();
	readonly removedIds = new Map<string, Bead>();
	readonly label: string;

	constructor(beads: Iterable<Bead>, label: string, base?: BeadBase) {
		this.#beads = new Map();
		this.#base = base;
		if (base) for (const bead of beads) this.#set(bead);
		else for (const bead of beads) this.#beads.set(bead.id, bead);
		this.label = label;
	}

	/** Whether beads come from a base on demand (so `all()` decodes every one). */
	get lazy(): boolean {
		return this.#base !== undefined;
	}

	get size(): number {
		if (!this.#base) return this.#beads.size;
		return this.#base.size - this.#gone.size + this.#added.size;
	}

	get(id: string): Bead | undefined {
		const bead = this.#beads.get(id);
		if (bead || !this.#base || this.#overlaid.has(id)) return bead;
		const entry = this.#base.entryOf(id);
		if (entry === undefined) return undefined;
		const found = this.#base.beadAt(entry);
		this.#beads.set(id, found);
		return found;
	}

	has(id: string): boolean {
		if (this.#beads.has(id)) return true;
		if (!this.#base || this.#overlaid.has(id)) return false;
		return this.#base.entryOf(id) !== undefined;
	}

	require(id: string): Bead {
		const bead = this.get(id);
		if (!bead) throw notFound(`no bead "${id}" in ${this.label}`, '`bd list` shows the ids');
		return bead;
	}

	all(): Bead[] {
		return [...this.values()];
	}

	values(): IterableIterator<Bead> {
		if (!this.#base) return this.#beads.values();
		return this.#lazyValues();
	}

	*#lazyValues(): IterableIterator<Bead> {
		for (const id of this.ids()) yield this.get(id)!;
	}

	/** Edges that point at `id` (beads that depend on it). */
	dependentsOf(id: string): Dependency[] {
		if (this.#base) return this.#lazyDependentsOf(id);
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

	/** Over a base: the base's owners that are still its own, and the overlaid beads, in ledger order. */
	#lazyDependentsOf(id: string): Dependency[] {
		const base = this.#base!;
		const found: Array<{at: number; edges: Dependency[]}> = [];
		for (const owner of base.ownersOf(id)) {
			const ownerId = base.idAt(owner);
			if (this.#overlaid.has(ownerId)) continue;
			found.push({at: owner, edges: (this.get(ownerId)!.dependencies ?? []).filter(dependency => dependency.depends_on_id === id)});
		}
		let after = base.size;
		const added = new Map<string, number>();
		for (const addedId of this.#added) added.set(addedId, after++);
		for (const ownerId of this.#overlaid) {
			const bead = this.#beads.get(ownerId);
			if (!bead?.dependencies) continue;
			const edges = bead.dependencies.filter(dependency => dependency.depends_on_id === id);
			if (edges.length > 0) found.push({at: base.entryOf(ownerId) ?? added.get(ownerId)!, edges});
		}
		found.sort((a, b) => a.at - b.at);
		return found.flatMap(item => item.edges);
	}

	/** The parent named by a parent-child edge, if any. */
	parentOf(bead: Bead): string | undefined {
		return parentOf(bead);
	}

	childrenOf(id: string): Bead[] {
		return this.dependentsOf(id)
			.filter(dependency => dependency.type === 'parent-child')
			.map(dependency => this.get(dependency.issue_id))
			.filter((bead): bead is Bead => bead !== undefined);
	}

	/** How many ids start with `${prefix}-` and have no child suffix (".n"): what id allocation sizes hashes by. */
	topLevelCount(prefix: string): number {
		const start = `${prefix}-`;
		const counts = (id: string) => id.startsWith(start) && !id.includes('.');
		let count = 0;
		if (!this.#base) {
			for (const id of this.#beads.keys()) if (counts(id)) count++;
			return count;
		}
		count = this.#base.topLevelCount(prefix);
		for (const id of this.#gone) if (counts(id)) count--;
		for (const id of this.#added) if (counts(id)) count++;
		return count;
	}

	/** Over a base: lays `bead` over it (recording nothing). */
	#set(bead: Bead): void {
		const id = bead.id;
		this.#beads.set(id, bead);
		this.#overlaid.add(id);
		if (this.#gone.delete(id)) return;
		if (!this.#added.has(id) && this.#base!.entryOf(id) === undefined) this.#added.add(id);
	}

	/** Over a base: removes the bead (recording nothing). */
	#unset(id: string): void {
		this.#beads.delete(id);
		this.#overlaid.add(id);
		if (!this.#added.delete(id) && this.#base!.entryOf(id) !== undefined) this.#gone.add(id);
	}

	put(bead: Bead): void {
		const previous = this.get(bead.id);
		if (previous && previous.ephemeral !== bead.ephemeral) this.removedIds.set(bead.id, previous);
		if (this.#base) this.#set(bead);
		else this.#beads.set(bead.id, bead);
		this.changedIds.add(bead.id);
		this.#dependents = undefined;
	}

	remove(id: string): void {
		const previous = this.get(id);
		if (!previous) return;
		if (this.#base) this.#unset(id);
		else this.#beads.delete(id);
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
		if (this.#base) {
			for (const entry of entries) {
				for (const bead of entry.put) {
					if (bead.status === 'tombstone') this.#unset(bead.id);
					else this.#set(bead);
				}
				for (const id of entry.gone) this.#unset(id);
			}
			return;
		}
		replayJournal(this.#beads, entries);
		this.#dependents = undefined;
	}

	/** Every id, in ledger order, without touching the beads. */
	ids(): IterableIterator<string> {
		if (!this.#base) return this.#beads.keys();
		return this.#lazyIds();
	}

	*#lazyIds(): IterableIterator<string> {
		const base = this.#base!;
		for (let entry = 0; entry < base.size; entry++) {
			const id = base.idAt(entry);
			if (!this.#gone.has(id)) yield id;
		}
		yield* this.#added;
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
