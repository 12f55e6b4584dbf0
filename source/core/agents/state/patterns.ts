// What each agent runtime's terminal looks like when it is working, waiting for a
// human, idle or gone, as data. Derived from real captured screens in
// fixtures/screens/ (claude 2.1.197, codex 0.169 and 0.171, gemini 0.61; see NOTES.md there) and
// read by core/daemon/state-detector.ts. Patterns for copilot, opencode, amp and
// cursor come from their documentation and issue reports, not captures: treat them
// as a best effort and add a fixture when one of them misreads.

/** How to find the line the user types into; the screen is split around it. */
export type InputRule = {
	/** The input line. The lowest matching line on screen is taken. */
	readonly line: RegExp;
	/** When set, the line directly above the input and a line below it must match (Claude's ─── box). */
	readonly border?: RegExp;
};

/** The terminal title some runtimes keep up to date (OSC 0/2). */
export type TitleRule = {
	readonly working?: RegExp;
	readonly idle?: RegExp;
	readonly waiting?: RegExp;
};

export type StatePatterns = {
	readonly input?: InputRule;
	/** Busy footers and spinners, looked for just above the input and below it (or anywhere without one). */
	readonly working: readonly RegExp[];
	/** Prompts that need a human: permission, question, trust, login, theme. Below the input, or anywhere without one. */
	readonly waiting: readonly RegExp[];
	/** The idle footer or input placeholder; an input box with no busy sign is idle anyway. */
	readonly idle: readonly RegExp[];
	/** What the runtime prints as it quits (resume hints, goodbyes, fatal start-up errors). */
	readonly exited: readonly RegExp[];
	readonly title?: TitleRule;
};

