// Decides what an agent is doing from what the daemon knows about it, best source
// first: the process (exited), the agent's own callbacks (`gt signal`), the terminal
// title, the screen read with the runtime's patterns, and finally output quiescence.
// A pure function: the session calls it on output, on signals and on a timer.
import {diagnose, type FailureKind} from './failures.js';
import {patternsFor, type StatePatterns} from './patterns.js';
import type {ScreenSnapshot} from '../../sessions/types.js';
import type {SessionState, StateSource} from './types.js';

export type Detection = {state: SessionState; source: StateSource; confidence: number; detail?: string; reason?: string; failure?: FailureKind};

export type DetectionInput = {
	/** The preset the agent behaves like (claude, codex, sim…); anything else reads with generic patterns. */
	runtime: string;
	screen: ScreenSnapshot;
	signal?: {state: SessionState; detail?: string; at: number};
	/** When output last arrived (startedAt when none has). */
	lastOutputAt: number;
	startedAt: number;
	now: number;
	exited?: {code?: number};
};

/** No output for this long, and nothing else to go on: the agent is probably idle. */
export const quietMs = 1500;
/** Before this, a silent agent is still starting. */
export const startingMs = 5000;
/** A signal this old gives way to whatever the screen shows. */
export const signalTrustMs = 60_000;
/** How far above the input box the busy line may be (Codex puts details under its status line). */
const aboveRows = 8;
/** How many non-blank rows above the input a failure is still the last turn's (codex leaves blank rows between). */
const failureRows = 8;

type Evidence = {state: SessionState; confidence: number; detail: string};

const clean = (line: string) => line.replaceAll('\u00a0', ' ').trimEnd();

/** Longest detail kept from a screen line or title. */
const detailChars = 80;
const shorten = (text: string) => {
	const trimmed = text.trim().replace(/\s{2,}/g, ' ');
	return trimmed.length > detailChars ? `${trimmed.slice(0, detailChars - 1)}…` : trimmed;
};

/** The screen line the first matching pattern found (what a person would read, not the pattern). */
function firstMatch(patterns: readonly RegExp[], lines: readonly string[]): string | undefined {
	for (const pattern of patterns) {
		const line = lines.find(candidate => pattern.test(candidate));
		if (line !== undefined) return shorten(line);
	}
	return undefined;
}

/** The lowest input line on screen, with the rows of its box (top and bottom inclusive). */
export function findInput(patterns: StatePatterns, lines: readonly string[]): {top: number; line: number; bottom: number} | undefined {
	const rule = patterns.input;
	if (!rule) return undefined;
	for (let index = lines.length - 1; index >= 0; index--) {
		if (!rule.line.test(lines[index]!)) continue;
		if (!rule.border) return {top: index, line: index, bottom: index};
		if (index === 0 || !rule.border.test(lines[index - 1]!)) continue;
		// The box grows with a multi-line input; its bottom border is a few rows down at most.
		for (let below = index + 1; below < Math.min(lines.length, index + 12); below++) {
			if (rule.border.test(lines[below]!)) return {top: index - 1, line: index, bottom: below};
		}
	}
	return undefined;
}

/**
 * What the visible screen says. With an input box, waiting prompts and exit notes are
 * read only below it (what the user types, and the transcript above it, never count),
 * busy signs just above and below it; without one, the whole screen is read.
 */
export function readScreen(runtime: string, screen: ScreenSnapshot): Evidence | undefined {
	const patterns = patternsFor(runtime);
	const lines = screen.lines.map(clean);
	const input = findInput(patterns, lines);
	const below = input ? lines.slice(input.bottom + 1) : lines;
	const near = input ? [...lines.slice(Math.max(0, input.top - aboveRows), input.top), ...below] : lines;

	const exited = firstMatch(patterns.exited, below);
	if (exited) return {state: 'exited', confidence: 0.7, detail: exited};
	const waiting = firstMatch(patterns.waiting, below);
	if (waiting) return {state: 'waiting', confidence: 0.9, detail: waiting};
	const working = firstMatch(patterns.working, near);
	if (working) return {state: 'working', confidence: 0.85, detail: working};
	const idle = firstMatch(patterns.idle, input ? [lines[input.line]!, ...below] : lines);
	if (input) return {state: 'idle', confidence: idle ? 0.8 : 0.6, detail: idle ?? 'input box'};
	if (idle) return {state: 'idle', confidence: 0.5, detail: idle};
	return undefined;
}

