// town.toml: the town's name and owner, the default agent runtime, agent runtimes
// the user added, and per-role overrides. Unknown keys are kept on every write.
import {usageError} from '../base/errors.js';
import {townLayout} from '../base/paths.js';
import {readTomlFile, stringField, updateTomlFile, writeTomlFile, type TomlTable} from '../base/toml-file.js';

export type AgentEntry = {
	/** Program to run. */
	command: string;
	args?: string[];
	/** The preset it behaves like (claude, codex, sim…), inferred from the program name when absent. */
	runtime?: string;
	env?: Record<string, string>;
};

export type TownConfig = TomlTable & {
	name: string;
	owner?: string;
	created_at?: string;
	default_agent?: string;
	agents?: Record<string, AgentEntry>;
	/** Role → agent name: mayor, polecat, crew, witness, refinery, deacon. */
	roles?: Record<string, string>;
};

export const townConfigHeader = '# Gas Town configuration. Edit by hand or with `gt config`.';

export function readTownConfig(townRoot: string): TownConfig {
	const file = townLayout(townRoot).config;
	const table = readTomlFile(file);
	return {...table, name: stringField(table, 'name', '', file)} as TownConfig;
}

export function writeTownConfig(townRoot: string, config: TownConfig): void {
	writeTomlFile(townLayout(townRoot).config, config, townConfigHeader);
}

export async function updateTownConfig<T>(townRoot: string, change: (config: TownConfig) => T): Promise<T> {
	return updateTomlFile(townLayout(townRoot).config, table => change(table as TownConfig), townConfigHeader);
}

/** The keys `gt config get|set` understand, for help and error messages. */
export const townConfigKeys = [
	'name',
	'owner',
	'created_at',
	'default_agent',
	'roles.<role>',
	'agents.<name>.command',
	'agents.<name>.args',
	'agents.<name>.runtime',
	'agents.<name>.env.<VAR>',
	'witness.<setting>',
	'deacon.<setting>',
	'mayor.keep_alive',
] as const;

export const agentEntryFields = ['command', 'args', 'runtime', 'env'] as const;
export type AgentEntryField = (typeof agentEntryFields)[number];

/** A dotted config key, understood. */
export type ConfigKey =
	| {readonly kind: 'name' | 'owner' | 'created_at' | 'default_agent' | 'roles' | 'agents'}
	| {readonly kind: 'role'; readonly role: string}
	| {readonly kind: 'agent'; readonly agent: string}
	| {readonly kind: 'agent-field'; readonly agent: string; readonly field: AgentEntryField}
	| {readonly kind: 'agent-env'; readonly agent: string; readonly variable: string}
	/** A patrol setting (core/patrols/settings.ts checks the field). */
	| {readonly kind: 'patrol'; readonly section: 'witness' | 'deacon' | 'mayor'; readonly field: string}
	/** A top-level key gt does not know (readable when present in the file, never settable). */
	| {readonly kind: 'other'; readonly segments: readonly string[]};

const usage = (message: string) => usageError(message, `known keys: ${townConfigKeys.join(', ')}`);

/** `agents."my.agent".command` → ['agents', 'my.agent', 'command']: segments split on dots, TOML-style quotes allowed. */
export function splitConfigKey(key: string): string[] {
	const segments: string[] = [];
	let current = '';
	let quoted = false;
	for (let index = 0; index < key.length; index++) {
		const ch = key[index]!;
		if (ch === '"' && current === '' && !quoted) {
			const close = key.indexOf('"', index + 1);
			if (close < 0) throw usage(`config key "${key}" has an unterminated quote`);
			current = key.slice(index + 1, close);
			quoted = true;
			index = close;
			if (index + 1 < key.length && key[index + 1] !== '.') throw usage(`config key "${key}": expected "." after a quoted part`);
		} else if (ch === '.') {
			if (current === '' && !quoted) throw usage(`config key "${key}" has an empty part`);
			segments.push(current);
			current = '';
			quoted = false;
		} else {
			current += ch;
		}
	}
	if (current === '' && !quoted) throw usage(key === '' ? 'config key is empty' : `config key "${key}" has an empty part`);
	segments.push(current);
	return segments;
}

export function parseConfigKey(key: string): ConfigKey {
	const segments = splitConfigKey(key);
	const [top, ...rest] = segments;
	switch (top) {
		case 'name':
		case 'owner':
		case 'created_at':
		case 'default_agent': {
			if (rest.length > 0) throw usage(`config key "${key}": ${top} has no parts`);
			return {kind: top};
		}
		case 'roles': {
			if (rest.length === 0) return {kind: 'roles'};
			if (rest.length > 1) throw usage(`config key "${key}": use roles.<role>`);
			return {kind: 'role', role: rest[0]!};
		}
		case 'agents': {
			if (rest.length === 0) return {kind: 'agents'};
			if (rest.length === 1) return {kind: 'agent', agent: rest[0]!};
			// Agent names may contain dots, so the field is read from the end.
			if (rest.length >= 3 && rest.at(-2) === 'env') return {kind: 'agent-env', agent: rest.slice(0, -2).join('.'), variable: rest.at(-1)!};
			const field = rest.at(-1)!;
			if (!(agentEntryFields as readonly string[]).includes(field)) {
				throw usageError(`config key "${key}": agents have no field "${field}"`, `agent fields: ${agentEntryFields.join(', ')}, env.<VAR>`);
			}
			return {kind: 'agent-field', agent: rest.slice(0, -1).join('.'), field: field as AgentEntryField};
		}
		case 'witness':
		case 'deacon':
		case 'mayor': {
			if (rest.length !== 1) throw usage(`config key "${key}": use ${top}.<setting>`);
			return {kind: 'patrol', section: top, field: rest[0]!};
		}
		default:
			return {kind: 'other', segments};
	}
}

/** The error for a key gt does not know. */
export function unknownConfigKey(key: string) {
	return usage(`unknown config key "${key}"`);
}
