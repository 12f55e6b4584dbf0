// gt show, cat, close, ready, whoami and version in a real town (HQ plus the rigs calc and web):
// what they print, what gt close does to the ledgers (read back with bd show --json), and one
// bad input each (a one-line error, a non-zero exit, nothing changed).
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {addRig} from '../../../source/core/town/rig-lifecycle.js';
import {makeGitRepo, runCli, runOk, tempDir} from '../../helpers/cli.js';
import {runInProcess, runInProcessOk} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

type Bead = {id: string; title: string; status: string; priority: number; close_reason?: string; labels?: string[]};
type ReadyJson = {sources: Array<{name: string; issues: Bead[]; error?: string}>; summary: {total: number; by_source: Record<string, number>} & Record<`p${0 | 1 | 2 | 3 | 4}_count`, number>; town_root: string};

let town: TestTown;
let webDir: string;
const gt = (args: string[], options: {cwd?: string; vars?: Record<string, string | undefined>} = {}) => runInProcess('gt', args, {cwd: options.cwd ?? town.town, env: {...town.vars, ...options.vars}});
const gtOk = (args: string[], options: {cwd?: string; vars?: Record<string, string | undefined>} = {}) => runInProcessOk('gt', args, {cwd: options.cwd ?? town.town, env: {...town.vars, ...options.vars}});
const bd = (args: string[], cwd = town.rigDir) => runInProcessOk('bd', args, {cwd, env: town.vars});
const newBead = async (title: string, cwd = town.rigDir, ...flags: string[]) => (await bd(['create', title, '--silent', ...flags], cwd)).trim();
const bead = async (id: string): Promise<Bead> => (JSON.parse(await bd(['show', id, '--json'], town.town)) as Bead[])[0]!;

beforeAll(async () => {
	town = await makeTown();
	makeGitRepo(path.join(town.work, 'web-project'), town.vars);
	await addRig(town.town, {name: 'web', source: path.join(town.work, 'web-project'), prefix: 'wb'}, town.env);
	webDir = path.join(town.town, 'web');
}, 60_000);