// Claude Code: transcript, then the input box `───` / `❯ ` / `───`, then a footer
// line ("? for shortcuts", "⏵⏵ bypass permissions on", "esc to interrupt").
// Dialogs (permission, question, trust, theme, API key) replace the input box.
const claude: StatePatterns = {
	// The input line is "❯" plus NBSP ("!" in bash mode, "#" in memory mode); trimmed, an empty one is a bare "❯".
	input: {line: /^[❯!#](?: |$)/, border: /^─{8,}/},
	working: [
		/esc to interrupt/i,
		/ctrl\+c to interrupt/i,
		// The spinner line: a glyph, a gerund and an ellipsis ("✽ Noodling…"); "✻ Cooked for 9s" is done.
		/^[✻✽✳✶✢·*] \S.*…/,
		/^[✻✽✳✶✢·*] .*Retrying in \d/,
		/^[✻✽✳✶✢·*] Waiting for \d+ background agent/,
	],
	waiting: [
		/Do you want to proceed\?/,
		/^\s*Do you want to .+\?\s*$/,
		/No, and tell Claude what to do differently/,
		/Enter to confirm · Esc to cancel/,
		/Enter to select · /,
		/Esc to cancel/,
		/Yes, I trust this folder/,
		/Yes, I accept/,
		/Press Enter to continue/,
		/Choose the text style/,
		/Select login method/,
		/Paste code here if prompted/,
		// The highlighted option of any menu: "❯ 1. Yes".
		/^\s*❯ \d+\. /,
	],
	idle: [/\? for shortcuts/, /^\s*⏵⏵ /],
	exited: [
		/^Resume this session with:/,
		/cannot be used with root\/sudo privileges/,
		/^\s*Unable to connect to Anthropic services/,
		/^No conversation found with session ID/,
		/^Error: Session ID \S+ is already in use/,
	],
	// Claude animates a braille spinner at the start of the title while it works and shows ✳ when done.
	title: {working: /^[\u2801-\u28ff]/, idle: /^✳/},
};

// Codex: transcript ("› prompt" echoes), a status line "• Working (3s • esc to
// interrupt)", the composer "› Ask Codex to do anything", a two-line footer.
// Approvals and questions take the composer's place with "› 1. …" menus.
const codex: StatePatterns = {
	input: {line: /^› (?!\d+\. )/},
	working: [/esc to interrupt/i, /^[•◦] (Working|Reconnecting|Thinking)\b/],
	waiting: [
		/Would you like to (run|make|apply)/,
		/Press enter to (confirm|continue|save)/i,
		/enter submit/,
		/Allow command\?/,
		/Trust this folder\?/,
		/enter continue · esc back/,
		/Choose how you want to use Codex/,
		/Sign in another way/,
		/Finish signing in/,
		/Paste or type your API key/,
		/Press esc to (cancel|go back)/,
		/Resume a previous session/,
		/enter resume .*esc new/,
		// With hooks configured and no --dangerously-bypass-hook-trust (0.171): the review screens.
		/^\s*Hooks need review/,
		/trust all · enter review/,
		/^\s*[›>] \d+\. /,
	],
	idle: [/\? for shortcuts/, /Ask Codex to do anything/],
	exited: [/^To (reconnect|continue this session), run/, /^Disconnected from this task/, /^ERROR: No saved session found with ID/],
	// A braille spinner leads the title while a turn runs ("⠼ Create hello file | repo-codex"). The
	// blinking "[ . ] Action Required" title is not used: it also shows while a question waits
	// asynchronously and the turn goes on (codex-question-async, captured as working).
	title: {working: /^[\u2801-\u28ff] /},
};

// Gemini CLI: transcript (" > prompt" echoes, "✦ answer"), a spinner line "⠸ Thinking...
// (esc to cancel, 24s)", a mode line, the input " >   Type your message…" ("*" in
// YOLO mode, "!" in shell mode), then the workspace footer. Dialogs are boxed.
const gemini: StatePatterns = {
	input: {line: /^ ?[>*!] +\S/},
	working: [/\(esc to cancel, \d/, /^\s*[\u2801-\u28ff] .*esc to cancel/],
	waiting: [
		/Allow execution/,
		/Apply this change\?/,
		/Do you want to proceed\?/,
		/Waiting for user confirmation/i,
		/Do you trust the files in this folder\?/,
		/How would you like to authenticate/,
		/Enter Gemini API Key/,
		/\(Press Enter to submit/,
		/\(Use Enter to select/,
		/Enter to select · /,
		/^[│\s]*Answer Questions/,
		/^[│\s]*● \d+\. /,
	],
	idle: [/Type your message or @path\/to\/file/, /\? for shortcuts/],
	exited: [/Agent powering down\. Goodbye!/, /To resume this session: gemini --resume/, /^Error resuming session: /],
	// The dynamic window title (ui.dynamicWindowTitle): "◇  Ready (dir)", "✦  Working… (dir)", "✋  Action Required (dir)".
	title: {working: /^[✦⏲]/, idle: /^◇/, waiting: /^✋/},
};

// Best effort, no captures: GitHub Copilot CLI.
const copilot: StatePatterns = {
	working: [/Esc to cancel/i, /esc to interrupt/i],
	waiting: [/Do you want to (run|proceed|allow|edit|create)/i, /Confirm with number keys/i, /^\s*[❯›>] \d+\. Yes/],
	idle: [/Enter @ to mention files/i, /ctrl\+c Exit/i],
	exited: [/^Total usage est:/, /^Total session time:/],
};

// Best effort, no captures: OpenCode.
const opencode: StatePatterns = {
	working: [/esc (to )?interrupt/i],
	waiting: [/Permission required/, /Allow (once|always)/i],
	idle: [/ctrl\+p commands/i, /tab (switch )?agent/i],
	exited: [],
};

// Best effort, no captures: Amp.
const amp: StatePatterns = {
	working: [/Esc to cancel/i, /esc to interrupt/i],
	waiting: [/Approve\?/i, /Allow (this|tool)/i, /Do you want to (run|proceed|allow)/i],
	idle: [/ctrl\+o for help/i],
	exited: [],
};

// Best effort, no captures: Cursor's agent CLI.
const cursor: StatePatterns = {
	working: [/ctrl\+c to stop/i, /esc to interrupt/i, /Generating/],
	waiting: [/Run this command\?/i, /Trust this workspace/i, /\(y\) \(enter\)/i, /Do you want to (run|proceed|allow)/i],
	idle: [/\/ commands · @ files/i, /Add a follow-up/i],
	exited: [],
};

/** For a program gt does not recognise: the phrases coding agents share. */
export const genericPatterns: StatePatterns = {
	working: [/esc to interrupt/i, /ctrl\+c to interrupt/i],
	waiting: [/Do you want to proceed\?/, /Press Enter to continue/i, /\(y\/n\)\s*$/i, /\[Y\/n\]\s*$/i],
	idle: [],
	exited: [],
};

export const statePatterns: Readonly<Record<string, StatePatterns>> = {
	claude,
	codex,
	gemini,
	copilot,
	opencode,
	amp,
	cursor,
	// The sim draws a Claude-like screen (input box, spinner with "esc to interrupt",
	// "Do you want to proceed?"), so it is read the same way; that keeps the patterns tested end to end.
	sim: claude,
};

/** The patterns for a runtime name (a preset name), or the generic ones. */
export function patternsFor(runtime: string | undefined): StatePatterns {
	return (runtime !== undefined && Object.hasOwn(statePatterns, runtime) ? statePatterns[runtime] : undefined) ?? genericPatterns;
}
