// town.toml: the town's name and owner, the default agent runtime, agent runtimes
// the user added, and per-role overrides. Unknown keys are kept on every write.
import {townLayout} from '../paths.js';
import {readTomlFile, updateTomlFile, writeTomlFile, type TomlTable} from './toml-file.js';

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
	const table = readTomlFile(townLayout(townRoot).config);
	return {...table, name: String(table.name ?? '')} as TownConfig;
}

export function writeTownConfig(townRoot: string, config: TownConfig): void {
	writeTomlFile(townLayout(townRoot).config, config, townConfigHeader);
}

export async function updateTownConfig<T>(townRoot: string, change: (config: TownConfig) => T): Promise<T> {
	return updateTomlFile(townLayout(townRoot).config, table => change(table as TownConfig), townConfigHeader);
}
