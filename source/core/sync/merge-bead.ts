// The three-way merge of one bead: what the common ancestor (base) held, what this
// side (ours) and the other side (theirs) made of it. The rules, written down for
// users in docs/sync.md:
//   - a field changed on one side takes that side;
//   - changed on both, the side with the newer updated_at wins (a tie goes to the
//     greater value, so the result never depends on which side merges);
//   - labels, dependencies and comments merge as sets against the base: an item
//     added on either side is added, one removed on either side stays removed;
//   - status, closed_at and close_reason move together, so a bead is never closed
//     with the reopener's open status;
//   - a claim (assignee, claimed_by, claimed_at, with status and started_at) made on
//     both sides is one claim conflict: the earlier claim wins as a whole, and the
//     merge reports it (work is never done twice by accident);
//   - updated_at is the newer of the two.
// Deletions are the file-level merge's business (merge-ledger.ts).
import type {Bead} from '../beads/types.js';

/** A value as text for comparisons: object keys sorted, so key order never makes a difference. */
export function canonical(value: unknown): string {
	if (value === undefined) return '';
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(inner as Record<string, unknown>).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
		return sorted;
	});
}

/** Who holds a bead's claim: the agent (with its town clone, when known) and since when. */
export type Claim = {readonly holder: string; readonly at: string};

/** Two sides claimed the same bead for different holders; `winner` is the claim that stands. */
export type ClaimConflict = {readonly id: string; readonly title: string; readonly ours: Claim; readonly theirs: Claim; readonly winner: 'ours' | 'theirs'};

export type BeadMerge = {readonly bead: Bead; readonly claim?: ClaimConflict};

const setFields = ['labels', 'dependencies', 'comments'] as const;
const statusGroup = ['status', 'closed_at', 'close_reason', 'closed_by_session'];
const claimGroup = ['assignee', 'claimed_by', 'claimed_at', 'started_at', ...statusGroup];

/** The claim a bead records: claimed_by (address@town) or, for a claim made before sync, assignee; undefined when unclaimed. */
export function claimOf(bead: Bead | undefined): Claim | undefined {
	if (!bead) return undefined;
	const holding = bead.status === 'hooked' || bead.status === 'in_progress';
	const holder = typeof bead.claimed_by === 'string' && bead.claimed_by ? bead.claimed_by : bead.assignee;
	if (!holding || !holder) return undefined;
	const at = typeof bead.claimed_at === 'string' ? bead.claimed_at : (bead.started_at ?? bead.updated_at);
	return {holder, at};
}

const claimKey = (bead: Bead | undefined) => {
	const claim = claimOf(bead);
	return claim ? `${claim.holder}\u0000${claim.at}` : '';
};

/** Which side wins a field both changed: newer updated_at, then the greater value. */
function newerSide(ours: Bead, theirs: Bead, tieBreak: string, tieBreakTheirs: string): 'ours' | 'theirs' {
	const a = ours.updated_at ?? '';
	const b = theirs.updated_at ?? '';
	if (a !== b) return a > b ? 'ours' : 'theirs';
	return tieBreak >= tieBreakTheirs ? 'ours' : 'theirs';
}

function itemKey(field: (typeof setFields)[number], item: unknown): string {
	if (field === 'labels') return String(item);
	const record = item as Record<string, unknown>;
	if (field === 'dependencies') return `${String(record.depends_on_id)}\u0000${String(record.type)}`;
	return record.id !== undefined ? `id:${String(record.id)}` : canonical(item);
}

/** base ∩ ours ∩ theirs, plus what either side added: a removal on either side stays removed. */
export function mergeSet(field: (typeof setFields)[number], base: readonly unknown[] | undefined, ours: readonly unknown[] | undefined, theirs: readonly unknown[] | undefined, oursNewer: boolean): unknown[] {
	const keyed = (items: readonly unknown[] | undefined) => new Map((items ?? []).map(item => [itemKey(field, item), item] as const));
	const b = keyed(base);
	const o = keyed(ours);
	const t = keyed(theirs);
	const result = new Map<string, unknown>();
	const keep = (key: string) => (o.has(key) && t.has(key)) || (!b.has(key) && (o.has(key) || t.has(key)));
	for (const [key, item] of o) {
		if (!keep(key)) continue;
		// An item both sides hold but one changed (a dependency's type, a comment's text): the changed one, newer side first.
		const other = t.get(key);
		const before = b.get(key);
		if (other !== undefined && canonical(other) !== canonical(item)) {
			const oursChanged = before === undefined || canonical(before) !== canonical(item);
			const theirsChanged = before === undefined || canonical(before) !== canonical(other);
			result.set(key, oursChanged && theirsChanged ? (oursNewer ? item : other) : oursChanged ? item : other);
		} else {
			result.set(key, item);
		}
	}
	for (const [key, item] of t) if (!result.has(key) && keep(key)) result.set(key, item);
	const merged = [...result.values()];
	if (field === 'comments') {
		merged.sort((x, y) => {
			const a = String((x as Record<string, unknown>).created_at ?? '');
			const c = String((y as Record<string, unknown>).created_at ?? '');
			return a < c ? -1 : a > c ? 1 : 0;
		});
	}
	return merged;
}

