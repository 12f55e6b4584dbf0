// The agent runtimes gt knows out of the box, as data. Launchers, hook writers and
// state detectors read these fields; users add or override agents in town.toml
// (see registry.ts), and a user agent borrows the behaviour of the preset named by
// its `runtime`.
import path from 'node:path';

/** How the first prompt reaches a freshly started agent. */
export type PromptDelivery =
	/** Appended as the last argument: `claude "<prompt>"`. */
	| {readonly kind: 'arg'}
	/** Passed with a flag: `gemini -i "<prompt>"`. */
	| {readonly kind: 'flag'; readonly flag: string}
	/** Typed into the terminal once the agent shows it is ready. */
	| {readonly kind: 'typed'};

/**
 * How a conversation survives a restart. Argument lists use `{id}` for the
 * conversation id; `subcommand` style puts them before the agent's other args.
 */
export type ResumeSpec = {
	readonly style: 'flag' | 'subcommand';
	/** Added at first launch so the id is ours to remember: `--session-id {id}`. */
	readonly assignId?: readonly string[];
	/**
	 * Resume conversation `{id}`. Used only with an id the runtime took at launch
	 * (`assignId`): an id it never heard of is "No conversation found".
	 */
	readonly byId?: readonly string[];
	/** Resume the most recent conversation in the working directory. */
	readonly latest?: readonly string[];
};

/** Where the agent's callbacks into gt (`gt signal`, `gt prime --hook`) are configured. */
export type CallbacksSpec =
	| {readonly kind: 'none'}
	/** A settings file written per role and handed over with a flag: claude `--settings <file>`. */
	| {readonly kind: 'settings-flag'; readonly file: string; readonly flag: string}
	/** A settings file the agent finds in its working directory by itself. */
	| {readonly kind: 'settings-file'; readonly file: string}
	/** Hooks passed as `-c key=value` config overrides at launch (codex). */
	| {readonly kind: 'config-args'};

/** When the agent is ready for typed input after start. */
export type ReadySpec = {
	/** A line starting with this means the input box is showing. */
	readonly promptPrefix?: string;
	/** Without a visible prompt, assume ready after this long. */
	readonly delayMs: number;
};

export type AgentPreset = {
	readonly name: string;
	readonly description: string;
	/** Program to run, looked up on PATH. */
	readonly command: string;
	/** Default arguments. Roles run unattended, so these switch permission prompts off. */
	readonly args: readonly string[];
	/** Extra environment for the agent process. */
	readonly env: Readonly<Record<string, string>>;
	readonly prompt: PromptDelivery;
	/** Absent: a restart starts a fresh conversation. */
	readonly resume?: ResumeSpec;
	/** Process names that mean the agent is still running (Node-based CLIs show up as `node`). */
	readonly processNames: readonly string[];
	/** The file in the working directory the agent reads its standing instructions from. */
	readonly instructionsFile: string;
	readonly callbacks: CallbacksSpec;
	readonly ready: ReadySpec;
	/** Other program names (npm package basenames) that mean this runtime. */
	readonly aliases?: readonly string[];
	/** The program is this package's own `gt`; launchers run it with the current node, not from PATH. */
	readonly bundled?: boolean;
};

const noEnv: Readonly<Record<string, string>> = {};

