// gt signal working|idle|waiting|done: an agent's hooks report its state. Runs inside
// the agent hundreds of times, so it is quick, never starts the daemon and never
// fails the hook: no town, no agent or no daemon is a silent success.
import {sessionIdForRef} from '../../core/sessions/agent-lookup.js';
import {signalQuietly} from '../../core/sessions/over-daemon.js';
import {signalStates, type AgentState} from '../../core/agents/state/types.js';
import {usageError} from '../../core/base/errors.js';
import {findTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

const states = signalStates as readonly string[];

export async function run(context: CommandContext): Promise<number> {
	const state = context.args[0]!;
	if (!states.includes(state)) throw usageError(`unknown state "${state}"`, `use one of ${states.join(', ')}`);
	const agent = flagString(context, 'agent') || context.env.vars.GT_AGENT;
	const townRoot = findTownRoot(context.env);
	if (!agent || !townRoot) return 0;
	await signalQuietly(townRoot, sessionIdForRef(agent), state as AgentState | 'done', flagString(context, 'detail'));
	return 0;
}
