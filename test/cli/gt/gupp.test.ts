// GUPP end to end: a sim polecat with hooked work survives its daemon being killed
// with SIGKILL — `gt up` runs it again in the same worktree with the same hook.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

type Agent = {id: string; address: string; cwd: string; pid?: number; bead?: string; state: {state: string}};

describe('hooked work survives the daemon', () => {
	const home = tempDir('gupp');
	// A stalling sim stays on its work, like an agent in the middle of a long task.
	const env = testEnv(home, {GT_SIM_SPEED: '10', GT_SIM_STALL: '1'});
	const town = path.join(home, 'town');
	const gt = (args: string[]) => runOk('gt', args, {cwd: town, env});
	const agents = async () => JSON.parse(await gt(['agents', '--json'])) as Agent[];

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('SIGKILL the daemon, then gt up: the polecat runs again on the same worktree and hook', async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'README.md': '# p\n'});
		await runOk('gt', ['install', town], {cwd: home, env});
		await gt(['rig', 'add', 'proj', source]);
		await gt(['config', 'default-agent', 'sim']);
		const id = (await runOk('bd', ['create', 'A long task', '--silent'], {cwd: path.join(town, 'proj'), env})).trim();
		await gt(['sling', id, 'proj']);
		const before = await eventually(async () => {
			const polecat = (await agents()).find(agent => agent.address === 'proj/polecats/furiosa');
			expect(polecat?.pid).toBeGreaterThan(0);
			return polecat!;
		}, {what: 'the sling to start polecat proj/polecats/furiosa', timeout: 20_000, interval: 200});

		const daemonPid = Number(readFileSync(path.join(town, '.runtime', 'daemon.pid'), 'utf8').trim().split(/\s+/)[0]);
		process.kill(daemonPid, 'SIGKILL');
		await eventually(async () => expect((await runCli('gt', ['status', '--json'], {cwd: town, env})).stdout).toContain('"running":false'), {what: 'gt status to say the killed daemon is not running', timeout: 10_000, interval: 100});

		await gt(['up']);
		const after = await eventually(async () => {
			const polecat = (await agents()).find(agent => agent.address === 'proj/polecats/furiosa');
			expect(polecat?.pid).toBeGreaterThan(0);
			expect(polecat!.pid).not.toBe(before.pid);
			return polecat!;
		}, {what: 'gt up to run proj/polecats/furiosa again under a new pid', timeout: 20_000, interval: 200});
		expect(after.cwd).toBe(before.cwd);
		expect(after.bead).toBe(id);
		const hook = JSON.parse(await gt(['hook', 'proj/furiosa', '--json']));
		expect(hook.bead.id).toBe(id);
		expect(git(after.cwd, ['rev-parse', '--abbrev-ref', 'HEAD'], env)).toBe(`polecat/furiosa/${id}`);
	});
});
