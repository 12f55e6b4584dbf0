// A view of the read index (which describes issues.jsonl and wisps.jsonl) with the
// journal's changes laid over it: the index's partial beads, replaced, added or
// removed as the journal says, and the queries of queries.ts run over the result,
// exactly as over a full read. Records come from the journal for the beads it
// holds, else from the files' lines through the index.
import {FullView, type LedgerView} from '../read-cache/view.js';
import type {JournalEntry} from './journal.js';
import type {Bead} from '../types.js';

export class OverlayView extends FullView {
	override readonly indexed = true;
	readonly #base: LedgerView;
	/** Beads whose record is the journal's (the state holds it whole). */
	readonly #journaled = new Set<string>();

	constructor(base: LedgerView, entries: readonly JournalEntry[]) {
		const state = base.state;
		state.replay(entries);
		super(state);
		this.#base = base;
		for (const entry of entries) for (const bead of entry.put) this.#journaled.add(bead.id);
	}

	override bead(id: string): Bead | undefined {
		return this.state.get(id);
	}

	override record(id: string): Bead {
		const bead = this.state.require(id);
		return this.#journaled.has(id) ? bead : this.#base.record(id);
	}

	override json(id: string, extra?: Record<string, unknown>): string {
		if (!this.#journaled.has(id)) {
			this.state.require(id);
			return this.#base.json(id, extra);
		}
		const bead = this.state.require(id);
		return JSON.stringify(extra ? {...bead, ...extra} : bead);
	}
}
