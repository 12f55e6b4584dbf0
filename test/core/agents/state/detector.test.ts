import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {patternsFor, statePatterns} from '../../../../source/core/agents/state/patterns.js';
import type {ScreenSnapshot} from '../../../../source/core/sessions/types.js';
import type {SessionState} from '../../../../source/core/agents/state/types.js';
import {Screen} from '../../../../source/core/daemon/screen.js';
import {detectState, quietMs, readScreen, signalTrustMs, startingMs, type DetectionInput} from '../../../../source/core/agents/state/detector.js';
import {banner, renderScreen, titleText, type View} from '../../../../source/sim/screen.js';
import {repoRoot} from '../../../helpers/cli.js';

type Capture = {file: string; runtime: string; state: SessionState; reason: string; title: string | null; size: string; ansi?: string; failure?: string; version?: string};

const screens = path.join(repoRoot, 'fixtures', 'screens');
const manifest = JSON.parse(readFileSync(path.join(screens, 'manifest.json'), 'utf8')) as Capture[];

function size(capture: Capture): {cols: number; rows: number} {
	const [cols, rows] = capture.size.split('x').map(Number);
	return {cols: cols!, rows: rows!};
}

/** A captured plain-text screen as the daemon would snapshot it. */
function loadScreen(capture: Capture): ScreenSnapshot {
	const text = readFileSync(path.join(screens, capture.file), 'utf8').replace(/\n$/, '');
	return {...size(capture), lines: text.split('\n').map(line => line.trimEnd()), cursor: {x: 0, y: 0}, title: capture.title ?? '', alternate: false};
}

/** A captured ANSI screen rendered through the daemon's own headless terminal. */
async function renderAnsi(capture: Capture): Promise<ScreenSnapshot> {
	const screen = new Screen(size(capture));
	const text = readFileSync(path.join(screens, capture.ansi!), 'utf8').replace(/\n$/, '');
	const title = capture.title ? `\u001B]0;${capture.title}\u0007` : '';
	await screen.write(`${title}${text.replaceAll('\n', '\r\n')}`);
	const snapshot = screen.snapshot();
	screen.dispose();
	return snapshot;
}

const now = 1_000_000;
// An agent that started a minute ago and drew its last frame just now.
const settled = (screen: ScreenSnapshot, runtime: string, extra: Partial<DetectionInput> = {}): DetectionInput => ({
	runtime,
	screen,
	startedAt: now - 60_000,
	lastOutputAt: now - 200,
	now,
	...extra,
});

const capture = (file: string) => {
	const found = manifest.find(entry => entry.file === file);
	if (!found) throw new Error(`${file} is not in fixtures/screens/manifest.json`);
	return found;
};

