import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {daemonPaths} from '../../../source/core/daemon/daemon-paths.js';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

let town: TestTown;
const gt = (args: string[], cwd = town.town, extra: Record<string, string> = {}) => runCli('gt', args, {cwd, env: {...town.vars, ...extra}});
const gtIn = (args: string[], cwd = town.town) => runInProcess('gt', args, {cwd, env: town.vars});
const bdOk = (args: string[], cwd = town.rigDir) => runOk('bd', args, {cwd, env: town.vars});

beforeAll(async () => {
	town = await makeTown();
});

describe('hook, prime, unsling, done from the command line', () => {
	it('shows what is on an agent\'s hook and primes it with its work', async () => {
		const id = (await bdOk(['create', 'Add subtract()', '-d', 'subtract(a, b) returns a - b', '--silent'])).trim();
		await bdOk(['update', id, '--status', 'hooked', '--assignee', 'calc/polecats/furiosa']);
		const hook = await gt(['hook', 'calc/furiosa', '--json']);
		expect(hook.code).toBe(0);
		expect(JSON.parse(hook.stdout)).toMatchObject({address: 'calc/polecats/furiosa', role: 'polecat', rig: 'calc', bead: {id, title: 'Add subtract()'}, branch: `polecat/furiosa/${id}`});
		const prime = await gt(['prime'], town.town, {GT_AGENT: 'calc/polecats/furiosa'});
		expect(prime.stdout).toContain(`${id}: Add subtract()`);
		expect(prime.stdout).toContain('subtract(a, b) returns a - b');
		expect(prime.stdout).toContain('gt done');
		const short = await gt(['prime', '--hook', '--agent', 'calc/polecats/furiosa']);
		expect(short.stdout.trim().split('\n')).toHaveLength(3);
		expect(short.stdout).toContain(`Your hook: ${id} "Add subtract()"`);
		const unsling = await gt(['unsling', id]);
		expect(unsling.code).toBe(0);
		expect(JSON.parse(await bdOk(['show', id, '--json']))[0]).toMatchObject({status: 'open'});
		// No worktree and nothing hooked: there is no such polecat (one with a worktree says "nothing on the hook").
		const none = await gt(['hook', 'calc/polecats/furiosa']);
		expect(none.code).toBe(3);
		expect(none.stderr).toContain('no polecat "furiosa" in rig calc');
	});

	it('gt hook <bead> and gt hook attach <bead> put work on the caller\'s own hook, one bead at a time', async () => {
		const first = (await bdOk(['create', 'Picked up by the agent', '--silent'])).trim();
		const second = (await bdOk(['create', 'Not yet', '--silent'])).trim();
		const agent = {GT_AGENT: 'calc/polecats/slit'};
		const hooked = await gt(['hook', first], town.town, agent);
		expect(hooked.code).toBe(0);
		expect(hooked.stdout).toContain(`${first}  Picked up by the agent is on calc/polecats/slit's hook`);
		expect(JSON.parse(await bdOk(['show', first, '--json']))[0]).toMatchObject({status: 'hooked', assignee: 'calc/polecats/slit'});
		const refused = await gt(['hook', 'attach', second], town.town, agent);
		expect(refused.code).toBe(4);
		expect(refused.stderr).toContain(`calc/polecats/slit already has ${first} on its hook`);
		expect(JSON.parse(await bdOk(['show', second, '--json']))[0].status).toBe('open');
		await gt(['unsling', first]);
	});

	it('primes the Mayor with the rigs and their ready work', async () => {
		const prime = await gt(['prime'], path.join(town.town, 'mayor'));
		expect(prime.code).toBe(0);
		expect(prime.stdout).toContain('You are the Mayor');
		expect(prime.stdout).toMatch(/- calc \(prefix ca, branch main\): .* — \d+ ready/);
		expect(prime.stdout).toContain('gt sling <bead> <rig>');
	});

	it('sling --dry-run says what would happen and changes nothing', async () => {
		const id = (await bdOk(['create', 'Dry', '--silent'])).trim();
		const result = await gt(['sling', id, 'calc', '--dry-run', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({dryRun: true, work: [{bead: id, agent: expect.stringMatching(/^calc\/polecats\//)}]});
		expect(JSON.parse(await bdOk(['show', id, '--json']))[0].status).toBe('open');
	});

	it.each([
		[['sling', 'ca-zzz', 'calc', '--dry-run'], 3, 'no bead "ca-zzz"'],
		[['sling', 'calc'], 2, 'GT_AGENT is not set'],
		[['sling', 'ca-zzz', 'nowhere', '--dry-run'], 3, 'no rig "nowhere"'],
		[['sling', 'zz-abc', 'calc', '--dry-run'], 3, 'no ledger holds "zz-abc"'],
		[['hook', 'calc/../etc'], 2, 'not an agent address'],
		[['hook', 'nowhere/furiosa'], 3, 'no rig "nowhere"'],
		[['hook', 'calc/a b'], 2, 'invalid polecat name'],
		[['done'], 2, 'which agent?'],
		[['unsling', 'ca-zzz'], 3, 'no bead "ca-zzz"'],
		[['prime', '--agent', 'mayor/x/y/z'], 2, 'not an agent address'],
	])('gt %j → exit %i', async (args, code, message) => {
		const result = await gtIn(args as string[]);
		expect(result.stderr).toContain(message);
		expect(result.code).toBe(code);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	it.each([
		[['sling', 'ca-zzz', 'calc'], 3, 'no bead "ca-zzz"'],
		[['sling', 'ca-zzz', 'nowhere'], 3, 'no rig "nowhere"'],
		[['sling', 'no-such-formula-or-bead', 'calc'], 3, 'no ledger holds'],
		[['sling', 'cut-release', 'calc', '--var', 'x'], 2, 'x'],
	])('a failing sling (%j) exits at once and never starts the daemon', async (args, code, message) => {
		const result = await gt(args as string[]);
		expect(result.stderr).toContain(message);
		expect(result.code).toBe(code);
		expect(existsSync(daemonPaths(town.town).pid)).toBe(false);
	});

	it('sling --dry-run refuses a broken rig.toml the way the real sling does', async () => {
		const own = await makeTown();
		const id = (await runOk('bd', ['create', 'Dry on a broken rig', '--silent'], {cwd: own.rigDir, env: own.vars})).trim();
		writeFileSync(path.join(own.rigDir, 'rig.toml'), 'git_url = "unterminated\n');
		for (const args of [['sling', id, 'calc', '--dry-run'], ['sling', id, 'calc']]) {
			const result = await runInProcess('gt', args, {cwd: own.town, env: own.vars});
			expect(result.code).not.toBe(0);
			expect(result.stderr).toContain('rig.toml');
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
		}
	});

	it('unsling refuses a bead that is not on a hook, and commands outside a town say so', async () => {
		const id = (await bdOk(['create', 'Loose', '--silent'])).trim();
		const result = await gtIn(['unsling', id]);
		expect(result.code).toBe(4);
		expect(result.stderr).toContain(`${id} is not on a hook (it is open)`);
		const outside = await gtIn(['hook', 'calc/furiosa'], town.work);
		expect(outside.code).toBe(3);
		expect(outside.stderr).toMatch(/^gt: not inside a Gas Town/);
	});
});
