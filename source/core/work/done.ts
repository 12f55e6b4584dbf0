// gt done: the end of a piece of work. Leftover changes are committed, a
// merge-request bead is queued for the refinery (completed), the hook is cleared,
// and the agent is free for the next sling. Nothing is lost if the agent dies
// right after: the branch and the merge request are both on disk.
import type {AgentRef} from '../agents/address.js';
import {rigLedger} from '../beads/resolve.js';
import type {Actor} from '../beads/operations.js';
import {createMergeRequestBead} from '../refinery/queue.js';
import type {Bead} from '../beads/types.js';
import type {Environment} from '../base/environment.js';
import {landConvoysFor} from '../convoys/landing.js';
import {overseer, sendMail, type DeliveryOptions} from '../mail/mail.js';
import {conflict} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {commitsNotIn} from '../git/branch.js';
import {runGit} from '../git/client.js';
import {worktreeStatus} from '../git/status.js';
import {closeOpenSteps} from '../formulas/lifecycle.js';
import {landMolecule} from '../formulas/landing.js';
import {findHookedWork, ledgersFor, releaseHook} from './hook.js';
import {readRigConfig} from '../town/rig-config.js';

export type DoneStatus = 'completed' | 'escalated' | 'deferred';

export type DoneResult = {
	bead: string;
	title: string;
	status: DoneStatus;
	/** The bead's status after: in_progress (awaiting merge), closed, blocked or deferred. */
	beadStatus: string;
	committed?: string;
	branch?: string;
	commit?: string;
	mergeRequest?: string;
	/** Convoys this close landed (only when the bead was closed here). */
	landedConvoys?: string[];
	/** Who heard about work handed back (escalated or deferred). */
	mailed?: string[];
	/** A formula-slung molecule: the steps left open that gt done closed (and the issue, when closed here). */
	closedSteps?: string[];
};

/** Mails an escalated or deferred bead to the Mayor and the human; a refused address never fails the done. */
async function mailHandBack(townRoot: string, agent: AgentRef, bead: Bead, options: {status: DoneStatus; message?: string}, who: Actor, delivery: DeliveryOptions): Promise<string[]> {
	const verb = options.status === 'escalated' ? 'Escalated' : 'Deferred';
	const body = [
		`${agent.address} ${verb.toLowerCase()} ${bead.id} "${bead.title}"${options.message ? `: ${options.message}` : '.'}`,
		'',
		`The bead is ${options.status === 'escalated' ? 'blocked' : 'deferred'} and off the agent's hook. Sling it again when it can go on: gt sling ${bead.id} <target>`,
	].join('\n');
	const mailed: string[] = [];
	for (const to of ['mayor/', overseer]) {
		try {
			await sendMail(townRoot, {from: agent.address, to, subject: `${verb}: ${bead.id} ${bead.title}`, body, priority: options.status === 'escalated' ? 1 : 2}, who, delivery);
			mailed.push(to);
		} catch {
			// The bead carries the note either way.
		}
	}
	return mailed;
}

