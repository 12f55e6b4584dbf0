// The command registry's shape. One table per binary describes every command:
// the dispatcher parses argv with it, `--help` and shell completion are generated
// from it, and the README's command reference is checked against it.
import type {Environment} from '../core/base/environment.js';

export type Program = 'gt' | 'bd';

export type FlagSpec = {
	readonly type: 'string' | 'boolean' | 'number';
	readonly description: string;
	readonly shortFlag?: string;
	readonly aliases?: readonly string[];
	readonly isMultiple?: boolean;
	readonly default?: string | boolean | number;
	readonly choices?: readonly string[];
	/** Value placeholder for help, e.g. "<rig>". */
	readonly value?: string;
	/** The original documents this flag but it means nothing here: accepted, and this reason printed (cli/ignored-flag.ts). */
	readonly ignored?: string;
	/**
	 * The original documents it, and ignoring it would do what the user asked not to (a dry run
	 * that runs, a review-only job that merges): parsed, then refused with this reason before
	 * anything happens.
	 */
	readonly refused?: string;
};

export type CommandSpec = {
	/** Words that name the command: ['rig', 'add']. */
	readonly path: readonly string[];
	/** Other word paths that run the same command: [['convoy', 'status']]. */
	readonly aliases?: ReadonlyArray<readonly string[]>;
	readonly summary: string;
	/** Positional arguments as shown in usage: '<name> <url-or-path>'. */
	readonly args?: string;
	readonly minArgs?: number;
	/** Omit for "any number". */
	readonly maxArgs?: number;
	readonly description?: string;
	readonly flags?: Readonly<Record<string, FlagSpec>>;
	readonly examples?: readonly string[];
	/** Hidden from help and completion (internal plumbing). */
	readonly hidden?: boolean;
	readonly load: () => Promise<CommandModule>;
};

export type Output = {
	/** Writes one line (or several joined lines) to stdout. */
	line(text?: string): void;
	/** Writes a value as JSON to stdout. */
	json(value: unknown): void;
	/** Writes a line to stderr (progress, warnings). */
	note(text: string): void;
	/** Whether stdout is a terminal (colour, progress bars). */
	readonly isTerminal: boolean;
};

/**
 * The other processes `gt` can become (the UI, the daemon, the dashboard). Their composition roots
 * live in source/main; main/gt.ts hands them in, so no command imports main/.
 */
export type ProcessRoots = {
	runUi(options: {townRoot: string; env: Environment}): Promise<number>;
	runDaemon(townRoot: string, env: Environment): Promise<void>;
	runDashboard(options: {townRoot: string; env: Environment; port: number; bind: string; open: boolean; line(text: string): void; note(text: string): void}): Promise<number>;
};

export type CommandContext = {
	readonly program: Program;
	/** The registry this command was found in (help and completion read it). */
	readonly registry: Registry;
	readonly processes: ProcessRoots;
	readonly spec: CommandSpec;
	readonly args: readonly string[];
	readonly flags: Readonly<Record<string, unknown>>;
	readonly env: Environment;
	readonly out: Output;
};

export type CommandModule = {
	run(context: CommandContext): Promise<number | void>;
};

export type Registry = {
	readonly program: Program;
	readonly summary: string;
	readonly commands: readonly CommandSpec[];
	/** Flags every command of this binary takes. */
	readonly globalFlags: Readonly<Record<string, FlagSpec>>;
	/** A unique prefix of a command word names it (`gt conv li`), as cobra's EnablePrefixMatching in the original gt. */
	readonly prefixMatching?: boolean;
};

/** Typed flag readers, so commands do not cast. */
export const flagString = (context: CommandContext, name: string): string | undefined => {
	const value = context.flags[name];
	return value === undefined || value === null ? undefined : String(value);
};

export const flagBool = (context: CommandContext, name: string): boolean => context.flags[name] === true;

export const flagList = (context: CommandContext, name: string): string[] => {
	const value = context.flags[name];
	if (value === undefined || value === null) return [];
	const values = Array.isArray(value) ? value.map(String) : [String(value)];
	// Comma-separated lists and repeated flags both work: -l a,b -l c.
	return values.flatMap(item => item.split(',')).map(item => item.trim()).filter(Boolean);
};

export const flagNumber = (context: CommandContext, name: string): number | undefined => {
	const value = context.flags[name];
	return value === undefined || value === null ? undefined : Number(value);
};
