import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {addRig} from '../../../source/core/town/rig-lifecycle.js';
import {makeGitRepo, runCli, runOk} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

let town: TestTown;
let webDir: string;
const gt = (args: string[], extra: Record<string, string> = {}) => runCli('gt', args, {cwd: town.town, env: {...town.vars, ...extra}});
const gtOk = (args: string[], extra: Record<string, string> = {}) => runOk('gt', args, {cwd: town.town, env: {...town.vars, ...extra}});
const gtIn = (args: string[], extra: Record<string, string> = {}) => runInProcess('gt', args, {cwd: town.town, env: {...town.vars, ...extra}});
const bdOk = (args: string[], cwd = town.rigDir) => runOk('bd', args, {cwd, env: town.vars});
const newBead = async (title: string, cwd = town.rigDir) => (await bdOk(['create', title, '--silent'], cwd)).trim();
const convoyBead = async (id: string) => JSON.parse(await bdOk(['show', id, '--json'], town.town))[0];
const wisps = () => readFileSync(path.join(town.town, '.beads', 'wisps.jsonl'), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
	town = await makeTown();
	makeGitRepo(path.join(town.work, 'web-project'), town.vars);
	await addRig(town.town, {name: 'web', source: path.join(town.work, 'web-project'), prefix: 'wb'}, town.env);
	webDir = path.join(town.town, 'web');
});

