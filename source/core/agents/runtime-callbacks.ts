// The files that make an agent call back into gt: `gt prime --hook` when a session
// starts or compacts, `gt signal <state>` at turn edges, `gt mail check --inject`
// before each prompt. Claude Code (and sim) get a settings file outside the worktree
// passed with --settings; Gemini CLI reads .gemini/settings.json from its worktree;
// Codex takes its hooks and `notify` per session as `-c key=value` arguments.
import {repositoryOf} from '../git/layout.js';
import {appendFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {usageError} from '../base/errors.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {assertInside} from '../base/inside.js';
import {townLayout} from '../base/paths.js';
import type {AgentRole, SessionSpec} from '../sessions/types.js';
import {quoteWord} from './command-line.js';
import type {ResolvedAgent} from './registry.js';

/** `<town>/.runtime/bin`: the `gt` and `bd` shims every agent finds first on its PATH. */
export function shimDir(townRoot: string): string {
	return path.join(townLayout(townRoot).runtime, 'bin');
}

/** The absolute `gt` shim, for hook commands that must work whatever PATH the agent has. */
export function gtShimPath(townRoot: string): string {
	return path.join(shimDir(townRoot), 'gt');
}

/** One command hook, in the shape Claude Code and Gemini CLI share. */
export type CommandHook = {type: 'command'; command: string; name?: string};
/** Hooks for one event, filtered by `matcher` ("" matches everything). */
export type HookGroup = {matcher: string; hooks: CommandHook[]};
export type HooksTable = Record<string, HookGroup[]>;

export type ClaudeSettings = {hooks: HooksTable; skipDangerousModePermissionPrompt: true};
export type GeminiSettings = {hooksConfig: {enabled: true}; hooks: HooksTable};

/** Roles that work unattended: they also read their mail when a session starts. */
export const autonomousRoles: readonly AgentRole[] = ['polecat', 'witness', 'refinery', 'deacon'];

export const isAutonomous = (role: AgentRole) => autonomousRoles.includes(role);

/**
 * Both CLIs treat a hook's exit code 2 as "block" (a Stop hook that blocks keeps the
 * agent going, a UserPromptSubmit hook that blocks drops the prompt), and gt exits 2
 * on usage errors. A callback must never steer the agent, so its status is dropped.
 */
const safe = (command: string) => `${command} || true`;

function commands(townRoot: string) {
	const gt = quoteWord(gtShimPath(townRoot));
	return {
		prime: `${gt} prime --hook`,
		mail: `${gt} mail check --inject`,
		signal: (state: 'working' | 'idle' | 'waiting', detail?: string) => `${gt} signal ${state}${detail ? ` --detail ${quoteWord(detail)}` : ''}`,
	};
}

const group = (matcher: string, ...hooks: CommandHook[]): HookGroup => ({matcher, hooks});
const command = (text: string, name?: string): CommandHook => ({type: 'command', command: safe(text), ...(name ? {name} : {})});

/** Claude Code's settings: `{hooks: {<Event>: [{matcher, hooks: [{type: 'command', command}]}]}}`. */
export function claudeSettings(townRoot: string, role: AgentRole): ClaudeSettings {
	const gt = commands(townRoot);
	const start = isAutonomous(role) ? `(${gt.prime} && ${gt.mail})` : gt.prime;
	return {
		hooks: {
			SessionStart: [group('', command(start))],
			PreCompact: [group('', command(gt.prime))],
			UserPromptSubmit: [group('', command(gt.signal('working')), command(gt.mail))],
			Stop: [group('', command(gt.signal('idle')))],
			// An API error ends the turn with StopFailure, not Stop (2.1.197): without it the agent reads working for a minute.
			StopFailure: [group('', command(gt.signal('idle', 'the turn ended with an API error')))],
			// Claude also notifies after 60 s at an idle prompt; that one is not "waiting".
			Notification: [group('permission_prompt|elicitation_dialog', command(gt.signal('waiting'))), group('idle_prompt', command(gt.signal('idle')))],
		},
		// The --dangerously-skip-permissions confirmation would stop every fresh agent.
		skipDangerousModePermissionPrompt: true,
	};
}

/** Gemini CLI's settings: the same table shape, its own event names. */
export function geminiSettings(townRoot: string, role: AgentRole): GeminiSettings {
	const gt = commands(townRoot);
	const start = isAutonomous(role) ? `(${gt.prime} && ${gt.mail})` : gt.prime;
	return {
		hooksConfig: {enabled: true},
		hooks: {
			SessionStart: [group('', command(start, 'gt-prime'))],
			PreCompress: [group('', command(gt.prime, 'gt-prime'))],
			BeforeAgent: [group('', command(gt.signal('working'), 'gt-signal-working'), command(gt.mail, 'gt-mail'))],
			AfterAgent: [group('', command(gt.signal('idle'), 'gt-signal-idle'))],
			Notification: [group('', command(gt.signal('waiting'), 'gt-signal-waiting'))],
		},
	};
}

/** A TOML basic string: JSON's escapes are TOML's for everything a command line holds. */
const tomlString = (text: string) => JSON.stringify(text);

/**
 * Codex's hooks (0.171: Claude's table shape under `hooks.<Event>` in config.toml) and its
 * `notify` program, as `-c` overrides for this session only; the user's config.toml stays
 * theirs. --dangerously-bypass-hook-trust: otherwise codex stops on a hooks-review screen
 * before every new set of hooks (ours change per town), waiting for a human.
 */
export function codexCallbackArgs(townRoot: string, role: AgentRole): string[] {
	const gt = commands(townRoot);
	const start = isAutonomous(role) ? `(${gt.prime} && ${gt.mail})` : gt.prime;
	const events: Record<string, string[]> = {
		SessionStart: [start],
		PreCompact: [gt.prime],
		UserPromptSubmit: [gt.signal('working'), gt.mail],
		Stop: [gt.signal('idle')],
		PermissionRequest: [gt.signal('waiting')],
	};
	const args = ['--dangerously-bypass-hook-trust'];
	for (const [event, list] of Object.entries(events)) {
		const hooks = list.map(text => `{type="command",command=${tomlString(safe(text))}}`).join(',');
		args.push('-c', `hooks.${event}=[{hooks=[${hooks}]}]`);
	}
	// notify runs a program with the event as a JSON argument; sh drops it ($1) and signals the turn's end.
	const notify = ['sh', '-c', safe(gt.signal('idle', 'codex: turn complete')), 'gt-notify'];
	args.push('-c', `notify=[${notify.map(tomlString).join(',')}]`);
	return args;
}

/** `<town>/.runtime/agents/<session>/`: per-session files that must stay out of every worktree. */
export function agentRuntimeDir(townRoot: string, sessionId: string): string {
	if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(sessionId) || sessionId.includes('..')) {
		throw usageError(`invalid session id "${sessionId}"`, 'session ids are agent addresses with "/" as "."');
	}
	return path.join(townLayout(townRoot).runtime, 'agents', sessionId);
}