describe('captured screens', () => {
	it('covers every runtime that was captured', () => {
		expect(new Set(manifest.map(entry => entry.runtime))).toEqual(new Set(['claude', 'codex', 'gemini']));
		for (const state of ['working', 'idle', 'waiting', 'exited']) expect(manifest.some(entry => entry.state === state)).toBe(true);
	});

	it.each(manifest.map(entry => [entry.file, entry] as const))('%s', (_, entry) => {
		const result = detectState(settled(loadScreen(entry), entry.runtime));
		expect(result.state, `${entry.reason} — decided by ${result.source}: ${result.detail}`).toBe(entry.state);
		expect(['screen', 'title']).toContain(result.source);
		expect(result.confidence).toBeGreaterThan(0.5);
	});

	it.each(manifest.filter(entry => entry.ansi).map(entry => [entry.ansi!, entry] as const))('%s rendered by the headless terminal', async (_, entry) => {
		const screen = await renderAnsi(entry);
		expect(screen.title).toBe(entry.title ?? '');
		expect(detectState(settled(screen, entry.runtime)).state).toBe(entry.state);
		// Without the title, the screen alone is enough.
		expect(readScreen(entry.runtime, screen)?.state).toBe(entry.state);
	});

	it.each(manifest.map(entry => [entry.file, entry] as const))('%s explains itself as its manifest says', (_, entry) => {
		const screen = loadScreen(entry);
		const result = detectState(settled(screen, entry.runtime, entry.state === 'exited' ? {exited: {code: 1}} : {}));
		expect(result.failure, `${entry.file}: ${result.reason}`).toBe(entry.failure);
		if (entry.failure) expect(result.reason).toMatch(/ — /);
	});

	it('shows what is on screen, not the pattern, and no source prefix', () => {
		const trust = detectState(settled(loadScreen(capture('codex-trust.txt')), 'codex'));
		expect(trust.detail).toMatch(/^Trust this folder\? Codex can read/);
		const title = detectState(settled(loadScreen(capture('gemini-working-hooks.txt')), 'gemini'));
		// Gemini pads its title to 80 columns.
		expect(title).toMatchObject({source: 'title', detail: '✦ Working… (repo-g)'});
	});

	it('an API error at an idle input ends a working signal (codex calls no hook for it), a plain idle input does not', () => {
		const signal = {state: 'working' as const, at: now - 5000};
		const failed = detectState(settled(loadScreen(capture('codex-api-error-0171.txt')), 'codex', {signal}));
		expect(failed).toMatchObject({state: 'idle', source: 'screen', failure: 'api-error'});
		expect(detectState(settled(loadScreen(capture('codex-idle-0171.txt')), 'codex', {signal}))).toMatchObject({state: 'working', source: 'signal'});
		// Nothing new on screen since the callback: the error is the previous turn's.
		expect(detectState(settled(loadScreen(capture('codex-api-error-0171.txt')), 'codex', {signal, lastOutputAt: now - 6000}))).toMatchObject({state: 'working', source: 'signal'});
	});

	it('reads only the last turn for a live failure: an old API error above a later prompt is history', () => {
		expect(detectState(settled(loadScreen(capture('gemini-interrupted.txt')), 'gemini')).failure).toBeUndefined();
		expect(detectState(settled(loadScreen(capture('gemini-api-error.txt')), 'gemini')).failure).toBe('api-error');
	});

	it('says why a process ended when its last screen does', () => {
		const refusal = detectState(settled(loadScreen(capture('claude-skip-perms-root-exit.txt')), 'claude', {exited: {code: 1}}));
		expect(refusal).toMatchObject({state: 'exited', source: 'process', detail: 'exit code 1', failure: 'root-refusal'});
		expect(refusal.reason).toMatch(/^claude refuses --dangerously-skip-permissions as root — run gt as a non-root user, or give the agent IS_SANDBOX=1/);
	});

	it('reads the current versions of every runtime', () => {
		for (const [runtime, version] of [['claude', '2.1.197'], ['codex', '0.171.0'], ['gemini', '0.61.0']]) {
			expect(manifest.some(entry => entry.runtime === runtime && entry.version === version), runtime).toBe(true);
		}
	});

	it('reads each plain screen without its title too', () => {
		for (const entry of manifest) {
			expect(readScreen(entry.runtime, {...loadScreen(entry), title: ''})?.state, entry.file).toBe(entry.state);
		}
	});

	it('reads the sim like claude', () => {
		expect(patternsFor('sim')).toBe(statePatterns.claude);
		for (const entry of manifest.filter(item => item.runtime === 'claude')) {
			expect(detectState(settled(loadScreen(entry), 'sim')).state, entry.file).toBe(entry.state);
		}
	});
});

