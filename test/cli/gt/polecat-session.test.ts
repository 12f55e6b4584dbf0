// The original's polecat and session commands over a real daemon and sim agents:
// gt polecat list|remove|nuke, gt session status|stop, gt agents -a (a stopped agent stays listed).
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {git, runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {eventually} from '../../helpers/wait.js';

let town: TestTown;
const vars = () => ({...town.vars, GT_SIM_SPEED: '3600000'});
const gt = (args: string[]) => runCli('gt', args, {cwd: town.town, env: vars()});
const gtOk = (args: string[]) => runOk('gt', args, {cwd: town.town, env: vars()});
const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
const show = async (id: string) => (JSON.parse(await bd(['show', id, '--json'])) as Array<{status: string; assignee?: string}>)[0]!;
type Listed = {address: string; state: {state: string}; bead?: string; restart?: string};

async function slingOne(title: string): Promise<{bead: string; address: string; name: string}> {
	const bead = (await bd(['create', title, '--silent'])).trim();
	await gtOk(['sling', bead, 'calc']);
	const address = (await show(bead)).assignee!;
	return {bead, address, name: address.split('/').at(-1)!};
}

beforeAll(async () => {
	town = await makeTown();
});

afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

describe('gt polecat, gt session and gt agents -a', () => {
	it('lists polecats in the original\'s JSON shape; session status shows one; session stop keeps it listed as stopped with its hook', async () => {
		const {bead, address, name} = await slingOne('Keep me');
		await eventually(async () => expect((JSON.parse(await gtOk(['polecat', 'list', 'calc', '--json'])) as Array<{session_running: boolean}>)[0]?.session_running).toBe(true), {what: 'the polecat session', timeout: 20_000});
		expect(JSON.parse(await gtOk(['polecat', 'list', '--json']))).toEqual([expect.objectContaining({rig: 'calc', name, issue: bead, session_running: true, session_name: `calc.polecats.${name}`})]);
		expect(await gtOk(['polecat', 'list', 'calc'])).toMatch(new RegExp(`calc/${name}\\s+\\w+\\s+running\\s+${bead}`));
		const status = await gtOk(['session', 'status', `calc/${name}`]);
		expect(status).toContain(`${address}: running`);
		expect(status).toContain(bead);

		expect(await gtOk(['session', 'stop', `calc/${name}`])).toContain(`Stopped ${address}`);
		await eventually(async () => expect(JSON.parse(await gtOk(['session', 'status', `calc/${name}`, '--json']))).toMatchObject({running: false, hooked: bead}), {what: 'the session to end', timeout: 15_000});
		expect((await show(bead)).status).toBe('hooked');
		// Without -a a stopped agent is not a running one; with -a it is listed, stopped, with how to start it.
		expect((JSON.parse(await gtOk(['agents', '--json'])) as Listed[]).map(agent => agent.address)).not.toContain(address);
		const all = JSON.parse(await gtOk(['agents', '-a', '--json'])) as Listed[];
		expect(all.find(agent => agent.address === address)).toMatchObject({state: {state: 'stopped'}, bead, restart: 'gt up'});
		expect(all.find(agent => agent.address === 'mayor/')).toMatchObject({state: {state: 'stopped'}, restart: 'gt mayor start'});
		expect(await gtOk(['agents', '--all'])).toMatch(new RegExp(`${address}\\s+polecat\\s+■ stopped\\s+${bead}\\s+gt up`));
		const again = await gt(['session', 'stop', `calc/${name}`]);
		expect(again.code).toBe(3);
		expect(again.stderr).toContain('has no running session');
	});

	it('polecat remove refuses unsaved work; --force (and nuke) stop it, reopen the bead, delete worktree and branch', async () => {
		const {bead, name} = await slingOne('Remove me');
		const dir = path.join(town.rigDir, 'polecats', name);
		await eventually(() => expect(existsSync(dir)).toBe(true), {what: 'the worktree'});
		writeFileSync(path.join(dir, 'scratch.txt'), 'not committed\n');
		const refused = await gt(['polecat', 'remove', `calc/${name}`]);
		expect(refused.code).toBe(4);
		expect(refused.stderr).toContain('1 uncommitted file(s)');
		expect(existsSync(dir)).toBe(true);
		expect((await show(bead)).status).toBe('hooked');

		const removed = JSON.parse(await gtOk(['polecat', 'nuke', `calc/${name}`, '--force', '--json'])) as Array<{released?: string; branches: string[]}>;
		expect(removed[0]).toMatchObject({released: bead, branches: [`polecat/${name}/${bead}`]});
		expect(existsSync(dir)).toBe(false);
		expect(await show(bead)).toMatchObject({status: 'open'});
		expect(git(path.join(town.rigDir, '.repo.git'), ['branch', '--list', `polecat/${name}/*`], town.vars)).toBe('');
		expect((JSON.parse(await gtOk(['agents', '--json'])) as Listed[]).map(agent => agent.address)).not.toContain(`calc/polecats/${name}`);
		const gone = await gt(['polecat', 'remove', `calc/${name}`]);
		expect(gone.code).toBe(3);
		expect(gone.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('polecat remove refuses what is not an agent address (exit 2), as session stop does, before looking for a rig', async () => {
		for (const command of [['polecat', 'remove'], ['session', 'stop']]) {
			for (const address of ['../x', 'calc/../x', '..']) {
				const refused = await gt([...command, address]);
				expect(refused.code, `${command.join(' ')} ${address}`).toBe(2);
				expect(refused.stderr).toBe(`gt: "${address}" is not an agent address — use mayor, <rig>/<polecat>, <rig>/polecats/<name> or <rig>/crew/<name>\n`);
			}
		}
		const crew = await gt(['polecat', 'remove', 'calc/crew/max']);
		expect(crew.code).toBe(2);
		expect(crew.stderr).toBe('gt: "calc/crew/max" is not a polecat — usage: gt polecat remove <rig>/<name>\n');
		const rig = await gt(['polecat', 'remove', 'nowhere/x']);
		expect(rig.code).toBe(3);
		expect(rig.stderr).toContain('no rig "nowhere"');
	});
});
