// `gt up` right after `gt down` never meets "a daemon is already running", and a
// socket left by a dying daemon (it still accepts, nobody answers: a killed
// multi-threaded node shows as a zombie while its threads exit) does not hang it.
import {spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

const rounds = Number(process.env.GT_TEST_ROUNDS ?? 3);

describe('gt up right after gt down', () => {
	const home = tempDir('up-down');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const gt = (args: string[]) => runCli('gt', args, {cwd: town, env});

	afterAll(async () => {
		await gt(['down']);
	});

	it(`gt down; gt up succeeds every time (${rounds} rounds)`, async () => {
		makeGitRepo(path.join(home, 'source'), env);
		await runOk('gt', ['install', town], {cwd: home, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
		expect((await gt(['up'])).code).toBe(0);
		for (let round = 0; round < rounds; round++) {
			const down = await gt(['down']);
			expect(down.stdout).not.toContain('still exiting');
			const up = await gt(['up']);
			expect(up.stderr).toBe('');
			expect(up.code).toBe(0);
		}
	}, 60_000 + rounds * 20_000);

	it('a socket that accepts but never answers, its daemon dead: gt up starts a new daemon promptly', async () => {
		expect((await gt(['down'])).code).toBe(0);
		// The dying daemon: its pid gone, its listening socket still taking connections.
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		writeFileSync(path.join(town, '.runtime', 'daemon.pid'), `${dead}\n`);
		const silent = net.createServer(() => undefined);
		const socket = path.join(town, '.runtime', 'gt.sock');
		await new Promise<void>(resolve => silent.listen(socket, resolve));
		chmodSync(socket, 0o600);
		try {
			const started = Date.now();
			const up = await gt(['up']);
			const seconds = (Date.now() - started) / 1000;
			console.log(`gt up over a silent stale socket: ${seconds.toFixed(2)} s`);
			expect(up.stderr).toBe('');
			expect(up.code).toBe(0);
			expect(seconds).toBeLessThan(15);
			const status = JSON.parse((await gt(['status', '--json'])).stdout) as {daemon?: {running?: boolean; pid?: number}};
			expect(JSON.stringify(status)).toContain('"running":true');
			// Before the silent server closes: closing a Unix server unlinks its path, the new daemon's socket now.
			expect((await gt(['down'])).code).toBe(0);
		} finally {
			silent.close();
		}
	}, 90_000);
});
