// Screens that mean a runtime cannot do its work, as data: what it printed, what kind
// of failure that is, and one line saying why with what to do. Read from the screen a
// session shows when its process exits (start-up refusals, a resume with nothing
// saved) and from the rows around a live runtime's input (an API it cannot reach).
// Every string here was seen on a real screen: fixtures/screens (claude 2.1.197,
// codex 0.171.0, gemini 0.61.0; NOTES.md there).
import {isGtError} from '../../base/errors.js';

/** What went wrong, for code that acts on it (a resume with nothing saved starts fresh). */
export type FailureKind = 'root-refusal' | 'offline' | 'no-saved-conversation' | 'id-in-use' | 'api-error' | 'signed-out';

export type FailureScreen = {
	readonly pattern: RegExp;
	readonly kind: FailureKind;
	/** `exit`: read from the last screen of a process that ended; `live`: from the rows around a running one's input. */
	readonly when: 'exit' | 'live';
	/** One line: why, and what to do. */
	readonly reason: string;
};

export type Diagnosis = {kind: FailureKind; reason: string};

const rootFix = 'run gt as a non-root user, or give the agent IS_SANDBOX=1: gt config agent set claude "IS_SANDBOX=1 claude --dangerously-skip-permissions"';

/** The one-line reason for claude's root refusal, also used before launch (core/agents/preflight.ts). */
export const claudeRootReason = `claude refuses --dangerously-skip-permissions as root — ${rootFix}`;

const fresh = 'gt starts it fresh on the same hook';

const claude: readonly FailureScreen[] = [
	{pattern: /cannot be used with root\/sudo privileges/, kind: 'root-refusal', when: 'exit', reason: claudeRootReason},
	{pattern: /No conversation found with session ID/, kind: 'no-saved-conversation', when: 'exit', reason: `claude has no saved conversation to resume — ${fresh}`},
	{pattern: /^Error: Session ID \S+ is already in use/, kind: 'id-in-use', when: 'exit', reason: `claude already has a conversation with this session id — ${fresh}`},
	{
		pattern: /^\s*Unable to connect to Anthropic services/,
		kind: 'offline',
		when: 'exit',
		reason: 'claude cannot reach Anthropic (no network, or not signed in) — check the network, or set ANTHROPIC_API_KEY in the agent’s environment',
	},
	{pattern: /^● API Error: /, kind: 'api-error', when: 'live', reason: 'the last turn ended with an API error (claude could not reach its API) — check the network or the API key, then nudge it'},
];

const codex: readonly FailureScreen[] = [
	{pattern: /No saved session found with ID/, kind: 'no-saved-conversation', when: 'exit', reason: `codex has no saved session to resume — ${fresh}`},
	// The turn's error, e.g. "■ {"error":{"message":…}}" (an interrupted turn reads "■ Conversation interrupted").
	{
		pattern: /^■ (?!Conversation interrupted)/,
		kind: 'api-error',
		when: 'live',
		reason: 'the last turn ended with an API error (codex calls no hook for it) — check the network, the API key or openai_base_url, then nudge it',
	},
	{pattern: /Reconnecting\.\.\. waiting for network/, kind: 'offline', when: 'live', reason: 'codex cannot reach its API and waits for the network — check the network, or stop it'},
	{pattern: /Choose how you want to use Codex/, kind: 'signed-out', when: 'live', reason: 'codex is not signed in — run `codex login --with-api-key` (or `codex login`) once as this user'},
];

const geminiApiError = 'the last turn ended with an API error (gemini could not reach its API) — check the network or GEMINI_API_KEY, then nudge it';

const gemini: readonly FailureScreen[] = [
	{pattern: /Error resuming session: No previous sessions found/, kind: 'no-saved-conversation', when: 'exit', reason: `gemini has no saved session to resume — ${fresh}`},
	{pattern: /^\s*✕ \[API Error: /, kind: 'api-error', when: 'live', reason: geminiApiError},
	{pattern: /This request failed\. Press F12 for diagnostics/, kind: 'api-error', when: 'live', reason: geminiApiError},
	{pattern: /How would you like to authenticate/, kind: 'signed-out', when: 'live', reason: 'gemini is not signed in — set GEMINI_API_KEY in the agent’s environment, or run `gemini` once and sign in'},
];

export const failureScreens: Readonly<Record<string, readonly FailureScreen[]>> = {claude, codex, gemini};

/** The first failure screen of `runtime` that any of `lines` shows, of those read `when`. */
export function diagnose(runtime: string | undefined, lines: readonly string[], when: FailureScreen['when']): Diagnosis | undefined {
	const screens = runtime !== undefined && Object.hasOwn(failureScreens, runtime) ? failureScreens[runtime]! : [];
	for (const screen of screens) {
		if (screen.when !== when) continue;
		if (lines.some(line => screen.pattern.test(line))) return {kind: screen.kind, reason: screen.reason};
	}
	return undefined;
}

/** The failure a refusal made before launch stands for (core/agents/preflight.ts), to show it like the screen it prevented. */
export function knownRefusal(error: unknown): Diagnosis | undefined {
	return isGtError(error) && claudeRootReason.startsWith(`${error.message} — `) ? {kind: 'root-refusal', reason: claudeRootReason} : undefined;
}
