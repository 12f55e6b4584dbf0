// `gt mq submit`: a branch someone worked on by hand (a crew workspace, a human, a crew
// agent) goes into the rig's merge queue as a merge-request bead, the same kind `gt done`
// makes for a polecat, so the refinery takes it with everything else. Unlike `gt done`
// nothing is committed and no hook is touched: the branch is queued as it stands.
import type {Actor} from '../beads/operations.js';
import {ledgerHolding} from '../beads/resolve.js';
import type {Bead} from '../beads/types.js';
import type {Environment} from '../base/environment.js';
import {conflict, notFound, usageError} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {rigLayout} from '../base/paths.js';
import {branchExists, checkBranchName} from '../git/branch.js';
import {runGit, type GitVars} from '../git/client.js';
import {readRigConfig} from '../town/rig-config.js';
import {createMergeRequestBead, mergeRequestsIn, mergeRequestType, putState, rigLedger, type MergeMetadata, type MergeRequest} from './queue.js';

export type SubmitInput = {
	readonly rig: string;
	/** The worktree the command runs in: its checked-out branch is the default. */
	readonly dir: string;
	readonly branch?: string;
	/** The bead the work is for: closed when the branch lands. */
	readonly issue?: string;
	readonly priority?: number;
	/** Who did the work (an agent address, or the human's name). */
	readonly worker: string;
	/** Who hears when it lands (a failure mails the Mayor and the human already). */
	readonly notify?: readonly string[];
	readonly dryRun?: boolean;
};

export type SubmitResult = {
	/** The new merge request's id; absent on a dry run. */
	mergeRequest?: string;
	rig: string;
	branch: string;
	target: string;
	commit: string;
	/** Commits on the branch that the target does not have (by content: a landed, rebased copy counts as there). */
	ahead: number;
	issue?: string;
	priority: number;
	worker: string;
	/** Failed requests for the same branch that this one replaces (now rejected). */
	superseded: string[];
	dryRun: boolean;
};

/** States in which a request still stands for its branch: a second one would merge it twice. */
const pending = new Set(['queued', 'merging']);

/** The branch checked out in `dir`; a detached HEAD names none. */
export async function currentBranch(dir: string, vars: GitVars): Promise<string> {
	const name = await runGit(dir, ['rev-parse', '--abbrev-ref', 'HEAD'], vars, `reading the branch of ${dir}`);
	if (!name || name === 'HEAD') throw usageError(`${dir} is on a detached HEAD: no branch to submit`, 'check out a branch, or name one with --branch <branch>');
	return name;
}

/**
 * Commits on `branch` whose change the target does not hold yet. `--cherry-pick` leaves
 * out commits whose patch is already there: after the refinery rebased and landed a crew
 * branch, the crew's own copies of those commits are not work to merge again.
 */
export async function commitsAhead(repo: string, target: string, branch: string, vars: GitVars): Promise<number> {
	const count = await runGit(repo, ['rev-list', '--count', '--cherry-pick', '--right-only', '--no-merges', `refs/heads/${target}...refs/heads/${branch}`], vars, `comparing ${branch} with ${target}`);
	return Number(count) || 0;
}

/** `polecat/<name>/<bead>` names its bead (the original's branch form, with an optional `@<stamp>`). */
export function issueFromBranch(branch: string): string | undefined {
	const match = /^polecat\/[^/]+\/([a-z0-9]+-[a-z0-9.]+?)(?:@.*)?$/.exec(branch);
	return match?.[1];
}

async function findIssue(townRoot: string, id: string): Promise<Bead> {
	const bead = (await ledgerHolding(townRoot, id)?.read())?.get(id);
	if (!bead) throw notFound(`no bead ${id}`, 'check the id with `bd show`, or leave out --issue');
	if (bead.issue_type === mergeRequestType) throw usageError(`${id} is a merge request, not the work it merges`, 'name the issue the branch is for');
	return bead;
}

function checkPriority(priority: number | undefined): number | undefined {
	if (priority === undefined) return undefined;
	if (!Number.isInteger(priority) || priority < 0 || priority > 4) throw usageError(`priority must be 0-4, not ${priority}`, 'e.g. --priority 1 (0 is the most urgent)');
	return priority;
}

