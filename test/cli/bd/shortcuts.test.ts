// The original's shorthand commands (q, assign, defer, undefer, priority, note, children,
// count) and small read-only ones (version, where, types, statuses) through the real
// binary: each one's effect on the ledger, its --json shape, and a bad input that exits
// non-zero and changes nothing.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {repoRoot, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {expectRefused} from '../../helpers/refusal.js';

type Bead = {id: string; title: string; status: string; priority: number; issue_type: string; assignee?: string; notes?: string; labels?: string[]; defer_until?: string};

let env: Record<string, string>;
let dir: string;
const bd = (args: string[], input?: string) => runCli('bd', args, {cwd: dir, env, input});
const bdOk = (args: string[], input?: string) => runOk('bd', args, {cwd: dir, env, input});
const make = async (...args: string[]) => (await bdOk(['create', ...args, '--silent'])).trim();
const show = async (id: string) => (JSON.parse(await bdOk(['show', id, '--json'])) as Bead[])[0]!;
const ledger = () => readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8');

/** Runs a bad command: it must exit non-zero, say why on stderr, and leave the ledger as it was. */
async function refused(args: string[], message: RegExp, input?: string) {
	return expectRefused(() => bd(args, input), ledger, message);
}

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-shortcuts');
	await bdOk(['init', '--prefix', 'sc']);
});

describe('bd q', () => {
	it('creates a bead from the words and prints only its id', async () => {
		const out = await bdOk(['q', 'Fix', 'the', 'login', '-p', 'P1', '-t', 'bug', '-l', 'ui,web']);
		expect(out).toMatch(/^sc-[a-z0-9]+\n$/);
		expect(await show(out.trim())).toMatchObject({title: 'Fix the login', priority: 1, issue_type: 'bug', labels: ['ui', 'web'], status: 'open'});
		// As the original: the id alone, --json or not.
		expect(await bdOk(['q', 'Another', '--json'])).toMatch(/^sc-[a-z0-9]+\n$/);
		expect((await show((await bdOk(['q', 'Defaults'])).trim()))).toMatchObject({priority: 2, issue_type: 'task'});
	});

	it('refuses a bad priority or no title', async () => {
		await refused(['q', 'Nope', '-p', '7'], /invalid priority "7"/);
		await refused(['q'], /argument|title/i);
	});
});

describe('bd assign, bd priority, bd note', () => {
	it('assign sets and clears the assignee; --json is the bead', async () => {
		const id = await make('Assign me');
		expect(await bdOk(['assign', id, 'bob'])).toContain(`Assigned ${id} to bob`);
		expect((await show(id)).assignee).toBe('bob');
		const json = JSON.parse(await bdOk(['assign', id, '', '--json'])) as Bead;
		expect(json).toMatchObject({id, title: 'Assign me', status: 'open'});
		expect(json.assignee).toBeUndefined();
		expect((await show(id)).assignee).toBeUndefined();
		await refused(['assign', 'sc-nosuch', 'bob'], /no bead "sc-nosuch"/);
		await refused(['assign', id], /needs <id> <name>/);
	});

	it('priority takes 0-4 or P0-P4; a bad one changes nothing', async () => {
		const id = await make('Prioritise me');
		expect(await bdOk(['priority', id, '0'])).toContain(`Set priority of ${id} to P0`);
		expect((await show(id)).priority).toBe(0);
		expect(JSON.parse(await bdOk(['priority', id, 'P3', '--json']))).toMatchObject({id, priority: 3});
		await refused(['priority', id, 'high'], /invalid priority "high"/);
		await refused(['priority', 'sc-nosuch', '1'], /no bead "sc-nosuch"/);
		expect((await show(id)).priority).toBe(3);
	});

	it('note appends a line from the words, --stdin or --file', async () => {
		const id = await make('Note me', '--notes', 'first');
		expect(await bdOk(['note', id, 'Fixed', 'the', 'flaky', 'test'])).toContain(`Note added to ${id}`);
		expect((JSON.parse(await bdOk(['note', id, '--stdin', '--json'], 'from a pipe\n')) as Bead).notes).toBe('first\nFixed the flaky test\nfrom a pipe');
		writeFileSync(path.join(dir, 'note.txt'), 'from a file\n');
		await bdOk(['note', id, '--file', 'note.txt']);
		expect((await show(id)).notes).toBe('first\nFixed the flaky test\nfrom a pipe\nfrom a file');
		await refused(['note', id], /no note text/);
		await refused(['note', id, 'words', '--file', 'note.txt'], /not both/);
		await refused(['note', id, '--stdin'], /empty/, '\n');
		await refused(['note', 'sc-nosuch', 'text'], /no bead "sc-nosuch"/);
	});
});

