// `gt config agent remove <name>`: drop an agent added in town.toml. Removing an
// override brings the built-in preset back; built-ins themselves cannot go.
import {findPreset} from '../../core/agents/presets.js';
import {agentRoles, knownAgentNames} from '../../core/agents/registry.js';
import {updateTownConfig} from '../../core/town/town-config.js';
import {conflict, notFound} from '../../core/base/errors.js';
import {validateName} from '../../core/base/names.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const name = validateName('agent', context.args[0]!);
	const builtIn = findPreset(name) !== undefined;
	const root = requireTownRoot(context.env);

	await updateTownConfig(root, config => {
		const agents = config.agents && typeof config.agents === 'object' ? config.agents : {};
		if (!Object.hasOwn(agents, name)) {
			if (builtIn) throw conflict(`${name} is built in; nothing to remove`, 'override it with `gt config agent set` instead');
			throw notFound(`unknown agent "${name}"`, `known agents: ${knownAgentNames(config).join(', ')}`);
		}
		// A built-in name stays usable after its override goes, so only custom agents are protected.
		if (!builtIn) {
			if (config.default_agent === name) {
				throw conflict(`${name} is the default agent`, 'choose another first with `gt config default-agent <name>`');
			}
			const roles = config.roles && typeof config.roles === 'object' ? config.roles : {};
			const usedBy = agentRoles.filter(role => roles[role] === name);
			if (usedBy.length > 0) {
				throw conflict(`${name} is used by ${usedBy.map(role => `roles.${role}`).join(', ')}`, `point ${usedBy.length > 1 ? 'them' : 'it'} elsewhere first with \`gt config set roles.<role> <agent>\``);
			}
		}
		delete agents[name];
		if (Object.keys(agents).length === 0) delete config.agents;
	});

	context.out.line(builtIn ? `Removed your override of ${name}; the built-in preset applies again` : `Removed agent ${name}`);
	return 0;
}
