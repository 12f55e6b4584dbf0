// A daemon killed while it respawns agents must not forget the rest: five sim
// polecats on hooked beads, the daemon SIGKILLed, `gt up`, and that new daemon
// SIGKILLed as soon as it has respawned its first agent; the next `gt up` brings
// back all five, round after round. And hooked work with no session record at all
// comes back through `gt hooks repair`.
import {readFileSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

type Agent = {id: string; address: string; pid?: number; bead?: string; state: {state: string}};
const rounds = Number(process.env.GT_TEST_ROUNDS ?? 3);

describe('a daemon killed during respawn', () => {
	const home = tempDir('respawn-kill');
	const env = testEnv(home, {GT_SIM_SPEED: '10', GT_SIM_STALL: '1'});
	const town = path.join(home, 'town');
	const runtime = path.join(town, '.runtime');
	const gt = (args: string[]) => runOk('gt', args, {cwd: town, env});
	const polecats = async () => (JSON.parse(await gt(['agents', '--json'])) as Agent[]).filter(agent => agent.id.includes('.polecats.'));
	const daemonPid = () => Number(readFileSync(path.join(runtime, 'daemon.pid'), 'utf8').trim().split(/\s+/)[0]);
	const beads: string[] = [];

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	const allBack = (what: string) =>
		eventually(async () => {
			const running = (await polecats()).filter(agent => agent.pid && agent.state.state !== 'exited');
			expect(running.map(agent => agent.bead).sort()).toEqual([...beads].sort());
			return running;
		}, {what, timeout: 30_000, interval: 250});

	it('five sim polecats on hooked beads', async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'README.md': '# p\n'});
		await runOk('gt', ['install', town], {cwd: home, env});
		await gt(['rig', 'add', 'proj', source]);
		await gt(['config', 'default-agent', 'sim']);
		for (let index = 0; index < 5; index++) beads.push((await runOk('bd', ['create', `Long task ${index}`, '--silent'], {cwd: path.join(town, 'proj'), env})).trim());
		await gt(['sling', ...beads, 'proj']);
		await allBack('five polecats running after the sling');
	});

	it(`SIGKILL, gt up, SIGKILL at the first "respawned": the next gt up brings all five back (${rounds} rounds)`, async () => {
		let back = 0;
		for (let round = 0; round < rounds; round++) {
			process.kill(daemonPid(), 'SIGKILL');
			const logStart = statSync(path.join(runtime, 'daemon.log')).size;
			const firstUp = runCli('gt', ['up'], {cwd: town, env});
			const killed = await eventually(() => {
				// A byte offset: the log holds non-ASCII text.
				const text = readFileSync(path.join(runtime, 'daemon.log')).subarray(logStart).toString('utf8');
				const started = /started \(pid (\d+)\)/.exec(text);
				expect(text).toContain('respawned (pid');
				return Number(started![1]);
			}, {what: 'the new daemon to respawn its first agent', timeout: 20_000, interval: 5});
			process.kill(killed, 'SIGKILL');
			await firstUp;
			// sessions.json still names all five: the daemon respawns them itself, gt up has none to bring back.
			expect(await gt(['up'])).not.toContain('Brought back');
			back += (await allBack(`all five polecats back after round ${round + 1}`)).length;
			const hooks = await gt(['hooks', 'list']);
			expect(hooks).not.toContain('no session');
		}
		expect(back).toBe(5 * rounds);
	}, 120_000 + rounds * 40_000);

	it('hooked work whose record is gone entirely: gt hooks repair starts its agent again', async () => {
		await gt(['down']);
		rmSync(path.join(runtime, 'sessions.json'));
		// A daemon with no record of them (started by a command other than `gt up`).
		await gt(['mayor', 'start']);
		expect(await polecats()).toEqual([]);
		expect(await gt(['hooks', 'list'])).toContain('no session');
		const repaired = await gt(['hooks', 'repair']);
		expect(repaired.match(/start-agent/g)).toHaveLength(5);
		await allBack('all five polecats back after gt hooks repair');
		expect(await gt(['hooks', 'repair'])).toBe('Nothing to repair.\n');
	}, 90_000);
});
