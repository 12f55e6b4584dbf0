// gt mayor attach in a real terminal: the Mayor's screen full screen, keys passed
// through, ctrl+] detaches and leaves the terminal as it was, the Mayor keeps running.
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {attachMayor, screenOf} from '../../helpers/terminal.js';
import {eventually} from '../../helpers/wait.js';

describe('gt mayor attach', () => {
	const home = tempDir('attach');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('shows the Mayor, passes keys through, detaches on ctrl+] and restores the terminal', async () => {
		makeGitRepo(path.join(home, 'source'), env);
		await runOk('gt', ['install', town], {cwd: home, env});
		await runOk('gt', ['rig', 'add', 'proj', path.join(home, 'source')], {cwd: town, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});

		const {terminal, raw: rawOf, exited, pty} = await attachMayor(town, env);
		pty.write('hello mayor');
		await eventually(() => expect(screenOf(terminal)).toContain('❯ hello mayor'), {what: 'the typed text at the Mayor prompt', timeout: 10_000, interval: 100});

		pty.write('\x1d');
		expect(await exited).toBe(0);
		await eventually(() => expect(screenOf(terminal)).toContain('Detached. The Mayor keeps running'), {what: 'the detach notice after ctrl+]', timeout: 5000, interval: 50});
		expect(terminal.buffer.active.type).toBe('normal');
		expect(rawOf()).toContain('\x1b[?25h');
		expect(rawOf()).toContain('\x1b[?2004l');

		const status = JSON.parse(await runOk('gt', ['mayor', 'status', '--json'], {cwd: town, env}));
		expect(status.running).toBe(true);
		// What was typed before detaching is still in the Mayor's input line.
		expect(await runOk('gt', ['peek', 'mayor'], {cwd: town, env})).toContain('❯ hello mayor');
	});

	it('refuses without a terminal', async () => {
		const result = await runCli('gt', ['mayor', 'attach'], {cwd: town, env});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('gt: gt mayor attach needs a terminal — run it in a terminal, or read the screen with `gt peek mayor`\n');
	});
});