describe('gt convoy', () => {
	it('a convoy across two rigs lands through bd close of its last bead and mails the overseer', async () => {
		const api = await newBead('Auth API');
		const page = await newBead('Login page', webDir);
		const created = JSON.parse(await gtOk(['convoy', 'create', 'Auth system', api, page, '--human', '--json']));
		expect(created).toMatchObject({title: 'Auth system', status: 'open', owner: 'overseer', done: 0, total: 2, human: true});
		const id = created.id as string;
		expect(id).toMatch(/^hq-cv-/);

		const list = await gtOk(['convoy', 'list']);
		expect(list).toMatch(new RegExp(`${id}\\s+Auth system\\s+░░░░░ 0/2\\s+open`));

		await bdOk(['update', api, '--status', 'in_progress', '--assignee', 'calc/polecats/furiosa']);
		const show = await gtOk(['convoy', 'show', id]);
		expect(show).toContain(`🚚 ${id}: Auth system  [open]`);
		expect(show).toContain('Progress: ░░░░░ 0/2');
		expect(show).toMatch(/In progress\/hooked \(1\):\n  ◐ ca-\w+  Auth API — calc\/polecats\/furiosa  \(calc\)/);
		expect(show).toMatch(/Ready\/open \(1\):\n  ○ wb-\w+  Login page  \(web\)/);

		const first = await bdOk(['close', api]);
		expect(first).not.toContain('landed');
		expect((await convoyBead(id)).status).toBe('open');
		expect(await gtOk(['convoy', 'status', id])).toContain('Progress: ██░░░ 1/2');

		const last = await bdOk(['close', page], webDir);
		expect(last).toContain(`Convoy ${id} landed: Auth system (2/2)`);
		expect(await convoyBead(id)).toMatchObject({status: 'closed', close_reason: 'landed'});
		const mail = wisps().filter(message => message.title === 'Convoy landed: Auth system');
		expect(mail.map(message => message.to)).toEqual(['overseer']);
		expect(String(mail[0]!.description)).toContain('Auth API — calc/polecats/furiosa (calc)');

		expect(await gtOk(['convoy', 'list'])).not.toContain(id);
		expect(await gtOk(['convoy', 'list', '--all'])).toMatch(new RegExp(`${id}\\s+Auth system\\s+█████ 2/2\\s+landed`));
		const shown = JSON.parse(await gtOk(['convoy', 'show', id, '--json']));
		expect(shown).toMatchObject({status: 'closed', close_reason: 'landed', done: 2, total: 2});
	});

	it('bd update --status closed lands too', async () => {
		const only = await newBead('Only bead');
		const id = JSON.parse(await gtOk(['convoy', 'create', 'Single', only, '--json'])).id as string;
		const out = await bdOk(['update', only, '--status', 'closed']);
		expect(out).toContain(`Convoy ${id} landed: Single (1/1)`);
		expect((await convoyBead(id)).status).toBe('closed');
	});

	it('adds to the most recent open convoy and says which; adding reopens a closed one', async () => {
		const id = JSON.parse(await gtOk(['convoy', 'create', 'Recent', '--json'])).id as string;
		const extra = await newBead('Extra');
		const added = await gtOk(['convoy', 'add', extra]);
		expect(added).toContain(`Added ${extra} to ${id} (Recent), the most recent open convoy`);
		expect(await gtOk(['convoy', 'add-issue', extra, '--convoy', id])).toContain(`${extra} was already tracked by ${id}`);

		await bdOk(['close', extra]);
		expect((await convoyBead(id)).status).toBe('closed');
		const again = await newBead('Again');
		const reopened = JSON.parse(await gtOk(['convoy', 'add', again, '--convoy', id, '--json']));
		expect(reopened).toMatchObject({added: [again], reopened: true, defaulted: false, convoy: {status: 'open', done: 1, total: 2}});
	});

	it('takes the original\'s order, the convoy first: gt convoy add <convoy-id> <bead>', async () => {
		const older = JSON.parse(await gtOk(['convoy', 'create', 'Older', '--json'])).id as string;
		await gtOk(['convoy', 'create', 'Newer', '--json']);
		const bead = await newBead('For the older one');
		expect(await gtOk(['convoy', 'add', older, bead])).toContain(`Added ${bead} to ${older} (Older)`);
		const tracked = ((await convoyBead(older)).dependencies as Array<{id: string}>).map(dependency => dependency.id);
		expect(tracked).toEqual([bead]);
		// The tracked bead lives in the rig's ledger: bd show reads it there, as the original routes it.
		const [dependency] = (await convoyBead(older)).dependencies as Array<Record<string, unknown>>;
		expect(dependency).toMatchObject({id: bead, dependency_type: 'tracks', status: 'open'});
		expect(dependency).not.toHaveProperty('missing');
	});

	it('close refuses open beads unless --force, and lands one whose beads are all closed', async () => {
		const open = await newBead('Open work');
		const id = JSON.parse(await gtOk(['convoy', 'create', 'Stuck', open, '--json'])).id as string;
		const refused = await gtIn(['convoy', 'close', id]);
		expect(refused.code).toBe(4);
		expect(refused.stderr.trim().split('\n')).toEqual([`gt: ${id} still tracks 1 open bead: ${open} — close them first, or use --force`]);
		const forced = await gtOk(['convoy', 'close', id, '--force', '--reason', 'superseded by a rewrite']);
		expect(forced).toContain(`Closed ${id}: Stuck with 1 bead still open (${open})`);
		expect(await convoyBead(id)).toMatchObject({status: 'closed', close_reason: 'superseded by a rewrite'});
	});

	it('refresh lands what slipped past (a bead closed with the convoy missing the news)', async () => {
		const bead = await newBead('Behind the back');
		const id = JSON.parse(await gtOk(['convoy', 'create', 'Check me', bead, '--json'])).id as string;
		// BEADS_DIR outside the town's view: bd close cannot know about the town's convoys.
		await runOk('bd', ['close', bead], {cwd: town.work, env: {...town.vars, BEADS_DIR: path.join(town.rigDir, '.beads')}});
		expect((await convoyBead(id)).status).toBe('open');
		expect(await gtOk(['convoy', 'check'])).toContain(`🚚 Convoy ${id} landed: Check me (1/1)`);
		expect(await gtOk(['convoy', 'refresh'])).toMatch(/Nothing to land: \d+ open convoys? (has|have) beads still open\./);
	});

	it('records the agent that creates a convoy as its owner and takes --notify addresses', async () => {
		const bead = await newBead('Agent work');
		const created = JSON.parse(await gtOk(['convoy', 'create', 'Mayor plan', bead, '--notify', 'overseer', '--notify=', '--json'], {GT_AGENT: 'mayor'}));
		expect(created).toMatchObject({owner: 'mayor/', notify: ['overseer', 'mayor/']});
		const bad = await gtIn(['convoy', 'create', 'Bad notify', '--notify', 'nobody here']);
		expect(bad.code).toBe(2);
	});

	it('refuses a patrol as a --notify address up front (it would not read the landing) and creates nothing', async () => {
		const bead = await newBead('Patrol notify');
		const before = (JSON.parse(await gtOk(['convoy', 'list', '--all', '--json'])) as unknown[]).length;
		for (const [given, address] of [['calc/witness', 'calc/witness'], ['calc/refinery/', 'calc/refinery'], ['deacon', 'deacon/']]) {
			const refused = await gtIn(['convoy', 'create', 'To a patrol', bead, '--notify', given!]);
			expect(refused.code, given).toBe(2);
			expect(refused.stdout).toBe('');
			expect(refused.stderr).toBe(`gt: ${address} is a patrol here and does not read convoy landings — notify a person or an agent: mayor/, --human (the overseer), <rig>/<polecat> or <rig>/crew/<name>; no convoy was created\n`);
		}
		expect(JSON.parse(await gtOk(['convoy', 'list', '--all', '--json']))).toHaveLength(before);
	});

	it.each([
		[['convoy', 'create', 'Nope', 'ca-zzz'], 'no bead "ca-zzz" in this town'],
		[['convoy', 'show', 'hq-cv-zzz'], 'no convoy "hq-cv-zzz"'],
		[['convoy', 'add', 'ca-zzz', '--convoy', 'hq-cv-zzz'], 'no convoy "hq-cv-zzz"'],
		[['convoy', 'close', 'hq-cv-zzz'], 'no convoy "hq-cv-zzz"'],
		[['convoy', 'refresh', 'hq-cv-zzz'], 'no convoy "hq-cv-zzz"'],
	])('gt %j exits 3 with one line', async (args, message) => {
		const result = await gtIn(args);
		expect(result.code).toBe(3);
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(message);
	});

	it('refuses unknown beads on add and writes nothing', async () => {
		const id = JSON.parse(await gtOk(['convoy', 'create', 'Careful', '--json'])).id as string;
		const good = await newBead('Good');
		const result = await gtIn(['convoy', 'add', good, 'wb-zzz', '--convoy', id]);
		expect(result.code).toBe(3);
		expect(result.stderr.trim()).toBe('gt: no bead "wb-zzz" in this town — `bd list` in its rig shows the ids; nothing was added');
		expect(JSON.parse(await gtOk(['convoy', 'show', id, '--json'])).total).toBe(0);
	});

	it('bd close outside a town is unaffected', async () => {
		const dir = path.join(town.work, 'plain');
		mkdirSync(dir);
		const env = town.vars;
		await runOk('bd', ['init', '--prefix', 'pl', '-q'], {cwd: dir, env});
		const bead = (await runOk('bd', ['create', 'Plain', '--silent'], {cwd: dir, env})).trim();
		const closed = await runCli('bd', ['close', bead], {cwd: dir, env});
		expect(closed).toEqual({code: 0, stderr: '', stdout: `Closed ${bead}: Plain\n`});
	});
});
