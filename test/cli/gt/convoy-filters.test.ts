// The original's convoy listing forms: gt convoy list --status <s> and --tree, and
// gt convoy status with no id (every open convoy).
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

let town: TestTown;
const gtOk = (args: string[]) => runOk('gt', args, {cwd: town.town, env: town.vars});
const gt = (args: string[]) => runCli('gt', args, {cwd: town.town, env: town.vars});
const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
const ids: Record<string, string> = {};

beforeAll(async () => {
	town = await makeTown();
	for (const name of ['a', 'b', 'c']) ids[name] = (await bd(['create', `Bead ${name}`, '--silent'])).trim();
	ids.auth = JSON.parse(await gtOk(['convoy', 'create', 'Auth overhaul', ids.a!, ids.b!, '--json'])).id as string;
	ids.bugs = JSON.parse(await gtOk(['convoy', 'create', 'Fix bugs', ids.c!, '--json'])).id as string;
	await gtOk(['convoy', 'close', ids.bugs, '--force', '--reason', 'done differently']);
});

describe('gt convoy list --status/--tree, gt convoy status', () => {
	it('--status filters (open, closed, landed); a bad status is refused', async () => {
		const ofStatus = async (status: string) => (JSON.parse(await gtOk(['convoy', 'list', `--status=${status}`, '--json'])) as Array<{id: string}>).map(convoy => convoy.id);
		expect(await ofStatus('closed')).toEqual([ids.bugs]);
		expect(await ofStatus('open')).toEqual([ids.auth]);
		expect(await ofStatus('landed')).toEqual([]);
		expect(await ofStatus('OPEN')).toEqual([ids.auth]);
		const bad = await gt(['convoy', 'list', '--status', 'frozen']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--status must be one of open, closed, landed');
	});

	it('--tree prints each convoy\'s tracked beads under it', async () => {
		const lines = (await gtOk(['convoy', 'list', '--tree', '--all'])).split('\n');
		const auth = lines.findIndex(line => line.startsWith(ids.auth!));
		expect(lines[auth + 1]).toMatch(new RegExp(`^  ├─ ○ (${ids.a}|${ids.b})  Bead [ab]`));
		expect(lines[auth + 2]).toMatch(/^ {2}└─ ○ /);
		expect(lines.slice(auth + 1, auth + 3).join('\n')).toContain(ids.a);
		expect(lines.slice(auth + 1, auth + 3).join('\n')).toContain(ids.b);
	});

	it('gt convoy status with no id shows every open convoy; with an id, that one; show keeps the most recent', async () => {
		const third = JSON.parse(await gtOk(['convoy', 'create', 'Later', ids.c!, '--json'])).id as string;
		const status = await gtOk(['convoy', 'status']);
		expect(status).toContain('Auth overhaul');
		expect(status).toContain('Later');
		expect(status).not.toContain('Fix bugs');
		expect((JSON.parse(await gtOk(['convoy', 'status', '--json'])) as Array<{id: string}>).map(convoy => convoy.id).sort()).toEqual([ids.auth, third].sort());
		expect(await gtOk(['convoy', 'status', ids.auth!])).toMatch(/Progress: .* 0\/2/);
		expect(await gtOk(['convoy', 'show'])).toContain('Later');
		expect(await gtOk(['convoy', 'show'])).not.toContain('Auth overhaul');
	});
});
