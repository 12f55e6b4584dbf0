// Setting one town.toml value by dotted key (`gt config set`, and the UI and dashboard's
// configuration): the one place that knows which keys exist and how each is checked.
// Only keys gt understands can be set, and values naming agents or runtimes are
// checked before anything is written. An empty value unsets an optional key.
import {parse as parseToml} from 'smol-toml';
import {splitCommandLine} from '../agents/command-line.js';
import {findPreset, presetNames} from '../agents/presets.js';
import {agentRoles, isAgentRole, resolveAgent} from '../agents/registry.js';
import {parseConfigKey, unknownConfigKey, updateTownConfig, type AgentEntry, type TownConfig} from './town-config.js';
import {usageError} from '../base/errors.js';
import {validateName} from '../base/names.js';
import {isPatrolKey, parsePatrolValue, patrolKeys} from '../patrols/settings.js';

/** Edits the config under its lock; returns the value stored, or undefined when the key was removed. */
type Change = (config: TownConfig) => unknown;

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `["a", "b c"]` as a TOML array, otherwise split like a command line. */
function parseArgs(raw: string): string[] {
	if (!raw.trimStart().startsWith('[')) return splitCommandLine(raw);
	let parsed: unknown;
	try {
		parsed = parseToml(`value = ${raw}`).value;
	} catch {
		throw usageError(`"${raw}" is not a TOML array`, 'write ["--flag", "value"], or the arguments as you would type them');
	}
	if (!Array.isArray(parsed) || !parsed.every(item => typeof item === 'string')) {
		throw usageError('agent args must be strings', 'write ["--flag", "value"], or the arguments as you would type them');
	}
	return parsed;
}

/** The user entry for `name`, created from the built-in preset when it overrides one. */
function entryFor(config: TownConfig, name: string, creating: boolean): AgentEntry {
	validateName('agent', name);
	const agents = (config.agents ??= {});
	if (typeof agents !== 'object' || Array.isArray(agents)) throw usageError('town.toml: "agents" is not a table', 'fix town.toml by hand');
	const existing = agents[name];
	if (existing) return existing;
	const preset = findPreset(name);
	if (preset) {
		// Start from the preset so that changing one field keeps the others.
		return (agents[name] = {command: preset.command, ...(preset.args.length > 0 ? {args: [...preset.args]} : {}), runtime: preset.name});
	}
	if (!creating) {
		throw usageError(`agent "${name}" does not exist yet`, `set agents.${name}.command first, or use \`gt config agent set ${name} "<command line>"\``);
	}
	return (agents[name] = {command: ''});
}

function changeFor(key: string, raw: string): Change {
	const parsed = parseConfigKey(key);
	switch (parsed.kind) {
		case 'name':
			return config => (config.name = validateName('town', raw));
		case 'owner':
			return config => {
				if (raw === '') delete config.owner;
				else config.owner = raw;
				return config.owner;
			};
		case 'created_at':
			throw usageError('created_at is written by gt install', 'it cannot be changed');
		case 'default_agent':
			return config => {
				if (raw === '') {
					delete config.default_agent;
					return undefined;
				}
				resolveAgent(config, raw);
				return (config.default_agent = raw);
			};
		case 'roles':
			throw usageError('set one role at a time', `use roles.<role>, roles are ${agentRoles.join(', ')}`);
		case 'role': {
			const {role} = parsed;
			if (!isAgentRole(role)) throw usageError(`unknown role "${role}"`, `roles are ${agentRoles.join(', ')}`);
			return config => {
				const roles = (config.roles ??= {});
				if (raw === '') {
					delete roles[role];
					if (Object.keys(roles).length === 0) delete config.roles;
					return undefined;
				}
				resolveAgent(config, raw);
				return (roles[role] = raw);
			};
		}
		case 'agents':
		case 'agent':
			throw usageError(`${key} is a table`, 'use `gt config agent set <name> "<command line>"`, or set one field: agents.<name>.command');
		case 'agent-field': {
			const {agent, field} = parsed;
			if (field === 'env') throw usageError(`${key} is a table`, `set one variable: ${key}.<VAR>`);
			if (field === 'command') {
				if (raw === '') throw usageError('the command cannot be empty', `remove the agent with \`gt config agent remove ${agent}\``);
				return config => (entryFor(config, agent, true).command = raw);
			}
			if (field === 'args') {
				const args = parseArgs(raw);
				return config => (entryFor(config, agent, false).args = args);
			}
			if (raw !== '' && !findPreset(raw)) throw usageError(`unknown runtime "${raw}"`, `runtimes: ${presetNames.join(', ')}`);
			return config => {
				const entry = entryFor(config, agent, false);
				if (raw === '') delete entry.runtime;
				else entry.runtime = raw;
				return entry.runtime;
			};
		}
		case 'agent-env': {
			const {agent, variable} = parsed;
			if (!envName.test(variable)) throw usageError(`"${variable}" is not an environment variable name`, 'use letters, digits and "_", not starting with a digit');
			return config => {
				const entry = entryFor(config, agent, false);
				return ((entry.env ??= {})[variable] = raw);
			};
		}
		case 'patrol': {
			const {section, field} = parsed;
			if (!isPatrolKey(section, field)) throw usageError(`unknown config key "${key}"`, `patrol keys: ${patrolKeys.join(', ')}`);
			const value = raw === '' ? undefined : parsePatrolValue(section, field, raw);
			return config => {
				const table = config[section];
				if (table !== undefined && (typeof table !== 'object' || table === null || Array.isArray(table))) throw usageError(`town.toml: "${section}" is not a table`, 'fix town.toml by hand');
				const entries = (config[section] ??= {}) as Record<string, unknown>;
				if (value === undefined) {
					delete entries[field];
					if (Object.keys(entries).length === 0) delete config[section];
					return undefined;
				}
				return (entries[field] = value);
			};
		}
		case 'other':
			throw unknownConfigKey(key);
	}
}

/**
 * Sets `key` to `raw` under the config's lock; an empty value unsets an optional key.
 * Returns what was stored, or undefined when the key was removed. Checked before
 * anything is written: a bad key or value leaves town.toml as it was.
 */
export async function setConfigValue(townRoot: string, key: string, raw: string): Promise<unknown> {
	return updateTownConfig(townRoot, changeFor(key, raw));
}
