// Attached to a session that vanishes: the agent exits, or the daemon dies. The user
// gets one line saying so and the shell back, with the terminal restored, never a
// frozen screen in raw mode.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {attachMayor, screenOf} from '../../helpers/terminal.js';
import {eventually} from '../../helpers/wait.js';

describe('attached to a session that vanishes', () => {
	const home = tempDir('attach-vanish');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	const attach = async () => attachMayor(town, env);

	const within = <T>(promise: Promise<T>, ms: number, what: string) =>
		Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still attached after ${ms} ms`)), ms))]);

	it('the agent is killed: one line, back to the shell, terminal restored', async () => {
		makeGitRepo(path.join(home, 'source'), env);
		await runOk('gt', ['install', town], {cwd: home, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
		const {terminal, raw, exited, pty} = await attach();
		const mayor = (JSON.parse(await runOk('gt', ['agents', '--json'], {cwd: town, env})) as Array<{id: string; pid?: number}>).find(agent => agent.id === 'mayor')!;
		process.kill(mayor.pid!, 'SIGKILL');
		try {
			expect(await within(exited, 10_000, 'after the agent was killed')).toBe(0);
		} finally {
			pty.kill();
		}
		await eventually(() => expect(screenOf(terminal)).toContain('The Mayor exited'), {what: 'the exit notice', timeout: 5000});
		expect(terminal.buffer.active.type).toBe('normal');
		expect(raw()).toContain('\x1b[?25h');
	}, 60_000);

	it('the daemon dies: one line, back to the shell, terminal restored', async () => {
		const {terminal, raw, exited, pty} = await attach();
		const daemonPid = Number(readFileSync(path.join(town, '.runtime', 'daemon.pid'), 'utf8').trim().split(/\s+/)[0]);
		process.kill(daemonPid, 'SIGKILL');
		let code: number;
		try {
			code = await within(exited, 10_000, 'after the daemon was killed');
		} finally {
			pty.kill();
		}
		expect(code).toBe(1);
		await eventually(() => expect(screenOf(terminal)).toMatch(/The daemon is gone/), {what: 'the notice that the daemon is gone', timeout: 5000});
		expect(screenOf(terminal).split('\n').filter(line => /daemon/i.test(line))).toHaveLength(1);
		expect(terminal.buffer.active.type).toBe('normal');
		expect(raw()).toContain('\x1b[?25h');
		expect(raw()).toContain('\x1b[?2004l');
	}, 60_000);
});
