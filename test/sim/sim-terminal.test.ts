// The sim in a real pty, read through a headless terminal: what a person (or the
// daemon's state detector) sees.
import {afterEach, describe, expect, it} from 'vitest';
import {makeGitRepo, tempDir, testEnv} from '../helpers/cli.js';
import {isIdle, promptLine, SimTerminal} from './sim-terminal.js';

const sims: SimTerminal[] = [];
afterEach(() => {
	for (const sim of sims.splice(0)) sim.kill();
});

function start(options: {speed?: number; env?: Record<string, string>; args?: string[]} = {}): SimTerminal {
	const home = tempDir('sim-home');
	const env = testEnv(home, {TERM: 'xterm-256color', GT_SIM_SPEED: String(options.speed ?? 20), ...options.env});
	const repo = makeGitRepo(`${home}/repo`, env);
	const sim = new SimTerminal({cwd: repo, env, args: options.args});
	sims.push(sim);
	return sim;
}

describe('sim in a terminal', () => {
	it('says it is simulated and shows an idle prompt', async () => {
		const sim = start();
		const screen = await sim.waitFor(isIdle);
		expect(screen).toContain('sim — simulated agent (no AI). Switch with: gt config default-agent claude');
		expect(promptLine(screen)).toMatch(/^❯/);
		expect(sim.title).toBe('✳ sim');
	});

	it('echoes a typed prompt, works with a spinner and a busy title, and goes idle again', async () => {
		const sim = start({speed: 60});
		await sim.waitFor(isIdle);
		await sim.type('hello');
		await sim.waitFor(screen => promptLine(screen)?.startsWith('❯ hello') === true);
		sim.write('\r');
		await sim.waitFor('esc to interrupt');
		expect(sim.screen()).toContain('> hello');
		await sim.waitForTitle(title => /^[⠀-⣿] sim$/.test(title));
		const screen = await sim.waitFor(current => isIdle(current) && current.includes('I am sim, a simulated agent'));
		expect(screen).toContain('● Bash(git status --short --branch)');
		expect(screen).toContain('## main');
		expect(sim.title).toBe('✳ sim');
	});

	it('Escape interrupts the work', async () => {
		const sim = start({speed: 2000});
		await sim.waitFor(isIdle);
		sim.write('take your time\r');
		await sim.waitFor('esc to interrupt');
		sim.write('\u001B');
		const screen = await sim.waitFor(isIdle);
		expect(screen).toContain('Interrupted · What should sim do instead?');
		expect(screen).not.toContain('I am sim, a simulated agent');
	});

	it('asks for permission with GT_SIM_ASK=1 and goes on after "1"', async () => {
		const sim = start({env: {GT_SIM_ASK: '1'}});
		await sim.waitFor(isIdle);
		sim.write('look around\r');
		let screen = await sim.waitFor('Do you want to proceed?');
		expect(screen).toContain('❯ 1. Yes');
		expect(screen).toContain('2. No');
		expect(screen).toContain('git status --short --branch');
		expect(screen).not.toContain('esc to interrupt');
		sim.write('1');
		screen = await sim.waitFor(current => isIdle(current) && current.includes('I am sim, a simulated agent'));
		expect(screen).not.toContain('Do you want to proceed?');
	});

	it('answering "No" skips the command and waits for the next prompt', async () => {
		const sim = start({env: {GT_SIM_ASK: '1'}});
		await sim.waitFor(isIdle);
		sim.write('look around\r');
		await sim.waitFor('Do you want to proceed?');
		sim.write('\u001B[B');
		await sim.waitFor('❯ 2. No');
		sim.write('\r');
		const screen = await sim.waitFor(current => isIdle(current) && current.includes('Okay, I did not run that'));
		expect(screen).not.toContain('## main');
	});

	it('takes a pasted multi-line prompt whole', async () => {
		const sim = start();
		await sim.waitFor(isIdle);
		sim.write('first line\nsecond line');
		await sim.waitFor('  second line');
		sim.write('\r');
		const screen = await sim.waitFor(current => isIdle(current) && current.includes('I am sim'));
		expect(screen).toContain('> first line\n  second line');
	});

	it('queues a prompt typed while busy and runs it next', async () => {
		const sim = start({speed: 150});
		await sim.waitFor(isIdle);
		sim.write('one\r');
		await sim.waitFor('esc to interrupt');
		sim.write('two\r');
		await sim.waitFor('> two  (queued)');
		const screen = await sim.waitFor(current => isIdle(current) && current.includes('act on "two"'));
		expect(screen).toContain('act on "one"');
	});

	it('redraws at the new size', async () => {
		const sim = start();
		await sim.waitFor(isIdle);
		sim.resize(60, 20);
		const screen = await sim.waitFor(current => /^╭─── sim · simulated agent ─+╮$/.test(current.split('\n')[0]!) && current.split('\n')[19]!.includes('ctrl+c twice to exit'));
		expect(screen.split('\n')[0]).toHaveLength(60);
		expect(screen.split('\n')[17]).toMatch(/^❯/);
	});

	it('Ctrl-C clears the input, twice exits; the terminal is restored', async () => {
		const sim = start();
		await sim.waitFor(isIdle);
		await sim.type('draft');
		await sim.waitFor('❯ draft');
		sim.write('\u0003');
		await sim.waitFor(screen => promptLine(screen)?.trim() === '❯');
		sim.write('\u0003');
		await sim.waitFor('Press Ctrl-C again to exit');
		sim.write('\u0003');
		expect(await sim.exited).toBe(0);
		// The headless terminal parses output asynchronously: the last lines may land just after the exit.
		await sim.waitFor(screen => /sim: conversation [\w-]+ ended\. Resume it with: gt sim-agent --resume/.test(screen));
	});

	it('Ctrl-D exits', async () => {
		const sim = start();
		await sim.waitFor(isIdle);
		sim.write('\u0004');
		expect(await sim.exited).toBe(0);
	});
});
