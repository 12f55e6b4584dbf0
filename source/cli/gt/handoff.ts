// gt handoff [note...]: a fresh session of this agent on the same hook (core/work/handoff.ts).
import {currentAgent} from '../../core/agents/address.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {connectSessions} from '../../core/sessions/over-daemon.js';
import {handOff} from '../../core/work/handoff.js';
import {flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env, flagString(context, 'agent'));
	const note = context.args.join(' ').trim();
	const who = {actor: actorFrom(context.env, agent.address), now: context.env.now()};
	const sessions = await connectSessions(townRoot);
	try {
		await handOff(townRoot, agent, note, who, sessions, ({bead}) => context.out.line(`Handing off ${bead} to a fresh session of ${agent.address}.`));
	} finally {
		sessions.close();
	}
}