describe('screen regions', () => {
	const idle = loadScreen(capture('claude-idle.txt'));
	const inputRow = idle.lines.findIndex(line => line.startsWith('❯'));
	const withLine = (row: number, text: string): ScreenSnapshot => ({...idle, title: '', lines: idle.lines.map((line, index) => (index === row ? text : line))});

	it('ignores what the user typed into the input box', () => {
		expect(readScreen('claude', withLine(inputRow, '❯ Do you want to proceed? esc to interrupt'))?.state).toBe('idle');
	});

	it('ignores prompts quoted in the transcript above the input box', () => {
		expect(readScreen('claude', withLine(2, '│ Do you want to proceed?  Enter to confirm · Esc to cancel'))?.state).toBe('idle');
	});

	it('reads a busy line just above the input box', () => {
		expect(readScreen('claude', withLine(inputRow - 3, '✶ Reticulating… (12s · ↑ 1.2k tokens)'))?.state).toBe('working');
	});

	it('uses generic patterns for a program gt does not know', () => {
		const lines = ['some agent', '', 'Do you want to proceed? (y/n)'];
		expect(readScreen('my-agent', {...idle, lines})?.state).toBe('waiting');
		expect(readScreen('my-agent', {...idle, lines: ['thinking… esc to interrupt']})?.state).toBe('working');
		expect(readScreen('my-agent', {...idle, lines: ['hello']})).toBeUndefined();
	});
});

describe('layers', () => {
	const blank: ScreenSnapshot = {cols: 100, rows: 30, lines: [], cursor: {x: 0, y: 0}, title: '', alternate: false};
	const screenOf = (file: string): ScreenSnapshot => ({...loadScreen(capture(file)), title: ''});

	it('a process that is gone is exited, whatever else is known', () => {
		const result = detectState(settled(screenOf('claude-working.txt'), 'claude', {exited: {code: 1}, signal: {state: 'working', at: now}}));
		expect(result).toEqual({state: 'exited', source: 'process', confidence: 1, detail: 'exit code 1'});
		expect(detectState(settled(blank, 'claude', {exited: {}})).state).toBe('exited');
	});

	it("the agent's own signal wins over the screen", () => {
		const result = detectState(settled(screenOf('claude-idle.txt'), 'claude', {signal: {state: 'working', at: now - 5000}}));
		expect(result).toMatchObject({state: 'working', source: 'signal'});
		expect(result.confidence).toBeGreaterThan(0.9);
		expect(detectState(settled(blank, 'codex', {signal: {state: 'idle', detail: 'turn ended', at: now - 100}}))).toMatchObject({state: 'idle', source: 'signal', detail: 'turn ended'});
	});

	it('a prompt that came up after the signal wins', () => {
		const permission = screenOf('claude-permission.txt');
		expect(detectState(settled(permission, 'claude', {signal: {state: 'working', at: now - 3000}}))).toMatchObject({state: 'waiting', source: 'screen'});
		// Nothing drawn since the signal: the signal stands.
		expect(detectState(settled(permission, 'claude', {signal: {state: 'working', at: now - 100}, lastOutputAt: now - 3000}))).toMatchObject({state: 'working', source: 'signal'});
	});

	it('an answered prompt ends a waiting signal', () => {
		const working = screenOf('claude-working.txt');
		expect(detectState(settled(working, 'claude', {signal: {state: 'waiting', at: now - 3000}}))).toMatchObject({state: 'working', source: 'screen'});
		expect(detectState(settled(screenOf('claude-permission.txt'), 'claude', {signal: {state: 'waiting', at: now - 3000}}))).toMatchObject({state: 'waiting', source: 'signal'});
	});

	it('an old signal gives way to screen evidence, but not to silence', () => {
		const stale = {signal: {state: 'working' as const, at: now - signalTrustMs - 1000}, lastOutputAt: now - 30_000};
		expect(detectState(settled(screenOf('claude-interrupted.txt'), 'claude', stale))).toMatchObject({state: 'idle', source: 'screen'});
		expect(detectState(settled(blank, 'claude', stale))).toMatchObject({state: 'working', source: 'signal'});
	});

	it('reads the terminal title before screen patterns, except for prompts', () => {
		expect(detectState(settled({...blank, title: '⠂ Claude Code'}, 'claude'))).toMatchObject({state: 'working', source: 'title'});
		expect(detectState(settled({...blank, title: '✳ Claude Code'}, 'claude'))).toMatchObject({state: 'idle', source: 'title'});
		expect(detectState(settled({...blank, title: '✋  Action Required (repo)'}, 'gemini'))).toMatchObject({state: 'waiting', source: 'title'});
		expect(detectState(settled({...blank, title: '⠼ Create hello file | repo'}, 'codex'))).toMatchObject({state: 'working', source: 'title'});
		// Runtimes without a title rule ignore it.
		expect(detectState(settled({...blank, title: '⠂ Claude Code'}, 'amp')).source).not.toBe('title');
		// Claude keeps "✳" in its title while a permission prompt is up.
		expect(detectState(settled({...screenOf('claude-permission.txt'), title: '✳ Say hello'}, 'claude'))).toMatchObject({state: 'waiting', source: 'screen'});
	});

	it('is starting during the first seconds, or until any output', () => {
		expect(detectState({runtime: 'claude', screen: blank, startedAt: now - 1000, lastOutputAt: now - 1000, now})).toMatchObject({state: 'starting', source: 'process'});
		expect(detectState({runtime: 'claude', screen: blank, startedAt: now - 30_000, lastOutputAt: now - 30_000, now}).state).toBe('starting');
		expect(detectState({runtime: 'claude', screen: blank, startedAt: now - startingMs + 100, lastOutputAt: now - 2000, now}).state).toBe('starting');
		// Evidence beats the clock: a trust screen one second in is waiting.
		expect(detectState({runtime: 'claude', screen: screenOf('claude-trust.txt'), startedAt: now - 1000, lastOutputAt: now - 10, now}).state).toBe('waiting');
	});

	it('falls back to output quiescence, then unknown', () => {
		const quiet = detectState({runtime: 'claude', screen: blank, startedAt: now - 60_000, lastOutputAt: now - quietMs - 500, now});
		expect(quiet).toMatchObject({state: 'idle', source: 'quiet'});
		expect(quiet.confidence).toBeLessThan(0.5);
		expect(detectState({runtime: 'claude', screen: blank, startedAt: now - 60_000, lastOutputAt: now - 100, now})).toMatchObject({state: 'unknown', confidence: 0});
	});
});

