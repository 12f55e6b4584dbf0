// Which agents exist and what running one means: the built-in presets merged with
// the `[agents.*]` tables of town.toml, and which agent each role uses.
import path from 'node:path';
import {failure, notFound, usageError} from '../base/errors.js';
import {findProgram} from '../base/programs.js';
import type {AgentEntry, TownConfig} from '../town/town-config.js';
import {agentPresets, findPreset, inferRuntime, presetNames, type AgentPreset, type CallbacksSpec, type PromptDelivery, type ReadySpec, type ResumeSpec} from './presets.js';

export type AgentSource = 'built-in' | 'custom' | 'override';

/** Everything needed to start an agent. */
export type ResolvedAgent = {
	readonly name: string;
	readonly source: AgentSource;
	readonly description: string;
	/** The preset it behaves like; undefined for a program gt does not recognise. */
	readonly runtime: string | undefined;
	/** Whether `runtime` was written in town.toml (or is the preset itself) rather than guessed from the program. */
	readonly runtimeExplicit: boolean;
	readonly command: string;
	readonly args: readonly string[];
	readonly env: Readonly<Record<string, string>>;
	readonly prompt: PromptDelivery;
	readonly resume: ResumeSpec | undefined;
	readonly processNames: readonly string[];
	readonly instructionsFile: string;
	readonly callbacks: CallbacksSpec;
	readonly ready: ReadySpec;
	readonly bundled: boolean;
};

/** The roles an agent can be chosen for (`roles.<role>` in town.toml). */
export const agentRoles = ['mayor', 'deacon', 'witness', 'refinery', 'polecat', 'crew'] as const;
export type AgentRole = (typeof agentRoles)[number];

export const builtInDefaultAgent = 'claude';

const fixHint = (name: string) => `fix [agents.${name}] in town.toml, or run \`gt config agent set ${name} "<command line>"\``;

