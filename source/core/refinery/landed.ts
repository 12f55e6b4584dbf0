// After the default branch moved: close the source bead and the merge request, and
// anything a conflict resolution stood in for, delete the merged branches, land
// convoys, log, and push when the rig asks for it.
import {closeBead, type Actor} from '../beads/operations.js';
import {ledgerHolding} from '../beads/resolve.js';
import {landConvoysFor} from '../convoys/landing.js';
import {landMolecule} from '../formulas/landing.js';
import type {SessionControl} from '../sessions/port.js';
import {logActivity} from '../base/activity-log.js';
import {gitSucceeds, runGit, runGitRaw, type GitVars} from '../git/client.js';
import {listWorktrees} from '../git/worktree.js';
import {rigLayout} from '../base/paths.js';
import {putState, rigLedger, toMergeRequest, type MergeRequest} from './queue.js';
import {hookedAgent} from '../work/checkpoints.js';
import {mailLanded} from './notify.js';
import {archiveHook} from '../work/hook-archive.js';

export type LandedResult = {closed: string[]; superseded?: string; landedConvoys: string[]; deletedBranches: string[]; pushError?: string};


/** Closes a bead that is not closed yet (force: it is merged, whatever blocks it on paper). */
async function closeSource(townRoot: string, id: string, reason: string, who: Actor): Promise<boolean> {
	const ledger = ledgerHolding(townRoot, id);
	if (!ledger) return false;
	return ledger.transact(state => {
		const bead = state.get(id);
		if (!bead || bead.status === 'closed') return false;
		closeBead(state, id, {reason, force: true}, who);
		return true;
	});
}

/**
 * Deletes a merged polecat branch. git will not delete a branch checked out in a
 * worktree, so an idle polecat still sitting on it (clean) is detached first; one
 * with uncommitted files keeps its branch.
 */
async function deleteMergedBranch(townRoot: string, rig: string, branch: string, defaultBranch: string, vars: GitVars): Promise<boolean> {
	if (!branch || branch === defaultBranch || !branch.startsWith('polecat/')) return false;
	const repo = rigLayout(townRoot, rig).repo;
	for (const worktree of await listWorktrees(repo, vars)) {
		if (worktree.branch !== branch) continue;
		// -b: always one line of output (simple-git adds 50 ms to silent commands).
		const status = await runGitRaw(worktree.path, ['status', '--porcelain=v1', '-b', '--untracked-files=all'], vars).catch(() => undefined);
		if (status === undefined || status.split('\n').some(line => line !== '' && !line.startsWith('##'))) return false;
		if (!(await gitSucceeds(worktree.path, ['checkout', '--detach'], vars))) return false;
	}
	return gitSucceeds(repo, ['branch', '-D', '--', branch], vars);
}

/** Archives the polecat's hook for this merge; a failure is logged, never a failed merge. */
async function archiveLanded(townRoot: string, rig: string, request: MergeRequest, merged: string, vars: GitVars, who: Actor): Promise<void> {
	const worker = request.meta.worker;
	// A branch submitted without a bead (gt mq submit) has no hook to archive.
	if (!worker || !worker.includes('/') || !request.meta.source_bead) return;
	try {
		const tip = request.meta.commit ?? await runGit(rigLayout(townRoot, rig).repo, ['rev-parse', `refs/heads/${request.meta.branch}`], vars);
		const agent = hookedAgent(townRoot, worker);
		const archived = await archiveHook(agent, vars, {townRoot, bead: request.meta.source_bead, branch: request.meta.branch, tip, why: `landed in ${merged.slice(0, 8)}`, now: who.now});
		logActivity(townRoot, {type: 'hook.archived', actor: who.actor, agent: worker, bead: request.meta.source_bead, ref: archived.ref}, who.now);
	} catch (error) {
		logActivity(townRoot, {type: 'hook.archive_failed', actor: who.actor, agent: worker, bead: request.meta.source_bead, error: (error as Error).message}, who.now);
	}
}

export async function completeMerge(townRoot: string, rig: string, request: MergeRequest, merged: string, options: {defaultBranch: string; push: boolean; vars: GitVars; sessions?: SessionControl}, who: Actor): Promise<LandedResult> {
	const short = merged.slice(0, 8);
	const source = request.meta.source_bead;
	const closed: string[] = [];
	if (await closeSource(townRoot, source, `merged ${short}`, who)) closed.push(source);
	// A formula-slung molecule: its open steps and the issue it was poured for land with it.
	closed.push(...(await landMolecule(townRoot, source, `merged ${short}`, who).catch(() => [])));

	// A conflict resolution carries the original work: its merge lands the original too.
	const sourceBead = (await ledgerHolding(townRoot, source)?.read())?.get(source);
	const resolves = (sourceBead?.metadata as {resolves_mr?: string} | undefined)?.resolves_mr;
	const ledger = rigLedger(townRoot, rig);
	let original: MergeRequest | undefined;
	await ledger.transact(state => {
		putState(state, request.id, 'merged', {merged_commit: merged, last_error: undefined}, who, `merged ${short}`);
		const other = resolves ? state.get(resolves) : undefined;
		if (other && other.status !== 'closed') {
			original = toMergeRequest(other);
			putState(state, other.id, 'merged', {merged_commit: merged, superseded_by: request.id}, who, `merged ${short} via ${request.id}`);
		}
	});
	if (original && (await closeSource(townRoot, original.meta.source_bead, `merged ${short} via ${source}`, who))) closed.push(original.meta.source_bead);

	// The hook is archived before its branch goes: the tip and the checkpoints stay findable.
	await archiveLanded(townRoot, rig, request, merged, options.vars, who);
	const deletedBranches: string[] = [];
	for (const branch of [request.meta.branch, original?.meta.branch]) {
		if (branch && (await deleteMergedBranch(townRoot, rig, branch, options.defaultBranch, options.vars))) deletedBranches.push(branch);
	}
	const landings = await landConvoysFor(townRoot, closed, who, {sessions: options.sessions}).catch(() => []);
	logActivity(townRoot, {type: 'merged', actor: who.actor, rig, merge_request: request.id, bead: source, commit: merged, branch: request.meta.branch, ...(original ? {superseded: original.id} : {})}, who.now);
	await mailLanded(townRoot, rig, request, merged, options.defaultBranch, who, {sessions: options.sessions});

	let pushError: string | undefined;
	if (options.push) {
		try {
			await runGit(rigLayout(townRoot, rig).refinery, ['push', '--quiet', 'origin', `refs/heads/${options.defaultBranch}:refs/heads/${options.defaultBranch}`], options.vars, `pushing ${options.defaultBranch}`);
		} catch (error) {
			// The merge stands locally; the next merge's push carries it too.
			pushError = (error as Error).message;
			await ledger.transact(state => putState(state, request.id, 'merged', {push_error: pushError}, who, `merged ${short}`));
			logActivity(townRoot, {type: 'push_failed', actor: who.actor, rig, merge_request: request.id, error: pushError}, who.now);
		}
	}
	return {closed, ...(original ? {superseded: original.id} : {}), landedConvoys: landings.map(landing => landing.convoy.id), deletedBranches, ...(pushError ? {pushError} : {})};
}
