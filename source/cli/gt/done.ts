import {currentAgent} from '../../core/agents/address.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {finishWork, type DoneStatus} from '../../core/work/done.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {signalQuietly} from '../../core/sessions/over-daemon.js';
import {overseer} from '../../core/mail/mail.js';
import {submitCrewWork} from '../../core/refinery/submit.js';
import {findHookedWork} from '../../core/work/hook.js';
import {daemonNote, printSubmit, submitJson} from './mq-submit.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env);
	const status = (flagString(context, 'status') ?? 'completed') as DoneStatus;
	const who = {actor: actorFrom(context.env, agent.address), now: context.env.now()};
	// A crew workspace with nothing hooked (a human's branch, or a crew agent's own work):
	// its branch goes to the merge queue as `gt mq submit` would send it.
	if (agent.role === 'crew' && agent.rig && status === 'completed' && !(await findHookedWork(townRoot, agent))) {
		const submitted = await submitCrewWork(townRoot, {rig: agent.rig, dir: agent.dir, worker: agent.address, notify: [overseer], message: flagString(context, 'message')}, who, context.env);
		if (flagBool(context, 'json')) {
			context.out.json({...submitJson(submitted), status, merge_request: submitted.mergeRequest, ...(submitted.committed ? {committed: submitted.committed} : {})});
			return;
		}
		if (submitted.committed) context.out.line(`Committed leftover changes: ${submitted.committed}`);
		printSubmit(context, submitted, await daemonNote(townRoot));
		return;
	}
	const result = await withLazySessions(townRoot, async sessions => finishWork(townRoot, agent, {status, message: flagString(context, 'message')}, who, context.env, {sessions}));
	await signalQuietly(townRoot, agent.sessionId, 'idle', `done: ${result.bead}`);
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	if (result.committed) context.out.line(`Committed leftover changes: ${result.committed}`);
	if (result.mergeRequest) {
		context.out.line(`Done: ${result.bead} → merge request ${result.mergeRequest} (${result.branch} @ ${result.commit?.slice(0, 8)})`);
		context.out.line('Your hook is clear. The refinery merges the branch; wait for the next sling.');
	} else {
		context.out.line(`${status === 'completed' ? 'Done' : status === 'escalated' ? 'Escalated' : 'Deferred'}: ${result.bead} is now ${result.beadStatus}. Your hook is clear.`);
	}
}
