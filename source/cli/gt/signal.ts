// gt signal working|idle|waiting|done: an agent's hooks report its state. Runs inside
// the agent hundreds of times, so it is quick, never starts the daemon and never
// fails the hook: no town, no agent or no daemon is a silent success.
import {DaemonClient} from '../../core/daemon/client.js';
import {sessionIdForRef} from '../../core/sessions/agent-lookup.js';
import {daemonPaths} from '../../core/daemon/daemon-paths.js';
import {usageError} from '../../core/base/errors.js';
import {findTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

const states = ['working', 'idle', 'waiting', 'done'];
const answerWithinMs = 2000;

export async function run(context: CommandContext): Promise<number> {
	const state = context.args[0]!;
	if (!states.includes(state)) throw usageError(`unknown state "${state}"`, `use one of ${states.join(', ')}`);
	const agent = flagString(context, 'agent') || context.env.vars.GT_AGENT;
	const townRoot = findTownRoot(context.env);
	if (!agent || !townRoot) return 0;
	const client = await DaemonClient.connect(daemonPaths(townRoot).socket, 1000);
	if (!client) return 0;
	const detail = flagString(context, 'detail');
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			client.request('session.signal', {id: sessionIdForRef(agent), state, ...(detail ? {detail} : {})}),
			new Promise(resolve => {
				timer = setTimeout(resolve, answerWithinMs);
			}),
		]);
	} catch {
		// An agent the daemon does not know (yet) is not the hook's problem.
	} finally {
		clearTimeout(timer);
		client.close();
	}
	return 0;
}
