// Claude Code style hooks for the sim: read the settings file it is launched with
// (`--settings <file>`) and run the configured commands at the same moments Claude
// would, the same way: `/bin/sh -c <command>` with the event as JSON on stdin.
// Hook commands are the one place the sim runs a shell: they are command lines the
// user (or gt's launcher) configured, exactly as Claude Code runs them.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';

export const hookEvents = ['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification', 'PreCompact'] as const;
export type HookEvent = (typeof hookEvents)[number];

export type HookCommand = {readonly command: string; readonly timeoutSeconds?: number};
export type HookGroup = {readonly matcher: string; readonly hooks: readonly HookCommand[]};
export type HookSettings = Readonly<Partial<Record<HookEvent, readonly HookGroup[]>>>;

export type HookOutcome = {
	readonly event: HookEvent;
	readonly command: string;
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	/** Text the hook adds to the conversation (SessionStart, UserPromptSubmit). */
	readonly context?: string;
	/** The hook refused the prompt (exit code 2, or `{"decision":"block"}`). */
	readonly blocked?: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The hooks in a parsed settings object; unknown events and non-command hooks are skipped. */
export function parseHookSettings(settings: unknown): HookSettings {
	const hooks = isRecord(settings) && isRecord(settings.hooks) ? settings.hooks : {};
	const result: Partial<Record<HookEvent, HookGroup[]>> = {};
	for (const event of hookEvents) {
		const groups = hooks[event];
		if (!Array.isArray(groups)) continue;
		result[event] = groups.filter(isRecord).map(group => ({
			matcher: typeof group.matcher === 'string' ? group.matcher : '',
			hooks: (Array.isArray(group.hooks) ? group.hooks : [])
				.filter(isRecord)
				.filter(hook => (hook.type === undefined || hook.type === 'command') && typeof hook.command === 'string')
				.map(hook => ({command: hook.command as string, ...(typeof hook.timeout === 'number' ? {timeoutSeconds: hook.timeout} : {})})),
		}));
	}
	return result;
}

export function readHookSettings(file: string): HookSettings {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new Error(`cannot read settings ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	try {
		return parseHookSettings(JSON.parse(text));
	} catch (error) {
		throw new Error(`settings ${file} is not valid JSON: ${(error as Error).message}`);
	}
}

/** Claude matches tool names, session sources etc. by exact name or regular expression; empty or "*" matches all. */
export function matcherMatches(matcher: string, value: string | undefined): boolean {
	if (matcher === '' || matcher === '*' || value === undefined) return true;
	try {
		return new RegExp(`^(?:${matcher})$`).test(value);
	} catch {
		return matcher === value;
	}
}

export function hasHooks(settings: HookSettings, event: HookEvent): boolean {
	return (settings[event] ?? []).some(group => group.hooks.length > 0);
}

type RunHookOptions = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** What the group matchers are compared with: the session source, notification type, compaction trigger. */
	readonly matchValue?: string;
	readonly signal?: AbortSignal;
};

function runOne(command: HookCommand, input: string, options: RunHookOptions): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn('/bin/sh', ['-c', command.command], {
			cwd: options.cwd,
			env: {...options.env, CLAUDE_PROJECT_DIR: options.cwd} as NodeJS.ProcessEnv,
			stdio: ['pipe', 'pipe', 'pipe'],
			signal: options.signal,
			timeout: (command.timeoutSeconds ?? 60) * 1000,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.stdin.on('error', () => {
			// A hook that does not read its input closes the pipe early; that is fine.
		});
		child.stdin.end(input);
		child.on('error', error => resolve({code: 127, stdout, stderr: stderr || error.message}));
		child.on('close', (code, signal) => resolve({code: code ?? (signal ? 128 : 1), stdout, stderr}));
	});
}

/** What a successful hook printed means: JSON with Claude's fields, or plain text as context. */
function interpret(event: HookEvent, stdout: string): {context?: string; blocked?: string} {
	const trimmed = stdout.trim();
	if (trimmed.startsWith('{')) {
		try {
			const output: unknown = JSON.parse(trimmed);
			if (isRecord(output)) {
				if (output.decision === 'block') return {blocked: typeof output.reason === 'string' ? output.reason : 'blocked by hook'};
				const specific = isRecord(output.hookSpecificOutput) ? output.hookSpecificOutput : {};
				const context = typeof specific.additionalContext === 'string' ? specific.additionalContext : undefined;
				return context ? {context} : {};
			}
		} catch {
			// Not JSON after all: plain text.
		}
	}
	return (event === 'SessionStart' || event === 'UserPromptSubmit') && trimmed ? {context: trimmed} : {};
}

/** Runs every hook configured for `event` in order, each with the event as JSON on stdin. */
export async function runHooks(settings: HookSettings, event: HookEvent, payload: Readonly<Record<string, unknown>>, options: RunHookOptions): Promise<HookOutcome[]> {
	const commands = (settings[event] ?? []).filter(group => matcherMatches(group.matcher, options.matchValue)).flatMap(group => group.hooks);
	const input = JSON.stringify({...payload, cwd: options.cwd, hook_event_name: event});
	const outcomes: HookOutcome[] = [];
	for (const command of commands) {
		const {code, stdout, stderr} = await runOne(command, input, options);
		const meaning = code === 0 ? interpret(event, stdout) : code === 2 ? {blocked: stderr.trim() || 'blocked by hook'} : {};
		outcomes.push({event, command: command.command, code, stdout, stderr, ...meaning});
	}
	return outcomes;
}