function copyFields(target: Record<string, unknown>, source: Bead, fields: readonly string[]): void {
	for (const field of fields) {
		if (source[field] === undefined) delete target[field];
		else target[field] = source[field];
	}
}

/** Whether `field` differs between two versions (absent and undefined are the same). */
const differs = (a: Bead | undefined, b: Bead | undefined, field: string) => canonical(a?.[field]) !== canonical(b?.[field]);

/**
 * Merges two versions of one bead against their common ancestor (undefined when both
 * sides created the same id). Both sides present; the caller handles deletions.
 */
export function mergeBead(base: Bead | undefined, ours: Bead, theirs: Bead): BeadMerge {
	const oursText = canonical(ours);
	const theirsText = canonical(theirs);
	if (oursText === theirsText) return {bead: ours};
	if (base !== undefined) {
		const baseText = canonical(base);
		if (baseText === oursText) return {bead: theirs};
		if (baseText === theirsText) return {bead: ours};
	}
	const oursNewer = newerSide(ours, theirs, oursText, theirsText) === 'ours';
	const merged: Record<string, unknown> = {};
	const fields = new Set([...Object.keys(base ?? {}), ...Object.keys(ours), ...Object.keys(theirs)]);
	const done = new Set<string>(['updated_at', ...setFields]);

	// A claim made on both sides for different holders: the earlier one stands, whole.
	let claim: ClaimConflict | undefined;
	const oursClaim = claimOf(ours);
	const theirsClaim = claimOf(theirs);
	const baseClaimKey = claimKey(base);
	if (oursClaim && theirsClaim && claimKey(ours) !== baseClaimKey && claimKey(theirs) !== baseClaimKey && claimKey(ours) !== claimKey(theirs)) {
		const winner = oursClaim.at !== theirsClaim.at ? (oursClaim.at < theirsClaim.at ? 'ours' : 'theirs') : oursClaim.holder <= theirsClaim.holder ? 'ours' : 'theirs';
		claim = {id: ours.id, title: String(winner === 'ours' ? ours.title : theirs.title), ours: oursClaim, theirs: theirsClaim, winner};
		copyFields(merged, winner === 'ours' ? ours : theirs, claimGroup);
		for (const field of claimGroup) done.add(field);
	} else if (differs(base, ours, 'status') && differs(base, theirs, 'status') && differs(ours, theirs, 'status')) {
		// Status changed on both sides: the newer status brings its close fields along.
		copyFields(merged, oursNewer ? ours : theirs, statusGroup);
		for (const field of statusGroup) done.add(field);
	}

	for (const field of fields) {
		if (done.has(field)) continue;
		const oursChanged = differs(base, ours, field);
		const theirsChanged = differs(base, theirs, field);
		let value: unknown;
		if (!differs(ours, theirs, field) || (oursChanged && !theirsChanged)) value = ours[field];
		else if (theirsChanged && !oursChanged) value = theirs[field];
		else value = oursNewer ? ours[field] : theirs[field];
		if (value !== undefined) merged[field] = value;
	}
	for (const field of setFields) {
		if (ours[field] === undefined && theirs[field] === undefined) continue;
		const items = mergeSet(field, base?.[field] as unknown[] | undefined, ours[field] as unknown[] | undefined, theirs[field] as unknown[] | undefined, oursNewer);
		if (items.length > 0) merged[field] = items;
	}
	const a = ours.updated_at ?? '';
	const b = theirs.updated_at ?? '';
	merged.updated_at = a >= b ? a : b;
	return claim ? {bead: merged as Bead, claim} : {bead: merged as Bead};
}
