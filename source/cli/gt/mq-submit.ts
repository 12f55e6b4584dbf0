// gt mq submit [branch] [--branch] [--issue] [--priority] [--dry-run] [--json]: queue a crew
// branch for the refinery. `gt done` in a crew workspace with nothing hooked ends here too.
import {currentAgent, type AgentRef} from '../../core/agents/address.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {overseer} from '../../core/mail/mail.js';
import {submitBranch, type SubmitResult} from '../../core/refinery/submit.js';
import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {flagBool, flagNumber, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';

/** The crew workspace this runs in; anywhere else is a usage error. */
export function crewHere(context: CommandContext): AgentRef {
	let agent: AgentRef | undefined;
	try {
		agent = currentAgent(context.env);
	} catch (error) {
		if ((error as {kind?: string}).kind !== 'usage') throw error;
	}
	if (!agent || agent.role !== 'crew' || !agent.rig) {
		throw usageError(`gt mq submit runs in a crew workspace${agent ? `, not as ${agent.address}` : ''}`, 'cd into <town>/<rig>/crew/<name> (gt crew add <name> makes one); a polecat finishes with gt done');
	}
	return agent;
}

/** The refinery lives in the daemon: say so when nothing will pick the request up yet. */
export async function daemonNote(townRoot: string): Promise<string | undefined> {
	const sessions = await sessionsIfRunning(townRoot, {connectTimeoutMs: 500, requestTimeoutMs: 1000}).catch(() => undefined);
	sessions?.close();
	return sessions ? undefined : 'The daemon is not running: `gt up` starts it and its refinery.';
}

export function submitJson(result: SubmitResult) {
	return {
		id: result.mergeRequest ?? null, rig: result.rig, branch: result.branch, target: result.target, commit: result.commit, ahead: result.ahead,
		source_issue: result.issue ?? null, priority: result.priority, worker: result.worker, superseded: result.superseded, dry_run: result.dryRun,
	};
}

export function printSubmit(context: CommandContext, result: SubmitResult, note?: string): void {
	const head = result.dryRun ? 'Would submit to the merge queue (dry run, nothing written)' : `✓ Submitted to the merge queue: ${result.mergeRequest}`;
	context.out.line(head);
	context.out.line(`  Source:   ${result.branch} @ ${result.commit.slice(0, 8)} (${result.ahead} commit${result.ahead === 1 ? '' : 's'} ahead)`);
	context.out.line(`  Target:   ${result.target}`);
	context.out.line(`  Issue:    ${result.issue ?? '(none)'}`);
	context.out.line(`  Priority: P${result.priority}`);
	for (const old of result.superseded) context.out.line(`  ${result.dryRun ? 'Would supersede' : 'Superseded'} failed request ${old}`);
	if (result.dryRun) return;
	context.out.line(`The refinery rebases and merges it; you get mail when it lands or fails. \`gt mq status ${result.mergeRequest}\` follows it.`);
	if (note) context.out.line(note);
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const agent = crewHere(context);
	const positional = context.args[0];
	const flag = flagString(context, 'branch');
	if (positional !== undefined && flag !== undefined && positional !== flag) throw usageError(`two branches given: ${positional} and --branch ${flag}`, 'name the branch once');
	const result = await submitBranch(townRoot, {
		rig: agent.rig!, dir: agent.dir, branch: positional ?? flag, issue: flagString(context, 'issue'), priority: flagNumber(context, 'priority'),
		worker: agent.address, notify: [overseer], dryRun: flagBool(context, 'dryRun'),
	}, actorOf(context), context.env);
	if (flagBool(context, 'json')) context.out.json(submitJson(result));
	else printSubmit(context, result, result.dryRun ? undefined : await daemonNote(townRoot));
	return 0;
}
