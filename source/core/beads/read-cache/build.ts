// Building the read index (format.ts) from the beads a writer holds.
import type {LedgerState} from '../ledger-state.js';
import {deferralOf, readinessOf} from '../queries.js';
import type {Bead} from '../types.js';
import {align, indexVersion, littleEndian, type FileKey, type Header, type Section} from './format.js';

// ---- building ----------------------------------------------------------------

/** One ledger file as the index records it. */
export type IndexSource = {
	key: FileKey | null;
	/** The beads exactly as a reader of this file gets them (normalised; ephemeral set for wisps.jsonl), in file order. */
	beads: readonly Bead[];
	offsets: readonly number[];
	lengths: readonly number[];
	/** Per bead: its line is not exactly `JSON.stringify(bead)`, so output re-serialises the parsed line. */
	odd: readonly boolean[];
};

/** Thrown while building when a bead has a field the index cannot stand in for. */
class Unindexable extends Error {}

/**
 * Whether blockers depend on the order beads are asked about: only when a chain of
 * parent-child edges between unfinished beads loops (BlockedIndex then cuts the loop
 * where it entered it). Such a ledger is imported, never made here; it stays unindexed.
 */
function hasLoop(parents: ReadonlyMap<number, number[]>): boolean {
	const mark = new Map<number, 1 | 2>(); // 1: on the current path, 2: done
	for (const start of parents.keys()) {
		if (mark.has(start)) continue;
		const stack: Array<{entry: number; next: number[]}> = [{entry: start, next: [...parents.get(start)!]}];
		mark.set(start, 1);
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			const parent = top.next.pop();
			if (parent === undefined) {
				stack.pop();
				mark.set(top.entry, 2);
			} else if (mark.get(parent) === 1) {
				return true;
			} else if (!mark.has(parent)) {
				mark.set(parent, 1);
				stack.push({entry: parent, next: [...(parents.get(parent) ?? [])]});
			}
		}
	}
	return false;
}

/**
 * The index file's bytes for these two files (issues.jsonl, wisps.jsonl), whose beads
 * `state` holds (the writer's own state: what blocks and defers is worked out on it).
 */
export function indexData(sources: readonly [IndexSource, IndexSource], state: LedgerState): Buffer {
	const keys = sources.map(source => source.key);
	try {
		return build(sources, state, keys);
	} catch {
		// Unindexable (or a query tripping on a hand-edited oddity): readers take the full read.
		return Buffer.from(`${JSON.stringify({v: indexVersion, keys, full: true} satisfies Header)}\n`);
	}
}

