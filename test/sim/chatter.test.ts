// GT_SIM_CHATTER: the sim keeps writing filler lines, idle or working (used by
// bench/agents.bench.js to load the daemon with 30 busy agents).
import {readFileSync} from 'node:fs';
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
	// GT_ROOT: the conversation file goes to <home>/town/.runtime/sim/.
	const testenv = testEnv(home, {TERM: 'xterm-256color', GT_SIM_SPEED: '20', GT_ROOT: path.join(home, 'town'), ...env});
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
		const {sim, home} = start({GT_SIM_CHATTER: '40'}, ['--session-id', 'chatter-test']);
		await sim.waitFor(screen => isIdle(screen) && lastChatter(screen) >= 1);
		const first = lastChatter(sim.screen());
		const screen = await sim.waitFor(current => lastChatter(current) >= first + 5);
		expect(isIdle(screen)).toBe(true);
		// The newest line is at the bottom of the conversation, above the input box.
		expect(screen.indexOf(`file-${lastChatter(screen)}.js`)).toBeLessThan(screen.indexOf('❯'));
		sim.write('hello\r');
		await sim.waitFor(current => isIdle(current) && current.includes('I am sim, a simulated agent'));
		const saved = readFileSync(path.join(home, 'town', '.runtime', 'sim', 'chatter-test.jsonl'), 'utf8');
		expect(saved).toContain('hello');
		expect(saved).not.toContain('reading src/file-');
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
