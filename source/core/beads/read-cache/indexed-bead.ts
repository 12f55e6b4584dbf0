// Beads as the read index holds them: IndexedBead (the fields queries read, made
// once per entry) and Probe (one reusable look at an entry, for a query's test).
import type {Bead, Dependency} from '../types.js';
import type {IndexTable} from './format.js';
/** What a probe needs of its view: the bead at an entry, made once. */
type BeadMaker = {beadAt(entry: number): Bead};

/**
 * A bead from the index: the fields queries read, with the values a full read has
 * (absent ones undefined, so every bead has one shape). Dependencies are decoded on
 * first use.
 */
export class IndexedBead {
	readonly id: string;
	readonly title: string;
	readonly status: string;
	readonly priority: number;
	readonly issue_type: string;
	readonly created_at: string | null;
	readonly assignee: string | undefined;
	readonly labels: string[] | undefined;
	readonly defer_until: string | undefined;
	readonly ephemeral: true | undefined;
	readonly #table: IndexTable;
	readonly #entry: number;
	#dependencies: Dependency[] | undefined | null = null;

	constructor(table: IndexTable, entry: number) {
		const {int32, dict} = table;
		this.#table = table;
		this.#entry = entry;
		this.id = table.string(int32.id[entry]!);
		this.title = table.string(int32.ti[entry]!);
		this.status = dict[int32.st[entry]!] as string;
		this.priority = table.float64.pr[entry]!;
		this.issue_type = dict[int32.ty[entry]!] as string;
		const createdAt = int32.ca[entry]!;
		this.created_at = createdAt < 0 ? null : table.string(createdAt);
		const assignee = int32.as[entry]!;
		this.assignee = assignee < 0 ? undefined : (dict[assignee] as string);
		const labels = int32.lb[entry]!;
		this.labels = labels < 0 ? undefined : (dict[labels] as string[]);
		const deferUntil = int32.du[entry]!;
		this.defer_until = deferUntil < 0 ? undefined : table.string(deferUntil);
		this.ephemeral = int32.ep[entry] ? true : undefined;
	}

	/** This bead's entry in the index, if `bead` is one of these. */
	static entryOf(bead: unknown): number | undefined {
		return typeof bead === 'object' && bead !== null && #entry in bead ? (bead as IndexedBead).#entry : undefined;
	}

	get dependencies(): Dependency[] | undefined {
		if (this.#dependencies !== null) return this.#dependencies;
		const table = this.#table;
		const {es, et, ec, eg, ei} = table.int32;
		let dependencies: Dependency[] | undefined;
		for (let edge = es[this.#entry]!; edge < es[this.#entry + 1]!; edge++) {
			const gate = eg[edge]!;
			const issue = ei[edge]!;
			(dependencies ??= []).push({
				issue_id: issue === -2 ? this.id : issue < 0 ? undefined : table.string(issue),
				depends_on_id: table.string(et[edge]!),
				type: table.dict[ec[edge]!] as string,
				...(gate < 0 ? {} : {metadata: {gate: table.string(gate)}}),
			} as Dependency);
		}
		return (this.#dependencies = dependencies);
	}
}

/**
 * One reusable bead-shaped look at an entry: a query's test runs on it entry by entry,
 * so only the beads in the answer are ever made. It has the fields the tests read;
 * anything else is looked up.
 */
export class Probe {
	entry = 0;
	status = '';
	issue_type = '';
	priority = 0;
	assignee: string | undefined = undefined;
	labels: string[] | undefined = undefined;
	ephemeral: true | undefined = undefined;

	constructor(readonly view: BeadMaker, readonly table: IndexTable) {}

	at(entry: number): Bead {
		const {int32, dict} = this.table;
		this.entry = entry;
		this.status = dict[int32.st[entry]!] as string;
		this.issue_type = dict[int32.ty[entry]!] as string;
		this.priority = this.table.float64.pr[entry]!;
		const assignee = int32.as[entry]!;
		this.assignee = assignee < 0 ? undefined : (dict[assignee] as string);
		const labels = int32.lb[entry]!;
		this.labels = labels < 0 ? undefined : (dict[labels] as string[]);
		this.ephemeral = int32.ep[entry] ? true : undefined;
		return this as unknown as Bead;
	}

	get id(): string {
		return this.table.string(this.table.int32.id[this.entry]!);
	}

	get title(): string {
		return this.view.beadAt(this.entry).title;
	}

	get created_at(): string {
		return this.view.beadAt(this.entry).created_at;
	}

	get defer_until(): string | undefined {
		return this.view.beadAt(this.entry).defer_until;
	}

	get dependencies(): Dependency[] | undefined {
		return this.view.beadAt(this.entry).dependencies;
	}
}

/** An answer as entries, in the order the query sorts them. */