export async function finishWork(townRoot: string, agent: AgentRef, options: {status: DoneStatus; message?: string}, who: Actor, env: Environment, delivery: DeliveryOptions = {}): Promise<DoneResult> {
	const hooked = await findHookedWork(townRoot, agent);
	if (!hooked) {
		if (options.status === 'completed') {
			const closed = await finishClosedWithoutChanges(townRoot, agent, who, delivery);
			if (closed) return closed;
		}
		throw conflict(`nothing is on ${agent.address}'s hook`, '`gt hook` shows it; there is nothing to finish');
	}
	const {bead, ledger} = hooked;
	const result: DoneResult = {bead: bead.id, title: bead.title, status: options.status, beadStatus: ''};

	// Agents with a worktree: commit what is left, then check there is work to merge.
	if (agent.rig) {
		const {default_branch: defaultBranch} = readRigConfig(townRoot, agent.rig);
		const status = await worktreeStatus(agent.dir, defaultBranch, env.vars);
		if (status.dirty.length > 0) {
			const message = options.status === 'completed' && options.message ? options.message : `${bead.title} (${bead.id})${options.status === 'completed' ? '' : ` — ${options.status}`}`;
			await runGit(agent.dir, ['add', '-A'], env.vars, 'staging leftover changes');
			await runGit(agent.dir, ['commit', '--quiet', '--no-verify', '-m', message], env.vars, 'committing leftover changes');
			result.committed = message;
		}
		result.branch = status.branch;
		result.commit = await runGit(agent.dir, ['rev-parse', 'HEAD'], env.vars);
		if (options.status === 'completed') {
			const ahead = await commitsNotIn(agent.dir, 'HEAD', [`refs/heads/${defaultBranch}`], env.vars);
			if (ahead === 0) {
				throw conflict(`no commits for ${bead.id} on ${status.branch ?? 'HEAD'}: nothing to merge`, `commit your work first; nothing to change: bd close ${bead.id} --reason "no-changes: <why>", then gt done`);
			}
			const {rig} = agent;
			const {branch} = status;
			if (!branch) throw conflict(`${agent.address}'s worktree is on a detached HEAD: nothing to queue`, "`gt hooks repair` puts it back on its branch; then gt done");
			const mergeLedger = rigLedger(townRoot, rig);
			const mergeRequest = await mergeLedger.transact(state => createMergeRequestBead(state, mergeLedger, {
				title: `Merge ${bead.id}: ${bead.title}`,
				priority: bead.priority,
				metadata: {source_bead: bead.id, branch, commit: result.commit, target: defaultBranch, rig, worker: agent.address},
			}, who));
			result.mergeRequest = mergeRequest.id;
		}
	}

	const note = options.status === 'completed'
		? `Done by ${agent.address}${result.mergeRequest ? `: merge request ${result.mergeRequest} (${result.branch} @ ${result.commit?.slice(0, 8)})` : ''}`
		: `${options.status === 'escalated' ? 'Escalated' : 'Deferred'} by ${agent.address}${options.message ? `: ${options.message}` : ''}`;
	// Completed work waits for the merge queue (in_progress, still credited to the agent);
	// without a worktree there is nothing to merge, so it is closed here.
	const nextStatus = options.status === 'escalated' ? 'blocked' : options.status === 'deferred' ? 'deferred' : agent.rig ? 'in_progress' : 'closed';
	// A formula-slung molecule: the agent is through its steps, so those it left open close
	// now (they would otherwise show in bd ready); the merge landing closes the root and its issue.
	if (options.status === 'completed' && bead.issue_type === 'molecule') {
		const closed = await ledger.transact(state => closeOpenSteps(state, bead.id, `completed: gt done by ${agent.address}`, who));
		if (closed.length > 0) result.closedSteps = closed;
	}
	const after: Bead = await releaseHook(ledger, bead.id, who, {status: nextStatus, note, keepAssignee: options.status === 'completed'});
	result.beadStatus = after.status;
	// Closed here (no worktree, nothing to merge): its convoys may have just landed.
	if (after.status === 'closed') {
		const issue = after.issue_type === 'molecule' ? await landMolecule(townRoot, bead.id, `done by ${agent.address}`, who) : [];
		if (issue.length > 0) result.closedSteps = [...(result.closedSteps ?? []), ...issue];
		const landings = await landConvoysFor(townRoot, [bead.id, ...issue], who, delivery).catch(() => []);
		if (landings.length > 0) result.landedConvoys = landings.map(landing => landing.convoy.id);
	}
	// Work handed back must reach someone: the Mayor plans around it, the human decides.
	if (options.status !== 'completed' && agent.role !== 'mayor') result.mailed = await mailHandBack(townRoot, agent, bead, options, who, delivery);
	logActivity(townRoot, {type: 'done', actor: agent.address, bead: bead.id, status: options.status, merge_request: result.mergeRequest, branch: result.branch}, who.now);
	return result;
}

/**
 * The original's "nothing to implement" ending: `bd close <id> --reason "no-changes: …"`, then
 * `gt done`. The close already cleared the hook; gt done acknowledges it once (stamping
 * `done_at`), lands the convoys it completes, and frees the agent, with nothing to merge.
 */
async function finishClosedWithoutChanges(townRoot: string, agent: AgentRef, who: Actor, delivery: DeliveryOptions): Promise<DoneResult | undefined> {
	for (const ledger of ledgersFor(townRoot, agent)) {
		const bead = await ledger.transact(state => {
			const found = state.all()
				.filter(candidate => candidate.assignee === agent.address && candidate.status === 'closed' && /^no[- ]changes/i.test(candidate.close_reason ?? '') && candidate.done_at === undefined)
				.sort((a, b) => (b.closed_at ?? '').localeCompare(a.closed_at ?? ''))[0];
			if (!found) return undefined;
			const stamped: Bead = {...found, done_at: who.now.toISOString()};
			state.put(stamped);
			return stamped;
		});
		if (!bead) continue;
		const landings = await landConvoysFor(townRoot, [bead.id], who, delivery).catch(() => []);
		logActivity(townRoot, {type: 'done', actor: agent.address, bead: bead.id, status: 'completed', no_changes: true}, who.now);
		return {bead: bead.id, title: bead.title, status: 'completed', beadStatus: 'closed', ...(landings.length > 0 ? {landedConvoys: landings.map(landing => landing.convoy.id)} : {})};
	}
	return undefined;
}