describe('gt show and gt cat', () => {
	it('show prints any bead of the town from anywhere, as bd show does, even with BEADS_DIR set elsewhere', async () => {
		const rigBead = await newBead('Fix the adder');
		const hqBead = await newBead('Coordinate the rigs', town.town);
		const fromWeb = await gtOk(['show', rigBead], {cwd: webDir});
		expect(fromWeb).toBe(await bd(['show', rigBead]));
		expect(fromWeb).toContain(`${rigBead}  Fix the adder`);
		// bd honours BEADS_DIR; gt show drops it inside a town, as the original does.
		const elsewhere = {BEADS_DIR: path.join(webDir, '.beads')};
		expect((await runInProcess('bd', ['show', hqBead], {cwd: town.town, env: {...town.vars, ...elsewhere}})).code).toBe(3);
		const json = JSON.parse(await gtOk(['show', hqBead, rigBead, '--json'], {vars: elsewhere})) as Bead[];
		expect(json.map(each => [each.id, each.title])).toEqual([[hqBead, 'Coordinate the rigs'], [rigBead, 'Fix the adder']]);
		expect(await gtOk(['bead', 'read', rigBead, '--short'])).toContain(rigBead);
		// bd show's ignored flags stay ignored, with the note.
		const noted = await gt(['show', rigBead, '--local-time']);
		expect(noted.stderr).toContain('gt: --local-time ignored');
	});

	it('show refuses no id and an unknown one', async () => {
		const none = await gt(['show']);
		expect(none).toMatchObject({code: 2, stdout: ''});
		expect(none.stderr).toContain('gt: gt show needs a bead id');
		const unknown = await gt(['show', 'ca-zzzzz']);
		expect(unknown.code).toBe(3);
		expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('cat prints one bead as bd show does (--json too) and refuses what does not look like an id', async () => {
		const id = await newBead('Web login', webDir);
		expect(await gtOk(['cat', id])).toBe(await bd(['show', id], webDir));
		const [json] = JSON.parse(await gtOk(['cat', id, '--json'])) as Bead[];
		expect(json).toMatchObject({id, title: 'Web login', status: 'open'});
		const bad = await gt(['cat', 'Login']);
		expect(bad).toMatchObject({code: 2, stdout: ''});
		expect(bad.stderr).toContain('invalid bead ID "Login"');
		expect((await gt(['cat', id, id])).code).toBe(2);
	});
});

describe('gt close', () => {
	it('closes beads in several ledgers at once, --comment being --reason, and --json prints them', async () => {
		const rigBead = await newBead('Adder overflow');
		const webBead = await newBead('Web overflow', webDir);
		const closed = JSON.parse(await gtOk(['close', rigBead, webBead, '--comment', 'Fixed upstream', '--json'])) as Bead[];
		expect(closed.map(each => [each.id, each.status, each.close_reason])).toEqual([[rigBead, 'closed', 'Fixed upstream'], [webBead, 'closed', 'Fixed upstream']]);
		expect(await bead(rigBead)).toMatchObject({status: 'closed', close_reason: 'Fixed upstream'});
		expect(await bead(webBead)).toMatchObject({status: 'closed', close_reason: 'Fixed upstream'});
	});

	it('--cascade closes the open descendants first, deepest first, forced, with the original\'s reason', async () => {
		const parent = await newBead('Epic');
		const child = await newBead('Step', town.rigDir, '--parent', parent);
		const grandchild = await newBead('Sub-step', town.rigDir, '--parent', child);
		const blocker = await newBead('Blocker');
		await bd(['dep', 'add', grandchild, blocker]);
		// Without --cascade, bd close's rule holds: nothing changes.
		const refused = await gt(['close', parent]);
		expect(refused.code).toBe(4);
		expect(refused.stderr).toContain('has open children');
		expect((await bead(parent)).status).toBe('open');

		const result = await gt(['close', parent, '--cascade', '-r', 'Shipped']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain(`Cascade: closing 1 children of ${child}\nCascade: closing 1 children of ${parent}`);
		expect(result.stdout).toBe(`Closed ${grandchild}: Sub-step\nClosed ${child}: Step\nClosed ${parent}: Epic\n`);
		expect(await bead(grandchild)).toMatchObject({status: 'closed', close_reason: `Parent ${child} closed (cascade)`});
		expect(await bead(child)).toMatchObject({status: 'closed', close_reason: `Parent ${parent} closed (cascade)`});
		expect(await bead(parent)).toMatchObject({status: 'closed', close_reason: 'Shipped'});
		expect((await bead(blocker)).status).toBe('open');
	});

	it('--cascade with --json keeps stdout one JSON document', async () => {
		const parent = await newBead('Web epic', webDir);
		const child = await newBead('Web step', webDir, '--parent', parent);
		const result = await gt(['close', parent, '--cascade', '--json'], {cwd: webDir});
		expect(result.code, result.stderr).toBe(0);
		expect((JSON.parse(result.stdout) as Bead[]).map(each => [each.id, each.status])).toEqual([[parent, 'closed']]);
		expect(result.stderr).toContain(`Closed ${child}: Web step`);
		expect((await bead(child)).status).toBe('closed');
	});

	it('--cascade changes nothing when a bead will not close or an id is unknown', async () => {
		const parent = await newBead('Blocked epic');
		const child = await newBead('Its step', town.rigDir, '--parent', parent);
		const blocker = await newBead('Holds the epic');
		await bd(['dep', 'add', parent, blocker]);
		const blocked = await gt(['close', parent, '--cascade']);
		expect(blocked).toMatchObject({code: 4, stdout: ''});
		expect(blocked.stderr).toContain(`${parent} is blocked by open ${blocker}`);
		const unknown = await gt(['close', parent, 'ca-zzzzz', '--cascade', '--force']);
		expect(unknown).toMatchObject({code: 3, stdout: ''});
		// A reason file that cannot be read is found before any child is closed.
		const unreadable = await gt(['close', parent, '--cascade', '--force', '--reason-file', 'no-such-file.txt']);
		expect(unreadable.code).not.toBe(0);
		expect(unreadable.stderr).toContain('no-such-file.txt');
		expect((await bead(child)).status).toBe('open');
		expect((await bead(parent)).status).toBe('open');
	});
});

describe('gt ready', () => {
	it('--json: the HQ first ("town"), then every rig by name, each as bd ready has it, with counts by source and priority', async () => {
		const urgent = await newBead('Urgent adder bug', town.rigDir, '-p', '0');
		const hq = await newBead('Plan the release', town.town, '-p', '1');
		const identity = await newBead('calc witness identity', town.rigDir, '-l', 'gt:agent');
		const blocked = await newBead('Waits for the bug');
		await bd(['dep', 'add', blocked, urgent]);
		const ready = JSON.parse(await gtOk(['ready', '--json'], {cwd: webDir})) as ReadyJson;
		expect(ready.town_root).toBe(town.town);
		expect(ready.sources.map(source => source.name)).toEqual(['town', 'calc', 'web']);
		const ids = (name: string) => ready.sources.find(source => source.name === name)!.issues.map(issue => issue.id);
		expect(ids('town')).toContain(hq);
		expect(ids('calc')[0]).toBe(urgent);
		expect(ids('calc')).not.toContain(identity);
		expect(ids('calc')).not.toContain(blocked);
		const bdReady = JSON.parse(await bd(['ready', '--json', '-n', '0'])) as Bead[];
		expect(ids('calc')).toEqual(bdReady.map(each => each.id).filter(id => id !== identity));
		for (const source of ready.sources) {
			expect(source.error).toBeUndefined();
			expect(ready.summary.by_source[source.name]).toBe(source.issues.length);
			expect(source.issues.map(issue => issue.priority)).toEqual(source.issues.map(issue => issue.priority).sort());
		}
		const all = ready.sources.flatMap(source => source.issues);
		expect(ready.summary.total).toBe(all.length);
		for (const priority of [0, 1, 2, 3, 4] as const) expect(ready.summary[`p${priority}_count`]).toBe(all.filter(issue => issue.priority === priority).length);
		expect(ready.sources[1]!.issues[0]).toMatchObject({id: urgent, title: 'Urgent adder bug', status: 'open', priority: 0});
	});

	it('prints each source with its beads and a total; --rig shows one rig without the HQ; an unknown rig is refused', async () => {
		const human = await gtOk(['ready']);
		expect(human).toMatch(/^📋 Ready work across town:\n\ntown\/ \(\d+ items\)\n {2}\[P1\] hq-\w+ Plan the release\n/);
		expect(human).toMatch(/\ncalc\/ \(\d+ items\)\n {2}\[P0\] ca-\w+ Urgent adder bug\n/);
		expect(human).toMatch(/\nTotal: \d+ items ready \(1 P0, \d+ P1, \d+ P2\)\n$/);
		const one = JSON.parse(await gtOk(['ready', '--rig', 'web', '--json'])) as ReadyJson;
		expect(one.sources.map(source => source.name)).toEqual(['web']);
		expect(Object.keys(one.summary.by_source)).toEqual(['web']);
		const unknown = await gt(['ready', '--rig', 'nope']);
		expect(unknown).toMatchObject({code: 3, stdout: ''});
		expect(unknown.stderr).toContain('no rig "nope"');
	});
});

describe('gt whoami', () => {
	it('says who mail commands act as and how that was found', async () => {
		// The owner gt install took from git config, as the original shows the overseer's identity.
		expect(await gtOk(['whoami'])).toBe('Identity: overseer\nSource:   no GT_AGENT set, not in an agent\'s directory (human at terminal)\n\nOverseer Identity:\n  Owner: test@example.com\n  (from town.toml; gt config set owner <who> changes it)\n');
		const agent = await gtOk(['whoami'], {vars: {GT_AGENT: 'calc/nux', GT_ROLE: 'polecat', GT_RIG: 'calc'}});
		expect(agent).toBe('Identity: calc/polecats/nux\nSource:   GT_AGENT=calc/nux\n          GT_ROLE=polecat\n          GT_RIG=calc\n');
		const crew = path.join(town.rigDir, 'crew', 'joe');
		mkdirSync(crew, {recursive: true});
		expect(await gtOk(['whoami'], {cwd: crew})).toBe('Identity: calc/crew/joe\nSource:   the agent directory you are in (calc/crew/joe)\n');
		await gtOk(['config', 'set', 'owner', 'me@example.com']);
		expect(await gtOk(['whoami'])).toContain('\nOverseer Identity:\n  Owner: me@example.com\n');
		// The same identity mail uses.
		await gtOk(['mail', 'send', 'calc/crew/joe', '-s', 'hello', '-m', 'x']);
		const inbox = JSON.parse(await gtOk(['mail', 'inbox', '--json'], {cwd: crew})) as Array<{to: string}>;
		expect(inbox.map(message => message.to)).toEqual(['calc/crew/joe']);
	});

	it('refuses a GT_AGENT that is no address, and a directory outside any town', async () => {
		const bad = await gt(['whoami'], {vars: {GT_AGENT: 'a/b/c/d'}});
		expect(bad).toMatchObject({code: 2, stdout: ''});
		expect(bad.stderr).toContain('"a/b/c/d" is not a mail address');
		expect((await gt(['whoami'], {cwd: tempDir('no-town')})).code).toBe(3);
	});
});

describe('gt version', () => {
	it('prints the version gt --version prints, in the original\'s forms', async () => {
		const options = {cwd: town.town, env: town.vars};
		const version = (await runOk('gt', ['--version'], options)).trim();
		expect(version).toMatch(/^\d+\.\d+\.\d+/);
		expect(await runOk('gt', ['version'], options)).toBe(`gt version ${version} (gastown-ts)\n`);
		expect(await runOk('gt', ['version', '--short'], options)).toBe(`${version}\n`);
		expect(await runOk('gt', ['version', '-v'], options)).toMatch(new RegExp(`^gt version ${version.replace(/\./g, '\\.')} \\(gastown-ts\\)\nTimestamp: \\S+\nNode version: v\\d+`));
		const extra = await runCli('gt', ['version', 'now'], options);
		expect(extra).toMatchObject({code: 2, stdout: ''});
	});
});