export const agentPresets: readonly AgentPreset[] = [
	{
		name: 'claude',
		description: "Claude Code, Anthropic's coding agent CLI",
		command: 'claude',
		args: ['--dangerously-skip-permissions'],
		env: noEnv,
		prompt: {kind: 'arg'},
		resume: {style: 'flag', assignId: ['--session-id', '{id}'], byId: ['--resume', '{id}'], latest: ['--continue']},
		processNames: ['claude', 'node'],
		instructionsFile: 'CLAUDE.md',
		callbacks: {kind: 'settings-flag', file: '.claude/settings.json', flag: '--settings'},
		ready: {promptPrefix: '❯ ', delayMs: 10_000},
		aliases: ['claude-code'],
	},
	{
		name: 'codex',
		description: "Codex CLI, OpenAI's coding agent",
		command: 'codex',
		// --no-daemon: otherwise codex leaves a background app-server running after its TUI exits.
		args: ['--dangerously-bypass-approvals-and-sandbox', '--no-daemon'],
		env: noEnv,
		// The positional [PROMPT]: typing it raced the start-up screens (a blind Enter once chose a browser login).
		prompt: {kind: 'arg'},
		// Codex picks its own session id and takes none at launch; `resume --last` is scoped to the
		// working directory (a worktree is one agent's) and starts fresh when nothing was saved there.
		resume: {style: 'subcommand', latest: ['resume', '--last']},
		processNames: ['codex', 'node'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'config-args'},
		ready: {promptPrefix: '› ', delayMs: 3000},
	},
	{
		name: 'gemini',
		description: "Gemini CLI, Google's coding agent",
		command: 'gemini',
		// --skip-trust: the trust prompt would block start-up, and gemini skips hooks in untrusted folders.
		args: ['--approval-mode', 'yolo', '--skip-trust'],
		// --skip-trust alone does not load the worktree's .gemini/settings.json, so no hook would run (0.61).
		env: {GEMINI_CLI_TRUST_WORKSPACE: 'true'},
		prompt: {kind: 'flag', flag: '-i'},
		resume: {style: 'flag', assignId: ['--session-id', '{id}'], byId: ['--resume', '{id}'], latest: ['--resume', 'latest']},
		processNames: ['gemini', 'node'],
		instructionsFile: 'GEMINI.md',
		callbacks: {kind: 'settings-file', file: '.gemini/settings.json'},
		ready: {delayMs: 5000},
		aliases: ['gemini-cli'],
	},
	{
		name: 'copilot',
		description: 'GitHub Copilot CLI',
		command: 'copilot',
		args: ['--yolo'],
		env: noEnv,
		prompt: {kind: 'flag', flag: '-i'},
		resume: {style: 'flag', byId: ['--resume', '{id}'], latest: ['--continue']},
		processNames: ['copilot', 'node'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'none'},
		ready: {delayMs: 5000},
	},
	{
		name: 'opencode',
		description: 'OpenCode, an open-source terminal coding agent',
		command: 'opencode',
		args: [],
		// OpenCode takes its permission policy from the environment, not a flag.
		env: {OPENCODE_PERMISSION: '{"*":"allow"}'},
		prompt: {kind: 'flag', flag: '--prompt'},
		resume: {style: 'flag', byId: ['--session', '{id}'], latest: ['--continue']},
		processNames: ['opencode', 'node', 'bun'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'none'},
		ready: {delayMs: 8000},
		aliases: ['opencode-ai'],
	},
	{
		name: 'amp',
		description: "Amp, Sourcegraph's coding agent CLI",
		command: 'amp',
		args: ['--dangerously-allow-all', '--no-ide'],
		env: noEnv,
		prompt: {kind: 'arg'},
		processNames: ['amp', 'node'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'none'},
		ready: {delayMs: 5000},
	},
	{
		name: 'cursor',
		description: "Cursor's command-line agent (cursor-agent)",
		command: 'cursor-agent',
		args: ['-f'],
		env: noEnv,
		prompt: {kind: 'arg'},
		resume: {style: 'flag', byId: ['--resume', '{id}']},
		processNames: ['cursor-agent', 'node'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'none'},
		ready: {delayMs: 5000},
		aliases: ['cursor-agent'],
	},
	{
		name: 'sim',
		description: 'Simulated coding agent for demos and tests (no AI, no network)',
		command: 'gt',
		args: ['sim-agent'],
		env: noEnv,
		prompt: {kind: 'arg'},
		// The sim behaves like Claude here so that restart and hook paths can be tested without it.
		resume: {style: 'flag', assignId: ['--session-id', '{id}'], byId: ['--resume', '{id}']},
		processNames: ['node', 'gt'],
		instructionsFile: 'AGENTS.md',
		callbacks: {kind: 'settings-flag', file: '.claude/settings.json', flag: '--settings'},
		ready: {promptPrefix: '❯ ', delayMs: 1000},
		bundled: true,
	},
];

export const presetNames: readonly string[] = agentPresets.map(preset => preset.name);

export function findPreset(name: string): AgentPreset | undefined {
	return agentPresets.find(preset => preset.name === name);
}

// Words that only start another program: `npx -y @openai/codex`, `env FOO=1 claude`, `node cli.js`.
const launchers = new Set(['npx', 'bunx', 'pnpx', 'env', 'exec', 'node', 'bun', 'deno', 'nice', 'nohup', 'time']);
const launcherSubcommands = new Map([
	['pnpm', 'dlx'],
	['yarn', 'dlx'],
	['bun', 'x'],
	['npm', 'exec'],
	['deno', 'run'],
]);

/** `/usr/local/bin/claude` → claude, `@google/gemini-cli@latest` → gemini-cli, `claude.exe` → claude. */
function programBase(word: string): string {
	const base = path.posix.basename(word.replaceAll('\\', '/'));
	return base
		.replace(/(?<=.)@[^@]*$/, '')
		.replace(/\.(exe|cmd|bat|ps1|js|mjs|cjs)$/i, '')
		.toLowerCase();
}

function presetForBase(base: string): string | undefined {
	for (const preset of agentPresets) {
		if (preset.bundled) continue;
		if (base === preset.name || base === programBase(preset.command) || preset.aliases?.includes(base)) return preset.name;
	}
	return undefined;
}

/**
 * The preset a program behaves like, from its name: `/usr/local/bin/claude` → claude,
 * `cursor-agent` → cursor, `npx @openai/codex` → codex. Takes a program or a whole
 * command line (split on whitespace; a heuristic, never executed).
 */
export function inferRuntime(program: string, args: readonly string[] = []): string | undefined {
	const whole = presetForBase(programBase(program.trim()));
	if (whole) return whole;
	const words = [...program.trim().split(/\s+/).filter(Boolean), ...args];
	let index = 0;
	while (index < words.length) {
		const word = words[index]!;
		const base = programBase(word);
		if (word.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
			index++;
			continue;
		}
		if (launcherSubcommands.get(base) === programBase(words[index + 1] ?? '')) {
			index += 2;
			continue;
		}
		if (launchers.has(base)) {
			index++;
			continue;
		}
		if (base === 'gt' && words[index + 1] === 'sim-agent') return 'sim';
		return presetForBase(base);
	}
	return undefined;
}
