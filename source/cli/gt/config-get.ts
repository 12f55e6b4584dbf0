// `gt config get <key>`: one value by dotted key, defaults filled in (so
// `roles.mayor` prints the agent the Mayor would run even when it is not set).
import {agentForRole, agentJson, agentRoles, defaultAgentName, isAgentRole, listAgents, resolveAgent} from '../../core/agents/registry.js';
import {parseConfigKey, readTownConfig, unknownConfigKey, type TownConfig} from '../../core/town/town-config.js';
import {notFound, usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {isPatrolKey, patrolKeys, patrolSettings} from '../../core/patrols/settings.js';
import {flagBool, type CommandContext} from '../spec.js';
import {agentDetail} from './config-agent-get.js';
import {agentRows} from './config-agent-list.js';

/** The value, and for whole agents the lines `gt config agent list|get` would print. */
type Found = {value: unknown; lines?: string[]};

const notSet = (key: string) => notFound(`${key} is not set`, 'set it with `gt config set <key> <value>`');

function lookup(config: TownConfig, key: string): Found {
	const parsed = parseConfigKey(key);
	switch (parsed.kind) {
		case 'name':
		case 'owner':
		case 'created_at': {
			const value = config[parsed.kind];
			if (value === undefined || value === '') throw notSet(key);
			return {value};
		}
		case 'default_agent':
			return {value: defaultAgentName(config)};
		case 'roles':
			return {value: Object.fromEntries(agentRoles.map(role => [role, agentForRole(config, role).name]))};
		case 'role':
			if (!isAgentRole(parsed.role)) throw usageError(`unknown role "${parsed.role}"`, `roles are ${agentRoles.join(', ')}`);
			return {value: agentForRole(config, parsed.role).name};
		case 'agents': {
			const agents = listAgents(config);
			const defaultName = defaultAgentName(config);
			return {value: Object.fromEntries(agents.map(agent => [agent.name, agentJson(agent, defaultName)])), lines: agentRows(agents, defaultName)};
		}
		case 'agent': {
			const agent = resolveAgent(config, parsed.agent);
			const defaultName = defaultAgentName(config);
			return {value: agentJson(agent, defaultName), lines: agentDetail(agent, defaultName)};
		}
		case 'agent-field': {
			const agent = resolveAgent(config, parsed.agent);
			if (parsed.field === 'command') return {value: agent.command};
			if (parsed.field === 'args') return {value: [...agent.args]};
			if (parsed.field === 'env') return {value: {...agent.env}};
			if (agent.runtime === undefined) throw notFound(`${key} is not set and the program is not one gt recognises`, `set it with \`gt config set ${key} <preset>\``);
			return {value: agent.runtime};
		}
		case 'agent-env': {
			const value = resolveAgent(config, parsed.agent).env[parsed.variable];
			if (value === undefined) throw notSet(key);
			return {value};
		}
		case 'patrol': {
			if (!isPatrolKey(parsed.section, parsed.field)) throw usageError(`unknown config key "${key}"`, `patrol keys: ${patrolKeys.join(', ')}`);
			// The value in effect: the default when town.toml does not set it.
			return {value: (patrolSettings(config)[parsed.section] as Record<string, unknown>)[parsed.field]};
		}
		case 'other': {
			// Keys other tools keep in town.toml can be read, just not set.
			let value: unknown = config;
			for (const segment of parsed.segments) {
				value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
			}
			if (value === undefined) throw unknownConfigKey(key);
			return {value};
		}
	}
}

function isFlatTable(value: unknown): value is Record<string, string | number | boolean> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(item => typeof item !== 'object');
}

/** Scalars as they are, flat tables as aligned `key  value` lines, anything else as one line of JSON. */
function humanLines(value: unknown): string[] {
	if (typeof value !== 'object' || value === null) return [String(value)];
	if (isFlatTable(value)) {
		const width = Math.max(0, ...Object.keys(value).map(key => key.length));
		return Object.entries(value).map(([key, item]) => `${key.padEnd(width)}  ${String(item)}`);
	}
	return [JSON.stringify(value)];
}

export async function run(context: CommandContext): Promise<number> {
	const config = readTownConfig(requireTownRoot(context.env));
	const {value, lines} = lookup(config, context.args[0]!);
	if (flagBool(context, 'json')) context.out.json(value);
	else for (const line of lines ?? humanLines(value)) context.out.line(line);
	return 0;
}