/**
 * A failure the screen explains: on an exit the whole screen (the last words of the
 * process), while running only the rows around the input (an old error further up the
 * transcript is history, not the state).
 */
export function diagnoseScreen(runtime: string, screen: ScreenSnapshot, exited: boolean): ReturnType<typeof diagnose> {
	const lines = screen.lines.map(clean);
	if (exited) return diagnose(runtime, lines, 'exit');
	const patterns = patternsFor(runtime);
	const input = findInput(patterns, lines);
	if (!input) return diagnose(runtime, lines, 'live');
	// Only the last turn: what follows the last prompt echoed in the transcript (it starts like the input line).
	const echo = lines.slice(0, input.top).findLastIndex(line => patterns.input!.line.test(line));
	const above = lines.slice(echo + 1, input.top).filter(line => line.trim() !== '').slice(-failureRows);
	return diagnose(runtime, [...above, ...lines.slice(input.bottom + 1)], 'live');
}

/** What the terminal title says, for runtimes that keep it current. */
export function readTitle(runtime: string, title: string): Evidence | undefined {
	const rule = patternsFor(runtime).title;
	if (!rule || title === '') return undefined;
	for (const state of ['waiting', 'working', 'idle'] as const) {
		// Gemini pads its title to 80 columns with spaces.
		if (rule[state]?.test(title)) return {state, confidence: 0.85, detail: shorten(title)};
	}
	return undefined;
}

function fromEvidence(evidence: Evidence, source: StateSource): Detection {
	return {state: evidence.state, source, confidence: evidence.confidence, detail: evidence.detail};
}

/** The detection, with the failure the screen explains, if any. */
export function detectState(input: DetectionInput): Detection {
	const found = diagnoseScreen(input.runtime, input.screen, input.exited !== undefined);
	const detection = detectFromLayers(input, found?.kind === 'api-error');
	return found ? {...detection, reason: found.reason, failure: found.kind} : detection;
}

/** `turnFailed`: the screen shows the last turn ended with an API error (codex calls no hook then). */
function detectFromLayers(input: DetectionInput, turnFailed: boolean): Detection {
	if (input.exited) {
		return {state: 'exited', source: 'process', confidence: 1, ...(input.exited.code === undefined ? {} : {detail: `exit code ${input.exited.code}`})};
	}
	const fromScreen = readScreen(input.runtime, input.screen);
	const fromTitle = readTitle(input.runtime, input.screen.title);
	// A prompt on screen is explicit; a title may still spin while a dialog waits.
	const seen: Detection | undefined =
		fromScreen && (fromScreen.state === 'waiting' || fromScreen.state === 'exited' || !fromTitle)
			? fromEvidence(fromScreen, 'screen')
			: fromTitle
				? fromEvidence(fromTitle, 'title')
				: undefined;

	const signal = input.signal;
	if (signal) {
		const changedSince = input.lastOutputAt > signal.at;
		const stale = input.now - signal.at > signalTrustMs;
		const overruled =
			seen !== undefined &&
			seen.state !== signal.state &&
			// A prompt that came up after the callback (hooks do not fire for every question).
			((changedSince && seen.state === 'waiting') ||
				// A prompt that was answered: nothing calls back until the turn ends.
				(changedSince && signal.state === 'waiting') ||
				// A turn that ended with an API error and an idle input: no Stop hook fires for it (codex 0.171).
				(changedSince && signal.state === 'working' && seen.state === 'idle' && turnFailed) ||
				stale);
		if (!overruled) return {state: signal.state, source: 'signal', confidence: 0.95, detail: signal.detail ?? `gt signal ${signal.state}`};
	}
	if (seen) return seen;

	const sinceStart = input.now - input.startedAt;
	const anyOutput = input.lastOutputAt > input.startedAt;
	if (sinceStart < startingMs || !anyOutput) return {state: 'starting', source: 'process', confidence: 0.5, detail: anyOutput ? 'starting' : 'no output yet'};
	const silentFor = input.now - input.lastOutputAt;
	if (silentFor >= quietMs) return {state: 'idle', source: 'quiet', confidence: 0.3, detail: `no output for ${Math.round(silentFor / 100) / 10}s`};
	return {state: 'unknown', source: 'screen', confidence: 0, detail: 'output, but nothing recognisable'};
}
