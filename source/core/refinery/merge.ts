// One merge, start to end, and the queue drained one request at a time:
// clean refinery worktree → temp branch from the MR branch → rebase onto the default
// branch → gates → record the rebased tip → update-ref (expected old value) →
// worktree back on the default branch → close, delete, land, log, push.
import type {Actor} from '../beads/operations.js';
import type {Environment} from '../base/environment.js';
import {gitSucceeds, runGit, type GitVars} from '../git/client.js';
import {rigLayout} from '../base/paths.js';
import {readRigConfig} from '../town/rig-config.js';
import type {SessionControl} from '../sessions/port.js';
import {failMerge, type Failure, type FailedResult} from './failed.js';
import {gateGroupFile, liveOutputFile, mergeQueueConfig, resetLiveOutput, runGates} from './gates.js';
import {checkoutDefault, cleanWorktree, committerVars, fastForward, isAncestor, rebaseOnto, type CleanKeep} from './git-steps.js';
import {noSetup, runWorktreeSetup, worktreeSetupFor} from '../town/worktree-setup.js';
import {completeMerge, type LandedResult} from './landed.js';
import {mergeRequestsIn, putState, rigLedger, type MergeRequest} from './queue.js';

export type RefineryDeps = {
	readonly env: Environment;
	/** Slings conflict resolutions; without it they are created but not slung. */
	readonly control?: SessionControl;
	readonly log?: (message: string) => void;
	/** The refinery stopping: a running gate is killed and its request queued again. */
	readonly signal?: AbortSignal;
};

export type MergeOutcome =
	| {request: string; state: 'merged'; commit: string; landed: LandedResult}
	| {request: string; state: 'failed'; failure: Failure; failed: FailedResult}
	| {request: string; state: 'interrupted'};

const actorFor = (rig: string, env: Environment): Actor => ({actor: `${rig}/refinery`, now: env.now()});

/** Takes the next queued request (marking it merging, attempts + 1), or undefined. */
async function claimNext(townRoot: string, rig: string, who: Actor): Promise<MergeRequest | undefined> {
	const ledger = rigLedger(townRoot, rig);
	return ledger.transact(state => {
		const next = mergeRequestsIn(state).find(request => request.state === 'queued' && request.bead.status !== 'closed');
		if (!next) return undefined;
		const bead = putState(state, next.id, 'merging', {attempts: (next.meta.attempts ?? 0) + 1, last_error: undefined, rebased_commit: undefined}, who);
		return {...next, state: 'merging' as const, meta: bead.metadata as MergeRequest['meta'], bead};
	});
}

async function attempt(townRoot: string, rig: string, request: MergeRequest, deps: RefineryDeps, who: Actor): Promise<MergeOutcome> {
	const config = readRigConfig(townRoot, rig);
	const queue = mergeQueueConfig(config);
	const defaultBranch = config.default_branch;
	const dir = rigLayout(townRoot, rig).refinery;
	const vars: GitVars = await committerVars(dir, deps.env.vars);
	// The setup is there for the gates: without gates nothing in this worktree runs.
	const setup = queue.gates.length > 0 ? worktreeSetupFor(townRoot, rig) : noSetup;
	const keep: CleanKeep = {ignored: setup.commands.length > 0, paths: setup.keep};
	const live = liveOutputFile(townRoot, rig);
	resetLiveOutput(live);
	const run = {groupFile: gateGroupFile(townRoot, rig), liveFile: live, ...(deps.signal ? {signal: deps.signal} : {})};
	// The clock when each step ends, not when the attempt began: gates can take minutes, and
	// closed_at, the landing time and the convoy's "Took" must say when the merge really happened.
	const now = (): Actor => ({...who, now: deps.env.now()});
	const fail = async (failure: Failure): Promise<MergeOutcome> => {
		await cleanWorktree(dir, defaultBranch, vars, keep).catch(() => undefined);
		const failed = await failMerge(townRoot, rig, request, failure, {defaultBranch, onConflict: queue.onConflict, control: deps.control, env: deps.env}, now());
		return {request: request.id, state: 'failed', failure, failed};
	};

	try {
		const branch = request.meta.branch;
		if (!branch || !(await gitSucceeds(dir, ['rev-parse', '--verify', `refs/heads/${branch}^{commit}`], vars))) {
			return await fail({kind: 'error', message: `branch ${branch || '(none)'} does not exist`});
		}
		const [base, tip] = (await runGit(dir, ['rev-parse', `refs/heads/${defaultBranch}`, `refs/heads/${branch}`], vars)).split('\n') as [string, string];
		// Only git has touched the worktree since the last merge (gates, failures and
		// crashes are followed by a full clean), so a forced checkout is enough here.
		const rebased = await rebaseOnto(dir, branch, tip, base, vars).catch(async () => {
			// Something else wrote there (a person, a stray process): clean up and try once more.
			await cleanWorktree(dir, defaultBranch, vars, keep);
			return rebaseOnto(dir, branch, tip, base, vars);
		});
		if (!rebased.ok) return await fail({kind: 'conflict', message: rebased.message, conflicts: rebased.conflicts});

		const interrupted = async (error: string | undefined): Promise<MergeOutcome> => {
			// Not the work's fault: queued again; the next start's recovery cleans the worktree.
			await rigLedger(townRoot, rig).transact(state => putState(state, request.id, 'queued', {last_error: `${error ?? 'gate aborted'}; queued again`, rebased_commit: undefined}, who));
			return {request: request.id, state: 'interrupted'};
		};
		// The setup sees the rebased tree: a lock file changed by this branch runs it again.
		if (setup.commands.length > 0) {
			const ran = await runWorktreeSetup(dir, setup, vars, deps.env.now, run);
			if (ran.aborted) return await interrupted(ran.error);
			if (!ran.ok) return await fail({kind: 'setup', message: ran.error ?? 'the worktree setup failed', gateOutput: ran.output});
		}
		let gateOutput: string | undefined;
		if (queue.gates.length > 0) {
			const gates = await runGates(queue.gates, dir, vars, queue.gateTimeout, run);
			if (gates.aborted) return await interrupted(gates.error);
			gateOutput = gates.output;
			if (!gates.ok) return await fail({kind: 'gate', message: gates.error ?? 'a gate failed', gateOutput: gates.output});
		}
		// Recorded before the move: after a crash, a tip already on the default branch means "merged".
		await rigLedger(townRoot, rig).transact(state => putState(state, request.id, 'merging', {rebased_commit: rebased.head, gate_output: gateOutput}, now()));
		await fastForward(dir, defaultBranch, rebased.head, base, vars);
		if (queue.gates.length > 0 || setup.commands.length > 0) await cleanWorktree(dir, defaultBranch, vars, keep);
		else await checkoutDefault(dir, defaultBranch, vars);
		const landed = await completeMerge(townRoot, rig, request, rebased.head, {defaultBranch, push: queue.push, vars, sessions: deps.control}, now());
		return {request: request.id, state: 'merged', commit: rebased.head, landed};
	} catch (error) {
		return fail({kind: 'error', message: (error as Error).message});
	}
}