function isTable(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `[agents.*]` entries of town.toml, checked for shape (the file may be hand-edited). */
export function userAgents(config: TownConfig): Record<string, AgentEntry> {
	const agents: unknown = config.agents;
	if (agents === undefined) return {};
	if (!isTable(agents)) throw failure('town.toml: "agents" must be a table of [agents.<name>] sections', 'fix town.toml by hand');
	const entries: Record<string, AgentEntry> = {};
	for (const [name, entry] of Object.entries(agents)) {
		if (!isTable(entry)) throw failure(`town.toml: agents.${name} must be a table`, fixHint(name));
		const {command, args, runtime, env} = entry;
		if (typeof command !== 'string' || command === '') throw failure(`town.toml: [agents.${name}] has no command`, fixHint(name));
		if (args !== undefined && !(Array.isArray(args) && args.every(arg => typeof arg === 'string'))) {
			throw failure(`town.toml: agents.${name}.args must be a list of strings`, fixHint(name));
		}
		if (runtime !== undefined && typeof runtime !== 'string') throw failure(`town.toml: agents.${name}.runtime must be a string`, fixHint(name));
		if (env !== undefined && !(isTable(env) && Object.values(env).every(value => typeof value === 'string'))) {
			throw failure(`town.toml: agents.${name}.env must be a table of strings`, fixHint(name));
		}
		entries[name] = {
			command,
			...(args ? {args: args as string[]} : {}),
			...(runtime ? {runtime} : {}),
			...(env ? {env: env as Record<string, string>} : {}),
		};
	}
	return entries;
}

function fromPreset(preset: AgentPreset): ResolvedAgent {
	return {
		name: preset.name,
		source: 'built-in',
		description: preset.description,
		runtime: preset.name,
		runtimeExplicit: true,
		command: preset.command,
		args: preset.args,
		env: preset.env,
		prompt: preset.prompt,
		resume: preset.resume,
		processNames: preset.processNames,
		instructionsFile: preset.instructionsFile,
		callbacks: preset.callbacks,
		ready: preset.ready,
		bundled: preset.bundled ?? false,
	};
}

/** A user entry over the preset it behaves like; with no known runtime, the most cautious behaviour. */
function fromEntry(name: string, entry: AgentEntry): ResolvedAgent {
	const runtimeName = entry.runtime ?? inferRuntime(entry.command, entry.args);
	const preset = runtimeName === undefined ? undefined : findPreset(runtimeName);
	if (runtimeName !== undefined && !preset) {
		throw failure(`town.toml: agents.${name}.runtime "${runtimeName}" is not a known runtime (known: ${presetNames.join(', ')})`, fixHint(name));
	}
	const source: AgentSource = findPreset(name) ? 'override' : 'custom';
	const base = path.basename(entry.command);
	return {
		name,
		source,
		description: preset ? `${source === 'override' ? 'Your' : 'Custom'} ${preset.name} command` : 'Custom agent command',
		runtime: preset?.name,
		runtimeExplicit: entry.runtime !== undefined,
		command: entry.command,
		args: entry.args ?? [],
		// Preset variables stay unless the user sets them: they are invisible in the command line.
		env: {...preset?.env, ...entry.env},
		// Typing is the one way every interactive program accepts a prompt.
		prompt: preset?.prompt ?? {kind: 'typed'},
		resume: preset?.resume,
		processNames: preset ? [...new Set([base, ...preset.processNames])] : [base],
		instructionsFile: preset?.instructionsFile ?? 'AGENTS.md',
		callbacks: preset?.callbacks ?? {kind: 'none'},
		ready: preset?.ready ?? {delayMs: 5000},
		bundled: false,
	};
}

/** Every agent: built-ins in preset order (with user overrides in place), then custom ones by name. */
export function listAgents(config: TownConfig): ResolvedAgent[] {
	const user = userAgents(config);
	const builtIns = agentPresets.map(preset => (user[preset.name] ? fromEntry(preset.name, user[preset.name]!) : fromPreset(preset)));
	const custom = Object.keys(user)
		.filter(name => !findPreset(name))
		.sort()
		.map(name => fromEntry(name, user[name]!));
	return [...builtIns, ...custom];
}

export function knownAgentNames(config: TownConfig): string[] {
	return [...presetNames, ...Object.keys(userAgents(config)).filter(name => !findPreset(name)).sort()];
}

function unknownAgent(config: TownConfig, name: string, where?: string) {
	return notFound(`${where ? `${where} names ` : ''}unknown agent "${name}"`, `known agents: ${knownAgentNames(config).join(', ')} (add one with \`gt config agent set\`)`);
}

export function isKnownAgent(config: TownConfig, name: string): boolean {
	return findPreset(name) !== undefined || Object.hasOwn(userAgents(config), name);
}

/** The agent called `name`, or a not-found error listing the known names. */
export function resolveAgent(config: TownConfig, name: string, where?: string): ResolvedAgent {
	const user = userAgents(config);
	if (Object.hasOwn(user, name)) return fromEntry(name, user[name]!);
	const preset = findPreset(name);
	if (preset) return fromPreset(preset);
	throw unknownAgent(config, name, where);
}

export function defaultAgentName(config: TownConfig): string {
	const value = config.default_agent;
	return typeof value === 'string' && value !== '' ? value : builtInDefaultAgent;
}

export function isAgentRole(role: string): role is AgentRole {
	return (agentRoles as readonly string[]).includes(role);
}

export type ChosenAgent = ResolvedAgent & {
	/** Why this agent: `--agent`, `roles.<role>` in town.toml, or the default. */
	readonly chosenBy: 'flag' | 'role' | 'default';
};

function roleAgentName(config: TownConfig, role: string): string | undefined {
	const roles: unknown = config.roles;
	if (!isTable(roles)) return undefined;
	const value = roles[role];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The agent a role runs: an explicit `--agent`, then `roles.<role>`, then the default agent. */
export function agentForRole(config: TownConfig, role: string, explicit?: string): ChosenAgent {
	if (!isAgentRole(role)) throw usageError(`unknown role "${role}"`, `roles are ${agentRoles.join(', ')}`);
	if (explicit !== undefined && explicit !== '') return {...resolveAgent(config, explicit, '--agent'), chosenBy: 'flag'};
	const fromRole = roleAgentName(config, role);
	if (fromRole !== undefined) return {...resolveAgent(config, fromRole, `roles.${role} in town.toml`), chosenBy: 'role'};
	const fallback = defaultAgentName(config);
	return {...resolveAgent(config, fallback, config.default_agent ? 'default_agent in town.toml' : undefined), chosenBy: 'default'};
}

/** Whether the agent's program can be started with `vars` (its own PATH first); the bundled sim always can. */
export function isInstalled(agent: ResolvedAgent, vars: Readonly<Record<string, string | undefined>>): boolean {
	return agent.bundled || findProgram(agent.command, agent.env.PATH ?? vars.PATH) !== undefined;
}

/** Refuses an agent whose program is not installed, in the words the daemon would use, before anything is changed. */
export function requireInstalled(agent: ResolvedAgent, vars: Readonly<Record<string, string | undefined>>): void {
	if (!isInstalled(agent, vars)) throw notFound(`agent "${agent.name}" runs ${agent.command}, which is not installed (not found on PATH)`, 'install it, or pick another agent with --agent (gt config agent list)');
}

/** Stable JSON for `--json` output (snake_case like town.toml). */
export function agentJson(agent: ResolvedAgent, defaultName?: string) {
	return {
		name: agent.name,
		source: agent.source,
		default: agent.name === defaultName,
		description: agent.description,
		runtime: agent.runtime ?? null,
		command: agent.command,
		args: [...agent.args],
		env: {...agent.env},
		prompt: agent.prompt,
		resume: agent.resume
			? {style: agent.resume.style, assign_id: agent.resume.assignId ?? null, by_id: agent.resume.byId ?? null, latest: agent.resume.latest ?? null}
			: null,
		process_names: [...agent.processNames],
		instructions_file: agent.instructionsFile,
		callbacks: agent.callbacks,
		bundled: agent.bundled,
	};
}
