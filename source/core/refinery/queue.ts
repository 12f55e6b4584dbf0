// The merge queue as data: merge-request beads in a rig's ledger (made by `gt done`),
// their state in metadata, and the order the refinery takes them in.
// Bead status follows the state so that `bd` views agree: queued → open,
// merging → in_progress, failed → blocked, merged and rejected → closed.
import {Ledger} from '../beads/ledger.js';
import {rigLedger} from '../beads/resolve.js';
import type {LedgerState} from '../beads/ledger-state.js';
import {applyStatus, createBead, type Actor} from '../beads/operations.js';
import {routeForId} from '../beads/routes.js';
import type {Bead} from '../beads/types.js';
import {notFound, usageError} from '../base/errors.js';

export type MergeState = 'queued' | 'merging' | 'merged' | 'failed' | 'rejected';

export type MergeMetadata = {
	source_bead: string;
	branch: string;
	commit?: string;
	target?: string;
	rig: string;
	worker?: string;
	state?: MergeState;
	attempts?: number;
	last_error?: string;
	/** Last lines of the gates' output (on failure, or the last run). */
	gate_output?: string;
	/** Files git reported in conflict. */
	conflicts?: string[];
	/** The rebased tip, recorded before the default branch moves (crash recovery). */
	rebased_commit?: string;
	merged_commit?: string;
	/** Conflict-resolution bead created for this request. */
	resolution?: string;
	/** Request that landed this one's work instead (after a conflict resolution). */
	superseded_by?: string;
	[key: string]: unknown;
};

export type MergeRequest = {
	id: string;
	title: string;
	priority: number;
	createdAt: string;
	state: MergeState;
	meta: MergeMetadata;
	bead: Bead;
};

export const mergeRequestType = 'merge-request';

const statusOfState: Record<MergeState, string> = {queued: 'open', merging: 'in_progress', failed: 'blocked', merged: 'closed', rejected: 'closed'};

export function stateOf(bead: Bead): MergeState {
	const state = (bead.metadata as MergeMetadata | undefined)?.state;
	if (state && state in statusOfState) return state;
	// Made by `gt done` and never touched: queued (or closed by hand).
	return bead.status === 'closed' ? 'merged' : 'queued';
}

export function toMergeRequest(bead: Bead): MergeRequest {
	return {
		id: bead.id,
		title: bead.title,
		priority: bead.priority,
		createdAt: bead.created_at,
		state: stateOf(bead),
		meta: {...((bead.metadata ?? {}) as MergeMetadata)},
		bead,
	};
}

/** A merge request as `gt mq list|status --json` print it (and the dashboard shows it). */
export function mergeRequestJson(request: MergeRequest) {
	const {meta} = request;
	return {
		id: request.id, title: request.title, rig: meta.rig, state: request.state, priority: request.priority, created_at: request.createdAt,
		source_bead: meta.source_bead, branch: meta.branch, commit: meta.commit, worker: meta.worker, attempts: meta.attempts ?? 0,
		...(meta.last_error ? {last_error: meta.last_error} : {}), ...(meta.merged_commit ? {merged_commit: meta.merged_commit} : {}),
		...(meta.resolution ? {resolution: meta.resolution} : {}), ...(meta.superseded_by ? {superseded_by: meta.superseded_by} : {}),
		...(meta.conflicts ? {conflicts: meta.conflicts} : {}), ...(meta.gate_output ? {gate_output: meta.gate_output} : {}),
	};
}

/** `live_output`: while a request is merging, the tail of its setup and gates' output so far (withLiveOutput). */
export type MergeRequestJson = ReturnType<typeof mergeRequestJson> & {live_output?: string};

/** Priority (0 first), then age (oldest first), then id for a stable order. */
export function queueOrder(a: MergeRequest, b: MergeRequest): number {
	return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export {rigLedger};

export function mergeRequestsIn(state: LedgerState): MergeRequest[] {
	return state.all().filter(bead => bead.issue_type === mergeRequestType).map(toMergeRequest).sort(queueOrder);
}

/** A rig's merge requests in queue order. */
export async function listMergeRequests(townRoot: string, rig: string): Promise<MergeRequest[]> {
	return mergeRequestsIn(await rigLedger(townRoot, rig).read());
}

/** Writes a new state (and other metadata) onto a merge request, inside a transaction. */
export function putState(state: LedgerState, id: string, next: MergeState, changes: Partial<MergeMetadata>, who: Actor, reason?: string): Bead {
	const bead = {...state.require(id)};
	const metadata: MergeMetadata = {...((bead.metadata ?? {}) as MergeMetadata), ...changes, state: next};
	for (const key of Object.keys(metadata)) if (metadata[key] === undefined) delete metadata[key];
	bead.metadata = metadata;
	const status = statusOfState[next];
	if (bead.status !== status) applyStatus(bead, status, who.now);
	if (status === 'closed' && reason) bead.close_reason = reason;
	if (status !== 'closed') delete bead.close_reason;
	bead.updated_at = who.now.toISOString();
	state.put(bead);
	return bead;
}

/** The ledger holding merge request `id` and the request itself. */
export async function findMergeRequest(townRoot: string, id: string): Promise<{ledger: Ledger; request: MergeRequest}> {
	const dir = routeForId(townRoot, id);
	if (!dir || !Ledger.exists(dir)) throw notFound(`no ledger holds "${id}"`, 'see `gt mq list` for merge request ids');
	const ledger = Ledger.open(dir);
	const bead = (await ledger.read()).get(id);
	if (!bead) throw notFound(`no merge request ${id}`, 'see `gt mq list --all`');
	if (bead.issue_type !== mergeRequestType) throw usageError(`${id} is a ${bead.issue_type}, not a merge request`, 'see `gt mq list` for merge request ids');
	return {ledger, request: toMergeRequest(bead)};
}

/** Keeps the last `max` characters of output, cut at a line start. */
export function tail(text: string, max = 2000): string {
	if (text.length <= max) return text;
	const cut = text.slice(-max);
	const newline = cut.indexOf('\n');
	return newline >= 0 && newline < max / 2 ? cut.slice(newline + 1) : cut;
}

/**
 * The merge-request bead itself (ephemeral: it lives in wisps.jsonl, never in git), inside the
 * caller's transaction. `gt done` builds the same bead for a polecat; this is the one shape.
 */
export function createMergeRequestBead(state: LedgerState, ledger: Ledger, request: {title: string; priority: number; metadata: MergeMetadata}, who: Actor): Bead {
	return createBead(state, ledger, {title: request.title, type: mergeRequestType, priority: request.priority, ephemeral: true, metadata: request.metadata}, who);
}