export function claudeSettingsPath(townRoot: string, sessionId: string): string {
	return path.join(agentRuntimeDir(townRoot, sessionId), 'settings.json');
}

type GitEnv = Readonly<Record<string, string | undefined>>;

/**
 * Adds `file` (absolute, inside a worktree) to the repository's info/exclude so git
 * never shows it. For a linked worktree that is the common dir's exclude file.
 * Outside a repository nothing is done. Read from git's own files (git/layout.ts),
 * not by running git: the daemon calls this while it builds a launch.
 */
export function excludeFromGit(file: string): boolean {
	const repository = repositoryOf(path.dirname(file));
	if (!repository) return false;
	const exclude = path.join(repository.commonDir, 'info', 'exclude');
	const pattern = `/${path.relative(repository.top, file).split(path.sep).join('/')}`;
	const current = existsSync(exclude) ? readFileSync(exclude, 'utf8') : '';
	if (current.split('\n').includes(pattern)) return true;
	mkdirSync(path.dirname(exclude), {recursive: true});
	appendFileSync(exclude, `${current === '' || current.endsWith('\n') ? '' : '\n'}${pattern}\n`);
	return true;
}

export type CallbackSettings = {
	/** Arguments that hand the settings to the agent (`--settings <file>`), if any. */
	args: string[];
	/** The file written or relied on, if any. */
	file?: string;
};

/** Writes the callback configuration `agent` needs for `spec` and returns the launch arguments for it. */
export function writeCallbackSettings(
	townRoot: string,
	spec: SessionSpec,
	agent: ResolvedAgent,
	options: {baseEnv?: GitEnv} = {},
): CallbackSettings {
	const hooks = agent.callbacks;
	if (hooks.kind === 'settings-flag') {
		// Outside the worktree: git never sees it, and a user's own .claude/settings.json stays theirs.
		const file = assertInside(townRoot, claudeSettingsPath(townRoot, spec.id));
		mkdirSync(path.dirname(file), {recursive: true});
		atomicWriteFileSync(file, `${JSON.stringify(claudeSettings(townRoot, spec.role), null, '\t')}\n`);
		return {args: [hooks.flag, file], file};
	}
	if (hooks.kind === 'settings-file') {
		// A project may commit `.gemini` as a symlink: never write through one out of the worktree.
		const file = assertInside(spec.cwd, path.join(spec.cwd, hooks.file));
		// A project's own settings file wins: it may be tracked, and it is not ours to replace.
		if (!existsSync(file)) {
			mkdirSync(path.dirname(file), {recursive: true});
			atomicWriteFileSync(file, `${JSON.stringify(geminiSettings(townRoot, spec.role), null, '\t')}\n`);
			excludeFromGit(file);
		}
		return {args: [], file};
	}
	if (hooks.kind === 'config-args') return {args: codexCallbackArgs(townRoot, spec.role)};
	return {args: []};
}
