// What the daemon runs for one session: program, argv, environment and working
// directory, built from the session spec and the agent's preset (or the user's
// agent entry). No shell is involved: the pty spawns `file` with `args` as given.
import {chmodSync, existsSync, mkdirSync, readFileSync, realpathSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {readTownConfig} from '../town/town-config.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import type {Launch, SessionSpec} from '../sessions/types.js';
import {repositorySelectors} from '../git/environment.js';
import {quoteWord} from './command-line.js';
import {shimDir, writeCallbackSettings} from './runtime-callbacks.js';
import {refuseKnownFailures} from './preflight.js';
import {resolveAgent, type ResolvedAgent} from './registry.js';

export {gtShimPath, shimDir} from './runtime-callbacks.js';

export type LaunchOptions = {
	/** Resume the agent's conversation (a restart) instead of starting a fresh one. */
	resume: boolean;
	/** The `gt` entry script (dist/gt.js); defaults to the running script. */
	gtEntry?: string;
	/** The environment the agent's own is built from; defaults to process.env. */
	baseEnv?: Readonly<Record<string, string | undefined>>;
	/** The user the agent runs as (tests); defaults to the daemon's. */
	uid?: number;
};

function shimScript(entry: string): string {
	return `#!/bin/sh\n# Written by gt: runs this town's gt with the node that runs its daemon.\nexec ${quoteWord(process.execPath)} ${quoteWord(entry)} "$@"\n`;
}

function writeIfChanged(file: string, contents: string): void {
	let current: string | undefined;
	try {
		current = readFileSync(file, 'utf8');
	} catch {
		current = undefined;
	}
	if (current !== contents) atomicWriteFileSync(file, contents, 0o755);
	// open()'s mode passes through the umask, and an unchanged file keeps whatever mode it had.
	chmodSync(file, 0o755);
}

/**
 * Writes `<town>/.runtime/bin/gt` and `bd`, small sh scripts that exec this package's
 * entries with the current node, so agents (real CLIs and sim) can run `gt`/`bd`
 * whatever is installed on the machine.
 */
export function ensureShims(townRoot: string, gtEntry: string): {gt: string; bd: string} {
	const dir = shimDir(townRoot);
	mkdirSync(dir, {recursive: true});
	// An npm bin link (`/usr/local/bin/gt`) points into dist/, where bd.js sits beside gt.js.
	const entry = existsSync(gtEntry) ? realpathSync(gtEntry) : path.resolve(gtEntry);
	const shims = {gt: path.join(dir, 'gt'), bd: path.join(dir, 'bd')};
	writeIfChanged(shims.gt, shimScript(entry));
	writeIfChanged(shims.bd, shimScript(path.join(path.dirname(entry), 'bd.js')));
	return shims;
}

const fill = (list: readonly string[], id: string) => list.map(word => word.replaceAll('{id}', id));

/** Arguments that pick the conversation: resume it by id or the latest one, or fix the id of a new one. */
export function conversationArgs(agent: ResolvedAgent, spec: SessionSpec, resume: boolean): string[] {
	const how = agent.resume;
	if (!how) return [];
	const id = spec.conversationId;
	if (resume) {
		// Our id means something to the runtime only if it took it at launch.
		if (id && how.byId && how.assignId) return fill(how.byId, id);
		return how.latest ? [...how.latest] : [];
	}
	return id && how.assignId ? fill(how.assignId, id) : [];
}

function promptArgs(agent: ResolvedAgent, prompt: string | undefined): string[] {
	if (prompt === undefined || prompt === '') return [];
	if (agent.prompt.kind === 'arg') return [prompt];
	if (agent.prompt.kind === 'flag') return [agent.prompt.flag, prompt];
	return [];
}

// Variables that describe the daemon's own terminal, git context or agent identity
// (a daemon started from inside an agent has them). An agent gets its own below.
// Other GT_* variables (settings such as the sim's speed) pass through.
const dropped = new Set([
	'GT_ROOT',
	'GT_ROLE',
	'GT_RIG',
	'GT_AGENT',
	'GT_SESSION',
	'BD_ACTOR',
	...repositorySelectors,
	'GIT_AUTHOR_NAME',
	'GIT_AUTHOR_EMAIL',
	'GIT_COMMITTER_NAME',
	'GIT_COMMITTER_EMAIL',
	'TMUX',
	'TMUX_PANE',
	'STY',
	'TERM_PROGRAM',
	'TERM_PROGRAM_VERSION',
	'COLUMNS',
	'LINES',
]);

/**
 * The agent's environment. Credentials and settings in the base environment pass
 * through (agents need their API keys, proxies, ssh agent); the caller's gt identity,
 * git context and terminal description do not.
 */
export function agentEnv(townRoot: string, spec: SessionSpec, agent: ResolvedAgent, baseEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(baseEnv)) {
		if (value === undefined || dropped.has(name)) continue;
		env[name] = value;
	}
	env.HOME = baseEnv.HOME ?? homedir();
	env.LANG = baseEnv.LANG ?? 'C.UTF-8';
	env.TERM = 'xterm-256color';
	env.COLORTERM = 'truecolor';
	// A parent Claude Code session (or a debugger) must not leak into the agent.
	env.CLAUDECODE = '';
	env.NODE_OPTIONS = '';
	env.GIT_AUTHOR_NAME = spec.address;
	env.GIT_COMMITTER_NAME = spec.address;
	env.GIT_AUTHOR_EMAIL = `${spec.id}@gastown.local`;
	env.GIT_COMMITTER_EMAIL = `${spec.id}@gastown.local`;
	Object.assign(env, agent.env);
	// Identity last: gt's own commands inside the agent depend on it.
	env.GT_ROOT = townRoot;
	env.GT_ROLE = spec.role;
	if (spec.rig) env.GT_RIG = spec.rig;
	env.GT_AGENT = spec.address;
	env.GT_SESSION = spec.id;
	env.BD_ACTOR = spec.address;
	const pathValue = agent.env.PATH ?? baseEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin';
	env.PATH = [shimDir(townRoot), ...pathValue.split(path.delimiter).filter(part => part !== '' && part !== shimDir(townRoot))].join(path.delimiter);
	return env;
}