/** Merges the next queued request of the rig; undefined when the queue is empty. */
export async function processNext(townRoot: string, rig: string, deps: RefineryDeps): Promise<MergeOutcome | undefined> {
	if (deps.signal?.aborted) return undefined;
	const who = actorFor(rig, deps.env);
	const request = await claimNext(townRoot, rig, who);
	if (!request) return undefined;
	deps.log?.(`refinery ${rig}: merging ${request.id} (${request.meta.branch})`);
	const outcome = await attempt(townRoot, rig, request, deps, actorFor(rig, deps.env));
	deps.log?.(`refinery ${rig}: ${request.id} ${outcome.state}${outcome.state === 'merged' ? ` at ${outcome.commit.slice(0, 8)}` : outcome.state === 'failed' ? `: ${outcome.failure.kind}` : ' (the refinery stopped); queued again'}`);
	return outcome;
}

/** Drains the rig's queue, one merge at a time. */
export async function processQueue(townRoot: string, rig: string, deps: RefineryDeps): Promise<MergeOutcome[]> {
	const outcomes: MergeOutcome[] = [];
	for (let outcome = await processNext(townRoot, rig, deps); outcome; outcome = await processNext(townRoot, rig, deps)) outcomes.push(outcome);
	return outcomes;
}

/**
 * After a crash: a request left `merging` is finished if its rebased tip already
 * reached the default branch, otherwise queued again; the worktree is made clean
 * either way (rebase aborted, reset --hard, clean -fdx).
 */
export async function recoverRig(townRoot: string, rig: string, deps: RefineryDeps): Promise<string[]> {
	const config = readRigConfig(townRoot, rig);
	const defaultBranch = config.default_branch;
	const dir = rigLayout(townRoot, rig).refinery;
	const vars = await committerVars(dir, deps.env.vars);
	const setup = worktreeSetupFor(townRoot, rig);
	await cleanWorktree(dir, defaultBranch, vars, {ignored: setup.commands.length > 0, paths: setup.keep});
	const who = actorFor(rig, deps.env);
	const stuck = mergeRequestsIn(await rigLedger(townRoot, rig).read()).filter(request => request.state === 'merging');
	const recovered: string[] = [];
	for (const request of stuck) {
		const tip = request.meta.rebased_commit;
		if (tip && (await isAncestor(dir, tip, `refs/heads/${defaultBranch}`, vars))) {
			await completeMerge(townRoot, rig, request, tip, {defaultBranch, push: mergeQueueConfig(config).push, vars, sessions: deps.control}, who);
			deps.log?.(`refinery ${rig}: ${request.id} had reached ${defaultBranch} before a restart; completed`);
		} else {
			await rigLedger(townRoot, rig).transact(state => putState(state, request.id, 'queued', {last_error: 'interrupted (daemon restart); queued again', rebased_commit: undefined}, who));
			deps.log?.(`refinery ${rig}: ${request.id} was interrupted mid-merge; queued again`);
		}
		recovered.push(request.id);
	}
	return recovered;
}
