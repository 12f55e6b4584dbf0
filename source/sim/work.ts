// What a role's script sees of the sim while it works: the conversation to write to,
// a clock that steps at the configured speed, and commands run as visible tool calls.
// Roles are plain async functions over this interface, so they read like a transcript.
import type {Program, ToolResult} from './commands.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type RunShown = {
	readonly cwd?: string;
	/** Ask for permission first (in ask mode): what the command is for. */
	readonly ask?: string;
	/** Show the output lines (default true). */
	readonly showOutput?: boolean;
};

export type Work = {
	readonly cwd: string;
	readonly env: Env;
	readonly signal: AbortSignal;
	/** An assistant message: "● text". */
	say(text: string): void;
	/** A line under the last entry: "⎿ text". */
	note(text: string, error?: boolean): void;
	/** What the spinner says ("Editing src/calc.js"). */
	status(verb: string): void;
	/** Waits `count` steps at the sim's speed; throws `Interrupted` once Escape was pressed. */
	step(count?: number): Promise<void>;
	/** A file tool call (Read, Write, Update) with its one-line result. */
	tool(name: string, detail: string, result: string, error?: boolean): void;
	/** Runs a program as a shown Bash tool call; the output appears under it. */
	run(program: Program, args: readonly string[], options?: RunShown): Promise<ToolResult>;
};

export type Role = {
	readonly name: string;
	/** At session start or resume, before any prompt. */
	start?(work: Work, resumed: boolean): Promise<void>;
	/** The prompt the agent was launched with; default: like a typed one. */
	firstPrompt?(work: Work, text: string): Promise<void>;
	/** A prompt typed into the agent (by a person, a nudge or gt). */
	prompt(work: Work, text: string): Promise<void>;
};

/** Escape (or Ctrl-C) stopped the work. */
export class Interrupted extends Error {
	constructor() {
		super('interrupted');
		this.name = 'Interrupted';
	}
}

/** The person answered "No" to a permission prompt. */
export class Declined extends Error {
	constructor(readonly command: string) {
		super(`declined: ${command}`);
		this.name = 'Declined';
	}
}

/** The first lines of a command's output, for a short result under the tool call. */
export function outputOf(result: ToolResult): string {
	const text = [result.stdout.trimEnd(), result.stderr.trimEnd()].filter(Boolean).join('\n');
	return text || (result.code === 0 ? '(no output)' : `exit code ${result.code}`);
}