/** Everything needed to spawn the agent of `spec`; writes the shims and hook settings it relies on. */
export function buildLaunch(townRoot: string, spec: SessionSpec, options: LaunchOptions): Launch {
	const agent = resolveAgent(readTownConfig(townRoot), spec.agent);
	const gtEntry = options.gtEntry ?? process.argv[1] ?? 'gt';
	ensureShims(townRoot, gtEntry);
	const callbacks = writeCallbackSettings(townRoot, spec, agent, {baseEnv: options.baseEnv});
	const conversation = conversationArgs(agent, spec, options.resume);
	const prompt = promptArgs(agent, spec.prompt);
	// `codex resume <id> …`: a subcommand goes before the agent's other arguments.
	const args =
		agent.resume?.style === 'subcommand'
			? [...conversation, ...agent.args, ...callbacks.args, ...prompt]
			: [...agent.args, ...callbacks.args, ...conversation, ...prompt];
	const launch: Launch = {
		file: agent.bundled ? process.execPath : agent.command,
		args: agent.bundled ? [gtEntry, ...args] : args,
		env: agentEnv(townRoot, spec, agent, options.baseEnv ?? process.env),
		cwd: spec.cwd,
		readyDelayMs: agent.ready.delayMs,
	};
	if (agent.ready.promptPrefix) launch.readyPrefix = agent.ready.promptPrefix;
	if (agent.prompt.kind === 'typed' && spec.prompt) launch.typedPrompt = spec.prompt;
	if (options.resume && conversation.length > 0) launch.resumed = true;
	refuseKnownFailures(agent.runtime, launch, options.uid);
	return launch;
}