describe('sim screens', () => {
	const view: View = {
		banner,
		identity: 'polecat · mp/polecats/furiosa · /tmp/mp/polecats/furiosa',
		log: [{kind: 'user', text: 'Do you want to proceed? Check your hook.'}, {kind: 'assistant', text: 'Reading my hook.'}],
		input: {text: '', cursor: 0},
		queued: [],
		color: false,
	};
	const simScreen = (shown: View, title = ''): ScreenSnapshot => ({cols: 100, rows: 30, lines: renderScreen(shown, 100, 30).map(line => line.trimEnd()), cursor: {x: 0, y: 0}, title, alternate: false});

	it('reads the sim as it draws itself', () => {
		expect(readScreen('sim', simScreen(view))?.state).toBe('idle');
		expect(readScreen('sim', simScreen({...view, input: {text: 'esc to interrupt', cursor: 3}}))?.state).toBe('idle');
		const busy = {...view, busy: {verb: 'Working', frame: 3}};
		expect(readScreen('sim', simScreen(busy))?.state).toBe('working');
		const asking = {...busy, permission: {title: 'Bash', command: 'git commit -m x', description: 'Commit the work', selected: 0}};
		expect(readScreen('sim', simScreen(asking))?.state).toBe('waiting');
		expect(detectState(settled(simScreen(asking, titleText(3)), 'sim'))).toMatchObject({state: 'waiting', source: 'screen'});
		expect(detectState(settled(simScreen(busy, titleText(3)), 'sim'))).toMatchObject({state: 'working', source: 'title'});
	});
});
