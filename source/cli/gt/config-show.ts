// `gt config show`: the town configuration with every default filled in.
import {agentForRole, agentJson, agentRoles, defaultAgentName, isKnownAgent, listAgents} from '../../core/agents/registry.js';
import {isGtError} from '../../core/base/errors.js';
import {readTownConfig, type TownConfig} from '../../core/town/town-config.js';
import {townLayout, requireTownRoot} from '../../core/base/paths.js';
import {patrolSections, patrolSettings, patrolDefaults} from '../../core/patrols/settings.js';
import {flagBool, type CommandContext} from '../spec.js';
import {agentRows} from './config-agent-list.js';

const unknownMark = '  ← unknown agent';

/** A role's agent without failing on a dangling name: show is where one goes to find it. */
function roleChoice(config: TownConfig, role: string): {name: string; fromRole: boolean; known: boolean} {
	try {
		const agent = agentForRole(config, role);
		return {name: agent.name, fromRole: agent.chosenBy === 'role', known: true};
	} catch (error) {
		if (!isGtError(error) || error.kind !== 'notFound') throw error;
		const named = config.roles?.[role];
		return typeof named === 'string' && named !== '' ? {name: named, fromRole: true, known: false} : {name: defaultAgentName(config), fromRole: false, known: false};
	}
}

export async function run(context: CommandContext): Promise<number> {
	const root = requireTownRoot(context.env);
	const config = readTownConfig(root);
	const agents = listAgents(config);
	const defaultName = defaultAgentName(config);
	const roles = agentRoles.map(role => ({role, ...roleChoice(config, role)}));
	const owner = typeof config.owner === 'string' && config.owner !== '' ? config.owner : undefined;
	const created = typeof config.created_at === 'string' ? config.created_at : undefined;
	const patrols = patrolSettings(config);

	if (flagBool(context, 'json')) {
		context.out.json({
			root,
			config_file: townLayout(root).config,
			name: config.name,
			owner: owner ?? null,
			created_at: created ?? null,
			default_agent: defaultName,
			roles: Object.fromEntries(roles.map(({role, name}) => [role, name])),
			agents: agents.map(agent => agentJson(agent, defaultName)),
		});
		return 0;
	}

	const facts: Array<[string, string]> = [
		['Town', config.name || '(unnamed)'],
		['Root', root],
		['Owner', owner ?? '(not set)'],
		...(created ? [['Created', created] as [string, string]] : []),
		['Default agent', `${defaultName}${config.default_agent ? '' : ' (built-in default)'}${isKnownAgent(config, defaultName) ? '' : unknownMark}`],
	];
	const width = Math.max(...facts.map(([label]) => label.length)) + 1;
	for (const [label, value] of facts) context.out.line(`${`${label}:`.padEnd(width)}  ${value}`);

	context.out.line();
	context.out.line('Roles:');
	const roleWidth = Math.max(...agentRoles.map(role => role.length));
	for (const {role, name, fromRole, known} of roles) {
		context.out.line(`  ${role.padEnd(roleWidth)}  ${name}${fromRole ? '' : '  (default)'}${known ? '' : unknownMark}`);
	}

	if (!isKnownAgent(config, defaultName) || roles.some(({known}) => !known)) {
		context.out.line('  (point unknown agents elsewhere with `gt config set default_agent|roles.<role> <agent>`)');
	}

	context.out.line();
	context.out.line('Agents:');
	for (const row of agentRows(agents, defaultName)) context.out.line(`  ${row}`);

	// Patrol settings in effect (rig.toml [witness] may override the witness per rig).
	context.out.line();
	context.out.line('Patrols:');
	for (const section of patrolSections) {
		const values = patrols[section] as Record<string, number | boolean>;
		const defaults = patrolDefaults[section] as Record<string, number | boolean>;
		const text = Object.entries(values).map(([key, value]) => `${key} = ${String(value)}${value === defaults[key] ? '' : ' *'}`).join(', ');
		context.out.line(`  [${section}]  ${text}`);
	}
	context.out.line('  (* set in town.toml; change with `gt config set witness.stall_after 120` etc.)');
	return 0;
}