function build(sources: readonly [IndexSource, IndexSource], state: LedgerState, keys: Array<FileKey | null>): Buffer {
	const count = sources[0].beads.length + sources[1].beads.length;
	// A duplicate id (a bead in both files, or twice in one) is left to the full read, which knows which one wins.
	if (state.size !== count) throw new Unindexable();
	// Columns as locals: this runs on every write, mostly before the JIT has warmed up.
	const [idColumn, ti, ca, du, st, ty, as, lb, ep, fi, at, ln] = Array.from({length: 12}, () => new Int32Array(count));
	const bs = new Int32Array(count + 1);
	const es = new Int32Array(count + 1);
	// Columns of unknown length: plain arrays, copied into Int32Arrays at the end.
	const [bp, et, ec, eg, ei, so] = Array.from({length: 6}, (): number[] => []);
	const pr = new Float64Array(count);
	const df = new Float64Array(count).fill(-Infinity);
	const odd: Array<[number, string]> = [];
	const entryOf = new Map<string, number>();
	const all = new Array<Bead>(count);
	let entry = 0;
	for (let file = 0; file < sources.length; file++) {
		const {beads, offsets, lengths, odd: oddLines} = sources[file]!;
		for (let index = 0; index < beads.length; index++, entry++) {
			const bead = (all[entry] = beads[index]!);
			const id = bead.id;
			entryOf.set(id, entry);
			fi[entry] = file;
			at[entry] = offsets[index]!;
			ln[entry] = lengths[index]!;
			if (offsets[index]! + lengths[index]! > 0x7fffffff) throw new Unindexable();
			if (oddLines[index]) odd.push([file, id]);
		}
	}
	if (entryOf.size !== count) throw new Unindexable();

	const strings: string[] = [];
	let blobLength = 0;
	const string = (value: string) => {
		so.push(blobLength);
		blobLength += value.length;
		return strings.push(value) - 1;
	};
	const shared = new Map<string, number>();
	const sharedString = (value: string) => {
		let found = shared.get(value);
		if (found === undefined) shared.set(value, (found = string(value)));
		return found;
	};
	const dict: unknown[] = [];
	const codes = new Map<string, number>();
	const code = (value: string) => {
		let found = codes.get(value);
		if (found === undefined) codes.set(value, (found = dict.push(value) - 1));
		return found;
	};
	// Label lists, in maps of their own (no string can collide with one): one label by
	// itself, several joined by NUL (a label holding a NUL leaves the ledger unindexed).
	const singleLabels = new Map<string, number>();
	const labelLists = new Map<string, number>();
	const labelCode = (labels: string[]) => {
		const map = labels.length === 1 ? singleLabels : labelLists;
		const key = labels.length === 1 ? labels[0]! : labels.join('\u0000');
		let found = map.get(key);
		if (found === undefined) map.set(key, (found = dict.push(labels) - 1));
		return found;
	};

	// One pass over the beads, each field read once (beads parsed from JSON come in many
	// shapes, so every property read is a slow one). Every field queries read must have a
	// plain JSON type, so the copy in the index behaves the same in every comparison;
	// hand-edited oddities (a number for a status) leave the ledger unindexed.
	const idOf = [...entryOf.keys()];
	for (entry = 0; entry < count; entry++) idColumn[entry] = string(idOf[entry]!);
	const {sorted, tops} = idFacts(idOf, sources[0].beads.length);
	const opened: number[] = [];
	const unfinished: number[] = []; // not done, with dependencies
	const parents = new Map<number, number[]>();
	let lastStatus = '';
	let lastStatusCode = -1;
	let lastType = '';
	let lastTypeCode = -1;
	let lastEdgeType = '';
	let lastEdgeTypeCode = -1;
	for (entry = 0; entry < count; entry++) {
		const {id, title, status, priority, issue_type: type, created_at: createdAt, assignee, defer_until: deferUntil, ephemeral, labels, dependencies} = all[entry]!;
		if (typeof status !== 'string' || typeof type !== 'string' || typeof title !== 'string' || typeof priority !== 'number') throw new Unindexable();
		// Optional fields: absent (undefined or null) or of their type.
		if (!(createdAt === undefined || createdAt === null || typeof createdAt === 'string') || !(assignee === undefined || assignee === null || typeof assignee === 'string')) throw new Unindexable();
		if (!(deferUntil === undefined || deferUntil === null || typeof deferUntil === 'string') || !(ephemeral === undefined || ephemeral === null || typeof ephemeral === 'boolean')) throw new Unindexable();
		ti[entry] = string(title);
		ca[entry] = createdAt === undefined || createdAt === null ? -1 : string(createdAt);
		// Queries test defer_until and ephemeral only for truth, so '' and false read as absent.
		du[entry] = deferUntil ? sharedString(deferUntil) : -1;
		st[entry] = status === lastStatus ? lastStatusCode : (lastStatusCode = code((lastStatus = status)));
		ty[entry] = type === lastType ? lastTypeCode : (lastTypeCode = code((lastType = type)));
		as[entry] = assignee === undefined || assignee === null ? -1 : code(assignee);
		if (labels === undefined || labels === null) {
			lb[entry] = -1;
		} else {
			if (!Array.isArray(labels)) throw new Unindexable();
			for (const label of labels) if (typeof label !== 'string' || label.includes('\u0000')) throw new Unindexable();
			lb[entry] = labelCode(labels);
		}
		ep[entry] = ephemeral ? 1 : 0;
		pr[entry] = priority;
		const done = status === 'closed' || status === 'pinned';
		if (status === 'open') opened.push(entry);
		es[entry] = et.length;
		if (dependencies === undefined || dependencies === null) continue;
		if (!Array.isArray(dependencies)) throw new Unindexable();
		// Only beads with dependencies can be blocked.
		if (!done && dependencies.length > 0) unfinished.push(entry);
		for (const dependency of dependencies) {
			if (typeof dependency !== 'object' || dependency === null || Array.isArray(dependency)) throw new Unindexable();
			const {issue_id: issue, depends_on_id: targetId, type: edgeType, metadata} = dependency;
			const gate = (metadata as {gate?: unknown} | undefined)?.gate;
			if (typeof targetId !== 'string' || typeof edgeType !== 'string' || !(issue === undefined || issue === null || typeof issue === 'string') || !(gate === undefined || gate === null || typeof gate === 'string')) throw new Unindexable();
			const target = entryOf.get(targetId);
			et.push(target === undefined ? sharedString(targetId) : idColumn[target]!);
			ec.push(edgeType === lastEdgeType ? lastEdgeTypeCode : (lastEdgeTypeCode = code((lastEdgeType = edgeType))));
			eg.push(gate === undefined || gate === null ? -1 : sharedString(gate as string));
			ei.push(issue === id ? -2 : issue === undefined || issue === null ? -1 : sharedString(issue));
			if (edgeType === 'parent-child' && !done && target !== undefined) {
				const list = parents.get(entry);
				if (list) list.push(target);
				else parents.set(entry, [target]);
			}
		}
	}
	es[count] = et.length;
	so.push(blobLength);
	if (hasLoop(parents)) throw new Unindexable();

	// What blocks each unfinished bead with dependencies, and what defers each open one
	// (the only ones `bd ready` asks about), worked out by the queries' own code on the
	// writer's state (a bead read back from its line has the same status, title, priority,
	// dependencies and defer date as the one in memory).
	const readiness = readinessOf(state);
	let next = 0;
	for (entry = 0; entry < count; entry++) {
		bs[entry] = bp.length;
		if (unfinished[next] !== entry) continue;
		next++;
		for (const blocker of readiness.blockersOf(all[entry]!)) {
			bp.push(entryOf.get(blocker.id)!);
			bp.push(code(blocker.via));
		}
	}
	bs[count] = bp.length;
	for (const open of opened) {
		const deferral = deferralOf(state, all[open]!);
		df[open] = deferral.always ? Infinity : deferral.latest;
	}
	const order = priorityOrder(pr, all, idOf);
	const int32 = {id: idColumn, ti, ca, du, st, ty, as, lb, ep, fi, at, ln, bs, es, or: order ?? new Int32Array(0)};
	const lists = {bp, et, ec, eg, ei, so};
	const float64 = {pr, df};

	const blobText = strings.join('');
	// Lone surrogates do not survive UTF-8; such a ledger is read the slow way.
	if (!(blobText as unknown as {isWellFormed(): boolean}).isWellFormed()) throw new Unindexable();
	const parts: Array<[Section, Buffer]> = [
		...Object.entries(int32).map(([name, values]): [Section, Buffer] => [name as Section, Buffer.from(values.buffer)]),
		...Object.entries(lists).map(([name, list]): [Section, Buffer] => [name as Section, Buffer.from(Int32Array.from(list).buffer)]),
		...Object.entries(float64).map(([name, values]): [Section, Buffer] => [name as Section, Buffer.from(values.buffer)]),
		['blob', Buffer.from(blobText)],
		['dict', Buffer.from(JSON.stringify(dict))],
	];
	const sections = {} as Record<Section, [number, number]>;
	let size = 0;
	for (const [name, bytes] of parts) {
		sections[name] = [size, bytes.length];
		size = align(size + bytes.length);
	}
	const header = Buffer.from(`${JSON.stringify({v: indexVersion, le: littleEndian, keys, odd, count, sorted, tops, sections} satisfies Header)}\n`);
	const base = align(header.length);
	const data = Buffer.alloc(base + size);
	header.copy(data, 0);
	for (const [name, bytes] of parts) bytes.copy(data, base + sections[name][0]);
	return data;
}