/** Validates the branch and queues it; a dry run checks everything and writes nothing. */
export async function submitBranch(townRoot: string, input: SubmitInput, who: Actor, env: Environment): Promise<SubmitResult> {
	const {default_branch: target} = readRigConfig(townRoot, input.rig);
	const repo = rigLayout(townRoot, input.rig).repo;
	const priorityFlag = checkPriority(input.priority);
	const branch = input.branch === undefined ? await currentBranch(input.dir, env.vars) : await checkBranchName(repo, input.branch.replace(/^refs\/heads\//, ''), env.vars);
	if (branch === target) throw usageError(`${branch} is the rig's default branch: the merge queue merges into it, not from it`, 'commit on your crew branch (or another one) and submit that');
	if (!(await branchExists(repo, branch, env.vars))) throw notFound(`no branch "${branch}" in rig ${input.rig}`, '`git branch` lists them; the branch must be local to the rig');
	const ahead = await commitsAhead(repo, target, branch, env.vars);
	if (ahead === 0) throw conflict(`${branch} has no commits that ${target} does not have: nothing to merge`, `commit your work on ${branch} first`);
	const commit = await runGit(repo, ['rev-parse', `refs/heads/${branch}`], env.vars);
	const issueId = input.issue ?? issueFromBranch(branch);
	// A named issue must exist; one read off a branch name is only a guess, dropped when it is not a bead.
	const issue = input.issue !== undefined ? await findIssue(townRoot, input.issue) : issueId ? await findIssue(townRoot, issueId).catch(() => undefined) : undefined;
	const priority = priorityFlag ?? issue?.priority ?? 2;
	const result: SubmitResult = {rig: input.rig, branch, target, commit, ahead, ...(issue ? {issue: issue.id} : {}), priority, worker: input.worker, superseded: [], dryRun: input.dryRun === true};

	const ledger = rigLedger(townRoot, input.rig);
	const refuseDuplicate = (requests: readonly MergeRequest[]) => {
		const standing = requests.find(request => request.meta.branch === branch && pending.has(request.state) && request.bead.status !== 'closed');
		if (standing) throw conflict(`${branch} is already in the merge queue as ${standing.id} (${standing.state})`, `\`gt mq status ${standing.id}\` shows it; new commits on ${branch} are merged with it`);
		return requests.filter(request => request.meta.branch === branch && request.state === 'failed');
	};
	if (input.dryRun) {
		result.superseded = refuseDuplicate(mergeRequestsIn(await ledger.read())).map(request => request.id);
		return result;
	}
	const created = await ledger.transact(state => {
		// Checked again under the lock: two submits of one branch at once make one request.
		const failed = refuseDuplicate(mergeRequestsIn(state));
		const metadata: MergeMetadata = {
			source_bead: issue?.id ?? '',
			branch, commit, target, rig: input.rig, worker: input.worker, submitted: true,
			...(input.notify && input.notify.length > 0 ? {notify: [...input.notify]} : {}),
		};
		const bead = createMergeRequestBead(state, ledger, {title: issue ? `Merge ${issue.id}: ${issue.title}` : `Merge ${branch}`, priority, metadata}, who);
		// A failed request for this branch is replaced: retrying it too would merge the branch twice.
		for (const old of failed) putState(state, old.id, 'rejected', {last_error: `superseded by ${bead.id}`, superseded_by: bead.id}, who, `superseded by ${bead.id}`);
		return {id: bead.id, superseded: failed.map(old => old.id)};
	});
	result.mergeRequest = created.id;
	result.superseded = created.superseded;
	logActivity(townRoot, {type: 'merge_submitted', actor: who.actor, rig: input.rig, merge_request: created.id, branch, commit, ...(issue ? {bead: issue.id} : {})}, who.now);
	return result;
}

/**
 * `gt done` in a crew workspace with nothing hooked: what is left uncommitted is committed
 * (as gt done does for a polecat), then the crew branch is submitted like `gt mq submit`.
 */
export async function submitCrewWork(townRoot: string, input: SubmitInput & {message?: string}, who: Actor, env: Environment): Promise<SubmitResult & {committed?: string}> {
	const dirty = (await runGit(input.dir, ['status', '--porcelain=v1', '--untracked-files=all'], env.vars, `reading the status of ${input.dir}`)) !== '';
	let committed: string | undefined;
	if (dirty && !input.dryRun) {
		committed = input.message ?? `Work from ${input.worker}`;
		await runGit(input.dir, ['add', '-A'], env.vars, 'staging leftover changes');
		await runGit(input.dir, ['commit', '--quiet', '--no-verify', '-m', committed], env.vars, 'committing leftover changes');
	}
	const result = await submitBranch(townRoot, input, who, env);
	return committed ? {...result, committed} : result;
}
