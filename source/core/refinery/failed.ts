// A merge that did not happen: the request is marked failed, the source bead is
// reopened with the reason in its notes, the Mayor is mailed, and on a conflict
// (on_conflict = "assign_back") a resolution bead is created and slung to the rig.
//
// Retry after a resolution: the resolution polecat starts its own branch from the
// original branch (reset --hard onto it), rebases it onto the default branch and
// runs `gt done`. Its merge request then carries the original work, so when it
// lands completeMerge closes the original bead and marks the original request
// merged (superseded_by). No second rebase of a branch known to conflict.
import {addDependency, createBead, updateBead, type Actor} from '../beads/operations.js';
import type {Environment} from '../base/environment.js';
import {logActivity} from '../base/activity-log.js';
import {overseer, sendMail} from '../mail/mail.js';
import type {SessionControl} from '../sessions/port.js';
import {sling} from '../work/sling.js';
import {ledgerHolding} from '../beads/resolve.js';
import {putState, rigLedger, type MergeRequest} from './queue.js';

export type FailureKind = 'conflict' | 'gate' | 'setup' | 'error';

export type Failure = {kind: FailureKind; message: string; conflicts?: string[]; gateOutput?: string};

export type FailedResult = {resolution?: string; slungTo?: string; slingError?: string; mailError?: string};

export function resolutionDescription(request: MergeRequest, title: string, defaultBranch: string, conflicts: readonly string[]): string {
	const branch = request.meta.branch;
	return [
		`The merge queue could not rebase ${branch} (merge request ${request.id}, bead ${request.meta.source_bead}: "${title}") onto ${defaultBranch}.`,
		'',
		'Conflicting files:',
		...(conflicts.length > 0 ? conflicts.map(file => `  - ${file}`) : ['  (git named none)']),
		'',
		'To resolve, in your worktree:',
		`  git reset --hard ${branch}`,
		`  git rebase ${defaultBranch}        # fix each conflict, git add, git rebase --continue`,
		'  (run the tests)',
		'  gt done',
		'',
		`Your merge request carries ${branch}'s work: when it merges, ${request.meta.source_bead} closes too.`,
	].join('\n');
}

export async function failMerge(townRoot: string, rig: string, request: MergeRequest, failure: Failure, options: {defaultBranch: string; onConflict: 'assign_back' | 'none'; control?: SessionControl; env: Environment}, who: Actor): Promise<FailedResult> {
	const result: FailedResult = {};
	const source = request.meta.source_bead;
	const sourceLedger = ledgerHolding(townRoot, source);
	const sourceBead = (await sourceLedger?.read())?.get(source);
	const title = sourceBead?.title ?? request.title;
	const what = failure.kind === 'conflict' ? `conflict in ${failure.conflicts?.join(', ') || 'the rebase'}` : failure.message;

	// A resolution of a resolution would loop; an open one already covers a retried request.
	const resolutionOf = (sourceBead?.metadata as {resolves_mr?: string} | undefined)?.resolves_mr;
	const ledger = rigLedger(townRoot, rig);
	const existing = request.meta.resolution ? (await ledger.read()).get(request.meta.resolution) : undefined;
	const wantResolution = failure.kind === 'conflict' && options.onConflict === 'assign_back' && !resolutionOf && !(existing && existing.status !== 'closed');

	await ledger.transact(state => {
		let resolution: string | undefined;
		if (wantResolution) {
			const bead = createBead(state, ledger, {
				title: `Resolve merge conflict: ${title}`,
				description: resolutionDescription(request, title, options.defaultBranch, failure.conflicts ?? []),
				type: 'task',
				priority: sourceBead?.priority ?? request.priority,
				metadata: {resolves_mr: request.id, resolves_bead: source, branch: request.meta.branch},
			}, who);
			resolution = bead.id;
			result.resolution = bead.id;
		}
		putState(state, request.id, 'failed', {
			last_error: failure.kind === 'conflict' ? what : failure.message,
			gate_output: failure.gateOutput,
			conflicts: failure.conflicts,
			...(resolution ? {resolution} : {}),
		}, who);
	});

	if (sourceLedger && sourceBead && sourceBead.status !== 'closed') {
		await sourceLedger.transact(state => {
			updateBead(state, sourceLedger, source, {status: 'open', assignee: '', appendNotes: `Merge failed (${request.id}): ${what}${result.resolution ? ` — resolution: ${result.resolution}` : ''}`}, who);
			// The original waits on its resolution (same ledger: both live in the rig).
			if (result.resolution && state.has(result.resolution)) addDependency(state, source, result.resolution, 'blocks', who);
		});
	}

	if (result.resolution && options.control) {
		try {
			const slung = await sling(townRoot, {beads: [result.resolution], target: rig, convoy: false}, options.control, who, options.env);
			result.slungTo = slung.work[0]?.agent;
		} catch (error) {
			result.slingError = (error as Error).message;
		}
	}

	const body = [
		`Merge request ${request.id}${source ? ` for ${source}` : ''} "${title}" failed: ${what}.`,
		`Branch: ${request.meta.branch}`,
		...(failure.gateOutput ? ['', failure.kind === 'setup' ? 'Setup output (tail):' : 'Gate output (tail):', failure.gateOutput] : []),
		'',
		result.resolution
			? `Resolution bead ${result.resolution}${result.slungTo ? ` slung to ${result.slungTo}` : ' created (not slung' + (result.slingError ? `: ${result.slingError}` : '') + ')'}.`
			: `${source ? `${source} is open again. ` : ''}\`gt mq retry ${request.id}\` queues the request again; \`gt mq reject ${request.id}\` drops it.`,
	].join('\n');
	try {
		await sendMail(townRoot, {from: `${rig}/refinery`, to: 'mayor/', subject: `Merge failed: ${title}`, body}, who, {sessions: options.control});
		// The human too: a failed gate is often theirs to fix (a flaky test, a missing setup step).
		await sendMail(townRoot, {from: `${rig}/refinery`, to: overseer, subject: `Merge failed: ${title}`, body}, who, {sessions: options.control});
	} catch (error) {
		result.mailError = (error as Error).message;
	}
	logActivity(townRoot, {type: 'merge_failed', actor: who.actor, rig, merge_request: request.id, bead: source, kind: failure.kind, error: what, ...(result.resolution ? {resolution: result.resolution} : {})}, who.now);
	return result;
}