/** Whether each file's ids ascend strictly (code unit order), and how many top-level ids each prefix has. */
function idFacts(ids: readonly string[], durable: number): {sorted: [boolean, boolean]; tops: Record<string, number>} {
	const sorted: [boolean, boolean] = [true, true];
	const tops: Record<string, number> = Object.create(null) as Record<string, number>;
	for (let entry = 0; entry < ids.length; entry++) {
		const id = ids[entry]!;
		if (entry !== 0 && entry !== durable && !(ids[entry - 1]! < id)) sorted[entry < durable ? 0 : 1] = false;
		const dash = id.lastIndexOf('-');
		if (dash > 0 && !id.includes('.')) {
			const prefix = id.slice(0, dash);
			tops[prefix] = (tops[prefix] ?? 0) + 1;
		}
	}
	return {sorted, tops};
}

/**
 * Entries in the order `byPriority` sorts their beads (priority, newest first, id),
 * so queries meet beads already sorted and their sort is one pass. Worked out with
 * native sorts only (a comparator sort of 10,000 beads costs ~10 ms per write): when
 * priorities are small whole numbers and every bead has a created_at, that order is
 * the order of one numeric key. Otherwise undefined: queries sort as they always do.
 */
function priorityOrder(priorities: Float64Array, beads: readonly Bead[], ids: readonly string[]): Int32Array | undefined {
	const count = ids.length;
	if (count >= 2 ** 20) return undefined;
	const created = new Array<string>(count);
	for (let entry = 0; entry < count; entry++) {
		const priority = priorities[entry]!;
		const createdAt = beads[entry]!.created_at as unknown;
		if (!Number.isInteger(priority) || priority < 0 || priority > 1023 || typeof createdAt !== 'string') return undefined;
		created[entry] = createdAt;
	}
	// Ranks by native string sort (code unit order, the same as `<`).
	const rankOf = (values: readonly string[]) => {
		const ranks = new Map<string, number>();
		for (const value of [...values].sort()) if (!ranks.has(value)) ranks.set(value, ranks.size);
		return ranks;
	};
	const createdRank = rankOf(created);
	const idRank = rankOf(ids);
	const byIdRank = new Int32Array(count);
	const keys = new Float64Array(count);
	for (let entry = 0; entry < count; entry++) {
		const rank = idRank.get(ids[entry]!)!;
		byIdRank[rank] = entry;
		keys[entry] = priorities[entry]! * 2 ** 40 + (createdRank.size - 1 - createdRank.get(created[entry]!)!) * 2 ** 20 + rank;
	}
	keys.sort();
	const order = new Int32Array(count);
	for (let index = 0; index < count; index++) order[index] = byIdRank[keys[index]! % 2 ** 20]!;
	return order;
}

