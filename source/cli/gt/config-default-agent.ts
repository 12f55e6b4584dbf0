// `gt config default-agent [name]`: print the agent roles use when nothing else is
// chosen, or set it to a known agent.
import {defaultAgentName, resolveAgent} from '../../core/agents/registry.js';
import {readTownConfig, updateTownConfig} from '../../core/town/town-config.js';
import {validateName} from '../../core/base/names.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const name = context.args[0];
	if (name !== undefined) validateName('agent', name);
	const root = requireTownRoot(context.env);
	if (name === undefined) {
		context.out.line(defaultAgentName(readTownConfig(root)));
		return 0;
	}
	await updateTownConfig(root, config => {
		resolveAgent(config, name);
		config.default_agent = name;
	});
	context.out.line(`Default agent: ${name}`);
	return 0;
}
