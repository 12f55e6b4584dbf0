// What people do to the queue by hand: retry a failed request, reject one.
import type {Actor} from '../beads/operations.js';
import {updateBead} from '../beads/operations.js';
import {conflict} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {ledgerHolding} from '../beads/resolve.js';
import {findMergeRequest, putState, toMergeRequest, type MergeRequest} from './queue.js';

/** failed (or rejected) → queued; the refinery takes it on its next pass. */
export async function retryMergeRequest(townRoot: string, id: string, who: Actor): Promise<MergeRequest> {
	const {ledger} = await findMergeRequest(townRoot, id);
	const bead = await ledger.transact(state => {
		const request = toMergeRequest(state.require(id));
		if (request.state === 'queued') throw conflict(`${id} is already queued`, 'the refinery takes it on its next pass');
		if (request.state === 'merging') throw conflict(`${id} is being merged right now`, 'see `gt mq status`');
		if (request.state === 'merged') throw conflict(`${id} is merged already`, 'nothing to retry');
		return putState(state, id, 'queued', {last_error: undefined}, who);
	});
	logActivity(townRoot, {type: 'merge_retry', actor: who.actor, merge_request: id}, who.now);
	return toMergeRequest(bead);
}

/** → rejected (closed): it will not be merged; the source bead reopens with the reason. */
export async function rejectMergeRequest(townRoot: string, id: string, reason: string | undefined, who: Actor): Promise<MergeRequest> {
	const {ledger} = await findMergeRequest(townRoot, id);
	const why = reason?.trim() || `rejected by ${who.actor}`;
	const bead = await ledger.transact(state => {
		const request = toMergeRequest(state.require(id));
		if (request.state === 'merging') throw conflict(`${id} is being merged right now`, 'wait for the result, then reject it');
		if (request.state === 'merged') throw conflict(`${id} is merged already`, 'revert the commit instead');
		if (request.state === 'rejected') throw conflict(`${id} is rejected already`);
		return putState(state, id, 'rejected', {last_error: why}, who, `rejected: ${why}`);
	});
	const request = toMergeRequest(bead);
	const source = request.meta.source_bead;
	const sourceLedger = source ? ledgerHolding(townRoot, source) : undefined;
	if (sourceLedger) {
		await sourceLedger.transact(state => {
			const found = state.get(source);
			if (!found || found.status === 'closed') return;
			updateBead(state, sourceLedger, source, {status: 'open', assignee: '', appendNotes: `Merge rejected (${id}): ${why}`}, who);
		});
	}
	logActivity(townRoot, {type: 'merge_rejected', actor: who.actor, merge_request: id, bead: source, reason: why}, who.now);
	return request;
}
