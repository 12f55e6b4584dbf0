// gt hook attach <bead> (and `gt hook <bead>`): put a bead on this agent's own hook.
import {currentAgent, type AgentRef} from '../../core/agents/address.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {attachToHook} from '../../core/work/hook.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function attach(context: CommandContext, townRoot: string, agent: AgentRef, id: string): Promise<void> {
	const bead = await attachToHook(townRoot, agent, id, {actor: actorFrom(context.env, agent.address), now: context.env.now()});
	if (flagBool(context, 'json')) context.out.json(bead);
	else context.out.line(`⚓ ${bead.id}  ${safeText(bead.title)} is on ${agent.address}'s hook. Work on it, then \`gt done\`.`);
}

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	await attach(context, townRoot, currentAgent(context.env, flagString(context, 'agent')), context.args[0]!);
}
