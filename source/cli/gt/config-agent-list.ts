// `gt config agent list`: every agent runtime, built-in or added in town.toml.
import {formatCommandLine} from '../../core/agents/command-line.js';
import {agentJson, defaultAgentName, listAgents, type ResolvedAgent} from '../../core/agents/registry.js';
import {readTownConfig} from '../../core/town/town-config.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';

export const commandLineOf = (agent: ResolvedAgent) => formatCommandLine({env: agent.env, program: agent.command, args: agent.args});

/** Aligned `name  [source]  command line` rows; a user agent also says which runtime it behaves like. */
export function agentRows(agents: readonly ResolvedAgent[], defaultName: string): string[] {
	const nameWidth = Math.max(...agents.map(agent => agent.name.length));
	const tagWidth = Math.max(...agents.map(agent => agent.source.length + 2));
	return agents.map(agent => {
		const mark = agent.name === defaultName ? '*' : ' ';
		const runtime = agent.source === 'built-in' ? '' : agent.runtime === undefined ? '  (runtime unknown)' : agent.runtime === agent.name ? '' : `  (runtime ${agent.runtime})`;
		return `${mark} ${agent.name.padEnd(nameWidth)}  ${`[${agent.source}]`.padEnd(tagWidth)}  ${commandLineOf(agent)}${runtime}`;
	});
}

export async function run(context: CommandContext): Promise<number> {
	const config = readTownConfig(requireTownRoot(context.env));
	const agents = listAgents(config);
	const defaultName = defaultAgentName(config);
	if (flagBool(context, 'json')) {
		context.out.json(agents.map(agent => agentJson(agent, defaultName)));
		return 0;
	}
	for (const row of agentRows(agents, defaultName)) context.out.line(row);
	context.out.line();
	context.out.line(`Default: ${defaultName}`);
	return 0;
}
