// GT_SIM_CHATTER: the sim keeps writing filler lines, idle or working (used by
// bench/agents.bench.js to load the daemon with 30 busy agents).
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {parseChatterMs} from '../../source/sim/sim-agent.js';
import {makeGitRepo, tempDir, testEnv} from '../helpers/cli.js';
import {isIdle, SimTerminal} from './sim-terminal.js';

const sims: SimTerminal[] = [];
afterEach(() => {
	for (const sim of sims.splice(0)) sim.kill();
});

/** The highest n among the "… reading src/file-<n>.js" lines on screen. */
const lastChatter = (screen: string): number => Math.max(0, ...[...screen.matchAll(/… reading src\/file-(\d+)\.js/g)].map(match => Number(match[1])));

function start(env: Record<string, string>, args: string[] = []): {sim: SimTerminal; home: string} {
	const home = tempDir('sim-chatter');
	const testenv = testEnv(home, {TERM: 'xterm-256color', GT_SIM_SPEED: '20', ...env});
	const repo = makeGitRepo(path.join(home, 'repo'), testenv);
	const sim = new SimTerminal({cwd: repo, env: testenv, args});
	sims.push(sim);
	return {sim, home};
}

describe('GT_SIM_CHATTER', () => {
	it('parses milliseconds; anything else is off', () => {
		expect(parseChatterMs('100')).toBe(100);
		expect(parseChatterMs(undefined)).toBe(0);
		expect(parseChatterMs('')).toBe(0);
		expect(parseChatterMs('0')).toBe(0);
		expect(parseChatterMs('-5')).toBe(0);
		expect(parseChatterMs('soon')).toBe(0);
	});

	it('an idle sim keeps appending lines, and they are not kept in the conversation file', async () => {
		const {sim, home} = start({GT_SIM_CHATTER: '40', GT_ROOT: ''}, ['--session-id', 'chatter-test']);
		await sim.waitFor(screen => isIdle(screen) && lastChatter(screen) >= 1);
		const first = lastChatter(sim.screen());
		const screen = await sim.waitFor(current => lastChatter(current) >= first + 5);
		expect(isIdle(screen)).toBe(true);
		// Newest line at the bottom of the conversation, the input box still below it.
		expect(screen.indexOf(`file-${lastChatter(screen)}.js`)).toBeLessThan(screen.indexOf('❯'));
		const file = path.join(home, 'tmp-not-used'); // conversation files live in the temp dir outside a town
		expect(existsSync(file)).toBe(false);
		sim.write('/exit\r');
		await sim.exited;
		const conversations = path.join((await import('node:os')).tmpdir(), `gt-sim-${process.getuid?.() ?? 'user'}`, 'chatter-test.jsonl');
		if (existsSync(conversations)) expect(readFileSync(conversations, 'utf8')).not.toContain('reading src/file-');
	});

	it('a working sim chatters under its spinner', async () => {
		const {sim} = start({GT_SIM_CHATTER: '40', GT_SIM_SPEED: '60000'});
		await sim.waitFor(isIdle);
		sim.write('take your time\r');
		await sim.waitFor('esc to interrupt');
		const first = lastChatter(sim.screen());
		const screen = await sim.waitFor(current => lastChatter(current) >= first + 5);
		expect(screen).toContain('esc to interrupt');
	});

	it('is off without the variable', async () => {
		const {sim} = start({});
		const screen = await sim.waitFor(isIdle);
		expect(screen).not.toContain('reading src/file-');
	});
});