describe('bd defer and bd undefer', () => {
	it('defer sets status deferred (and --until the date); ready leaves them out; undefer brings them back', async () => {
		const [a, b] = [await make('Later A'), await make('Later B')];
		expect(await bdOk(['defer', a])).toContain(`Deferred ${a}`);
		const deferred = JSON.parse(await bdOk(['defer', b, '--until', '+2d', '--json'])) as Bead[];
		expect(deferred).toHaveLength(1);
		expect(deferred[0]).toMatchObject({id: b, status: 'deferred'});
		expect(new Date(deferred[0]!.defer_until!).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
		expect((await show(a)).status).toBe('deferred');
		const ready = (JSON.parse(await bdOk(['ready', '--json'])) as Bead[]).map(bead => bead.id);
		expect(ready).not.toContain(a);
		expect(ready).not.toContain(b);

		const back = JSON.parse(await bdOk(['undefer', a, b, '--json'])) as Bead[];
		expect(back.map(bead => [bead.id, bead.status, bead.defer_until])).toEqual([[a, 'open', undefined], [b, 'open', undefined]]);
		expect(await show(b)).toMatchObject({status: 'open'});
		expect((await show(b)).defer_until).toBeUndefined();
		// Not deferred: left alone, with a note, as the original.
		const again = await bd(['undefer', a]);
		expect(again.code).toBe(0);
		expect(again.stderr).toContain(`${a} is not deferred (status: open)`);
	});

	it('a past --until warns; an unknown id or a bad date changes nothing', async () => {
		const id = await make('Past');
		const past = await bd(['defer', id, '--until', '-1d']);
		expect(past.code).toBe(0);
		expect(past.stderr).toMatch(/in the past/);
		await refused(['defer', id, 'sc-nosuch'], /no bead "sc-nosuch"/);
		await refused(['defer', id, '--until', 'someday'], /invalid date "someday"/);
		await refused(['undefer', id, 'sc-nosuch'], /no bead "sc-nosuch"/);
		expect((await show(id)).status).toBe('deferred');
	});
});

describe('bd children', () => {
	it('lists every descendant, closed ones too; --json is bd list\'s', async () => {
		const epic = await make('Children epic', '-t', 'epic');
		const child = await make('Child', '--parent', epic);
		const grandchild = await make('Grandchild', '--parent', child);
		await bdOk(['close', grandchild]);
		const listed = JSON.parse(await bdOk(['children', epic, '--json'])) as Bead[];
		expect(listed.map(bead => bead.id).sort()).toEqual([child, grandchild].sort());
		expect(listed.find(bead => bead.id === grandchild)).toMatchObject({status: 'closed', title: 'Grandchild'});
		const tree = (await bdOk(['children', epic, '--pretty'])).split('\n');
		expect(tree[tree.findIndex(line => line.includes(grandchild))]).toMatch(/^ └ /);
		expect(await bdOk(['children', grandchild])).toContain('No beads');
		const missing = await bd(['children', 'sc-nosuch']);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toMatch(/no bead "sc-nosuch"/);
	});
});

describe('bd count', () => {
	let other: string;
	beforeAll(async () => {
		other = tempDir('bd-count');
		const opts = {cwd: other, env};
		await runOk('bd', ['init', '--prefix', 'ct'], opts);
		const ids = [];
		for (const args of [['A', '-p', '0', '-l', 'ui,web', '-a', 'bob'], ['B', '-t', 'bug', '-l', 'ui'], ['C', '-d', 'has text'], ['D', '--ephemeral']]) {
			ids.push((await runOk('bd', ['create', ...args, '--silent'], opts)).trim());
		}
		await runOk('bd', ['close', ids[2]!], opts);
	});
	const count = async (...args: string[]) => JSON.parse(await runOk('bd', ['count', ...args, '--json'], {cwd: other, env})) as {count: number};

	it('counts every status but no ephemeral bead, with bd list\'s filters', async () => {
		expect(await runOk('bd', ['count'], {cwd: other, env})).toBe('3\n');
		expect(await count()).toEqual({count: 3});
		expect(await count('-s', 'open')).toEqual({count: 2});
		expect(await count('-s', 'all')).toEqual({count: 3});
		expect(await count('-t', 'bug')).toEqual({count: 1});
		expect(await count('-l', 'ui')).toEqual({count: 2});
		expect(await count('--label-any', 'web', '--no-assignee')).toEqual({count: 0});
		expect(await count('--title', 'a')).toEqual({count: 1});
		expect(await count('--empty-description', '--priority-min', '1')).toEqual({count: 1});
	});

	it('--by-* groups as the original ({total, groups}, P0…, "(unassigned)", "(no labels)")', async () => {
		const by = async (flag: string) => JSON.parse(await runOk('bd', ['count', flag, '--json'], {cwd: other, env})) as unknown;
		expect(await by('--by-status')).toEqual({total: 3, groups: [{group: 'closed', count: 1}, {group: 'open', count: 2}]});
		expect(await by('--by-priority')).toEqual({total: 3, groups: [{group: 'P0', count: 1}, {group: 'P2', count: 2}]});
		expect(await by('--by-assignee')).toEqual({total: 3, groups: [{group: '(unassigned)', count: 2}, {group: 'bob', count: 1}]});
		expect(await by('--by-label')).toEqual({total: 3, groups: [{group: '(no labels)', count: 1}, {group: 'ui', count: 2}, {group: 'web', count: 1}]});
		expect(await runOk('bd', ['count', '--by-type'], {cwd: other, env})).toBe('Total: 3\n\nbug: 1\ntask: 2\n');
	});

	it('refuses two --by-* flags, an unknown status and a bad date', async () => {
		for (const [args, message] of [[['--by-status', '--by-type'], /only one --by-\* flag/], [['-s', 'nonsense'], /unknown status "nonsense"/], [['--created-after', 'whenever'], /--created-after takes a date/]] as const) {
			const result = await runCli('bd', ['count', ...args], {cwd: other, env});
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(message);
			expect(result.stdout).toBe('');
		}
	});
});

describe('bd version, bd where, bd types, bd statuses', () => {
	it('version prints the package version, --json {version, build}', async () => {
		const {version} = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string};
		expect(await bdOk(['version'])).toBe(`bd version ${version} (gastown-ts)\n`);
		expect(JSON.parse(await bdOk(['version', '--json']))).toEqual({version, build: 'gastown-ts'});
		expect((await bd(['version', 'extra'])).code).not.toBe(0);
	});

	it('where names the ledger, its prefix and data file; BEADS_DIR wins; none is an error', async () => {
		const beads = path.join(dir, '.beads');
		expect(JSON.parse(await bdOk(['where', '--json']))).toEqual({path: beads, prefix: 'sc', database_path: path.join(beads, 'issues.jsonl')});
		expect(await bdOk(['where'])).toBe(`${beads}\n  prefix: sc\n  database: ${path.join(beads, 'issues.jsonl')}\n`);
		const elsewhere = tempDir('bd-where');
		const routed = await runOk('bd', ['where', '--json'], {cwd: elsewhere, env: {...env, BEADS_DIR: beads}});
		expect(JSON.parse(routed)).toMatchObject({path: beads, prefix: 'sc'});
		const none = await runCli('bd', ['where', '--json'], {cwd: elsewhere, env});
		expect(none.code).not.toBe(0);
		expect(JSON.parse(none.stdout)).toMatchObject({error: 'no_beads_directory'});
		expect(none.stderr).toMatch(/no beads ledger/);
	});

	it('types lists the core types and the rest, custom ones from config.toml', async () => {
		const config = path.join(dir, '.beads', 'config.toml');
		writeFileSync(config, `${readFileSync(config, 'utf8')}\ncustom_types = ["research"]\ncustom_statuses = ["in_review"]\n`);
		const types = JSON.parse(await bdOk(['types', '--json'])) as {core_types: Array<{name: string; description: string}>; custom_types: string[]};
		expect(types.core_types.map(type => type.name)).toEqual(['task', 'bug', 'feature', 'chore', 'epic', 'decision', 'spike', 'story', 'milestone']);
		expect(types.core_types.every(type => type.description.length > 0)).toBe(true);
		expect(types.custom_types).toEqual(expect.arrayContaining(['molecule', 'gate', 'convoy', 'research']));
		const text = await bdOk(['types']);
		expect(text).toContain('Core work types (built-in):');
		expect(text).toContain('Configured custom types:\n  research');
		expect((await bd(['types', 'extra'])).code).not.toBe(0);
		// A custom type is one bd create takes.
		expect((await show(await make('Dig', '-t', 'research'))).issue_type).toBe('research');
	});

	it('statuses lists the built-in ones with category and icon, custom ones from config.toml', async () => {
		const statuses = JSON.parse(await bdOk(['statuses', '--json'])) as {built_in_statuses: Array<{name: string; category: string; icon: string; description: string}>; custom_statuses?: Array<{name: string; category: string}>};
		expect(statuses.built_in_statuses.map(status => status.name)).toEqual(['open', 'in_progress', 'blocked', 'deferred', 'closed', 'pinned', 'hooked']);
		expect(statuses.built_in_statuses[0]).toEqual({name: 'open', category: 'active', icon: '○', description: 'Available to work (default)'});
		expect(statuses.custom_statuses).toEqual([{name: 'in_review', category: 'wip'}]);
		expect(await bdOk(['statuses'])).toMatch(/○ open +\[active\]/);
		expect((await bd(['statuses', 'extra'])).code).not.toBe(0);
	});
});
