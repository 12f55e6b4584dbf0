// gt pause / resume / estop / thaw over a real town, as the built binaries, with a sim
// polecat that keeps working (GT_SIM_SPEED=3600000): the process group is really stopped, its
// CPU time stands still, the pause outlives a SIGKILLed daemon, and resume continues the
// same conversation.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {waitUntil} from '../../helpers/wait.js';

let town: TestTown;
const gt = (args: string[]) => runOk('gt', args, {cwd: town.town, env: {...town.vars, GT_SIM_SPEED: '3600000'}});
const agents = async () => JSON.parse(await gt(['agents', '--json'])) as SessionInfo[];
const polecat = async () => (await agents()).find(agent => agent.role === 'polecat');
const procStat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
const cpuTicks = (pid: number) => Number(procStat(pid)[11]) + Number(procStat(pid)[12]);
const daemonPid = () => Number(readFileSync(path.join(town.town, '.runtime', 'daemon.pid'), 'utf8').replace(/\D+/g, ' ').trim().split(' ')[0]);

beforeAll(async () => {
	town = await makeTown();
	await gt(['up']);
	const {id} = JSON.parse(await runOk('bd', ['create', 'Long work', '--json'], {cwd: town.rigDir, env: town.vars})) as {id: string};
	await gt(['sling', id, town.rig]);
	await waitUntil(async () => (await polecat())?.state.state === 'working', {what: 'the polecat working', timeout: 20_000});
});

afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

describe('gt pause and resume', () => {
	it('stops the process group: no CPU, kept hook, shown paused everywhere', async () => {
		const before = (await polecat())!;
		expect(await gt(['pause', before.address, '-m', 'lunch'])).toMatch(/^Paused .* It uses no CPU until `gt resume /);
		const paused = (await polecat())!;
		expect(paused.state).toMatchObject({state: 'paused', source: 'signal', detail: 'lunch'});
		expect(paused.pid).toBe(before.pid);
		expect(procStat(paused.pid!)[0]).toBe('T');
		const ticks = cpuTicks(paused.pid!);
		await new Promise(resolve => setTimeout(resolve, 1500));
		expect(cpuTicks(paused.pid!)).toBe(ticks);
		const hooks = JSON.parse(await gt(['hooks', 'list', '--json'])) as Array<{address: string; state: string; why: string; bead: {id: string} | null}>;
		expect(hooks.find(hook => hook.address === paused.address)).toMatchObject({state: 'suspended', why: 'lunch', bead: {id: before.bead}});
		expect(await gt(['agents'])).toMatch(/‖ paused \(signal\)/);
	});

	it('stays paused when the daemon is SIGKILLed and started again, then resumes the same conversation', async () => {
		const before = (await polecat())!;
		process.kill(daemonPid(), 'SIGKILL');
		await waitUntil(async () => (await runCli('gt', ['agents', '--json'], {cwd: town.town, env: town.vars})).stdout.trim() === '[]', {what: 'the daemon gone'});
		expect(await gt(['up'])).toMatch(new RegExp(`^Paused \\(\`gt resume <agent>\` continues\\): ${before.address} \\(${before.bead}\\)$`, 'm'));
		const after = (await polecat())!;
		expect(after.state.state).toBe('paused');
		expect(after.state.detail).toMatch(/^lunch \(not running; `gt resume` starts it/);
		expect(after.pid).toBeUndefined();
		// The deacon's GUPP round must not start it either.
		await new Promise(resolve => setTimeout(resolve, 1500));
		expect((await polecat())!.state.state).toBe('paused');

		expect(await gt(['resume', after.address])).toMatch(/^Resumed /);
		await waitUntil(async () => (await polecat())?.pid !== undefined, {what: 'the resumed polecat running'});
		const resumed = (await polecat())!;
		expect(resumed.conversationId).toBe(before.conversationId);
		const log = readFileSync(path.join(town.town, '.runtime', 'daemon.log'), 'utf8');
		expect(log).toMatch(new RegExp(`${resumed.id} resumed by a new start: .* --resume ${before.conversationId}`));
		expect(resumed.bead).toBe(before.bead);
	});

	it('refuses what makes no sense, in one line', async () => {
		const agent = (await polecat())!;
		const notPaused = await runCli('gt', ['resume', agent.address], {cwd: town.town, env: town.vars});
		expect(notPaused.code).toBe(4);
		expect(notPaused.stderr).toMatch(/^gt: .* is not paused \(it is \w+\) — /);
		const nobody = await runCli('gt', ['pause', 'calc/nobody'], {cwd: town.town, env: town.vars});
		expect(nobody).toMatchObject({code: 3, stdout: ''});
	});
});

describe('gt estop and thaw', () => {
	it('freezes every running agent, refuses slings while frozen, and thaws only what it froze', async () => {
		await waitUntil(async () => (await polecat())?.state.state === 'working', {what: 'the polecat working again', timeout: 20_000});
		const frozen = await gt(['estop', '-m', 'deploy']);
		expect(frozen).toMatch(/^The town frozen: 2 agents paused \(/);
		expect((await agents()).every(agent => agent.state.state === 'paused')).toBe(true);
		const {id} = JSON.parse(await runOk('bd', ['create', 'Not now', '--json'], {cwd: town.rigDir, env: town.vars})) as {id: string};
		const refused = await runCli('gt', ['sling', id, town.rig], {cwd: town.town, env: town.vars});
		expect(refused.code).toBe(4);
		expect(refused.stderr).toMatch(/^gt: the town is frozen \(gt estop, .*: deploy\) — gt thaw lets agents run again\n$/);
		const [bead] = JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd: town.rigDir, env: town.vars})) as Array<{status: string}>;
		expect(bead!.status).toBe('open');
		expect(await gt(['thaw'])).toMatch(/^Thawed: 2 agents resumed/);
		expect((await agents()).some(agent => agent.state.state === 'paused')).toBe(false);
		expect(await gt(['thaw'])).toBe('Nothing was frozen.\n');
	});
});
