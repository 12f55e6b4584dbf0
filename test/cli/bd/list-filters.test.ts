// bd list/search/ready's finer filters and sorts (core/beads/refine.ts) through the
// real binary: each changes what is listed, bad values are refused in one line, and
// `bd ready --claim` from two processes at once takes two different beads.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

let env: Record<string, string>;
let dir: string;
const bd = (args: string[], extra: Record<string, string> = {}) => runCli('bd', args, {cwd: dir, env: {...env, ...extra}});
const bdOk = (args: string[], extra: Record<string, string> = {}) => runOk('bd', args, {cwd: dir, env: {...env, ...extra}});
const ids = async (args: string[]) => (JSON.parse(await bdOk([...args, '--json'])) as Array<{id: string}>).map(bead => bead.id);
const make = async (...args: string[]) => (await bdOk(['create', ...args, '--silent'])).trim();
const bead: Record<string, string> = {};

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-filters');
	await bdOk(['init', '--prefix', 'lf']);
	bead.epic = await make('Payments epic', '-t', 'epic', '-p', '1');
	bead.child = await make('Card form', '--parent', bead.epic, '-p', '2', '-l', 'ui,web', '-d', 'Validate the card token');
	bead.grandchild = await make('Card icons', '--parent', bead.child, '-p', '3', '-l', 'ui', '--no-inherit-labels');
	bead.bug = await make('Refund rounds down', '-t', 'bug', '-p', '0', '-l', 'urgent', '--notes', 'seen in prod');
	bead.later = await make('Later work', '--defer', '+3d');
	bead.meta = await make('Tagged', '--metadata', '{"team":"core"}');
});

describe('bd list refinements', () => {
	it('filters by text, labels, parents, types, ids and metadata', async () => {
		expect(await ids(['list', '--title-contains', 'CARD'])).toEqual(expect.arrayContaining([bead.child, bead.grandchild]));
		expect(await ids(['list', '--desc-contains', 'token'])).toEqual([bead.child]);
		expect(await ids(['list', '--notes-contains', 'prod'])).toEqual([bead.bug]);
		expect((await ids(['list', '--parent', bead.epic])).sort()).toEqual([bead.child, bead.grandchild].sort());
		expect(await ids(['list', '--label-any', 'urgent,web'])).toEqual(expect.arrayContaining([bead.bug, bead.child]));
		expect(await ids(['list', '--label-any', 'urgent,web'])).not.toContain(bead.grandchild);
		expect(await ids(['list', '--label-all', 'ui,web'])).toEqual([bead.child]);
		expect(await ids(['list', '--label-pattern', 'ur*'])).toEqual([bead.bug]);
		expect(await ids(['list', '--exclude-label', 'ui', '--exclude-type', 'epic,bug'])).not.toEqual(expect.arrayContaining([bead.child]));
		expect(await ids(['list', '--id', `${bead.bug},${bead.meta}`])).toEqual(expect.arrayContaining([bead.bug, bead.meta]));
		expect(await ids(['list', '--metadata-field', 'team=core'])).toEqual([bead.meta]);
		expect(await ids(['list', '--has-metadata-key', 'team'])).toEqual([bead.meta]);
		expect(await ids(['list', '--priority-max', 'P1'])).toEqual(expect.arrayContaining([bead.epic, bead.bug]));
		expect(await ids(['list', '--priority-max', 'P1'])).toHaveLength(2);
		expect(await ids(['list', '--no-parent', '--deferred'])).toEqual([bead.later]);
		expect(await ids(['list', '--created-after', 'tomorrow'])).toEqual([]);
	});

	it('sorts by a field and reverses; --tree puts children under parents', async () => {
		const byTitle = await ids(['list', '--sort', 'title', '-n', '0']);
		expect(byTitle[0]).toBe(bead.child); // "Card form" < "Card icons" < …
		expect(await ids(['list', '--sort', 'title', '--reverse', '-n', '0'])).toEqual([...byTitle].reverse());
		const tree = (await bdOk(['list', '--tree'])).split('\n');
		const at = (id: string) => tree.findIndex(line => line.includes(id));
		expect(at(bead.child)).toBe(at(bead.epic) + 1);
		expect(tree[at(bead.child)]).toMatch(/^ └ /);
		expect(tree[at(bead.grandchild)]).toMatch(/^ {4}└ /);
		expect(await bdOk(['list', '--long', '--id', bead.child])).toContain('Description:\n  Validate the card token');
	});

	it('refuses bad values in one line and lists nothing', async () => {
		for (const [args, pattern] of [
			[['list', '--created-after', 'someday'], /--created-after takes a date/],
			[['list', '--label-regex', '(('], /--label-regex is not a valid regular expression/],
			[['list', '--metadata-field', 'team'], /--metadata-field takes key=value/],
			[['list', '--sort', 'size'], /--sort must be one of/],
			[['list', '--mol-type', 'big'], /--mol-type must be one of/],
			[['list', '--exclude-type', 'nosuch'], /nosuch/],
			[['ready', '--parent', bead.epic, '--mol', bead.epic], /give --parent or --mol, not both/],
			[['ready', '--claim', '--assignee', 'bob'], /--claim cannot be combined with --assignee/],
			[['search'], /search needs the text/],
		] as const) {
			const result = await bd([...args]);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(pattern);
		}
	});
});

describe('bd search and bd ready refinements', () => {
	it('search takes --query, -s all and the list filters', async () => {
		expect(await ids(['search', '--query', 'card'])).toEqual(expect.arrayContaining([bead.child, bead.grandchild]));
		expect(await ids(['search', 'card', '-l', 'web'])).toEqual([bead.child]);
		await bdOk(['close', bead.grandchild]);
		expect(await ids(['search', 'icons'])).toEqual([]);
		expect(await ids(['search', 'icons', '-s', 'all'])).toEqual([bead.grandchild]);
	});

	it('ready adds the original counts, orders by policy, and includes deferred beads when asked', async () => {
		const ready = JSON.parse(await bdOk(['ready', '--json'])) as Array<{id: string; parent?: string; dependency_count: number; dependent_count: number; comment_count: number}>;
		expect(ready.find(entry => entry.id === bead.child)).toMatchObject({parent: bead.epic, dependency_count: 0, dependent_count: 0, comment_count: 0});
		expect(ready.map(entry => entry.id)).not.toContain(bead.later);
		expect(await ids(['ready', '--include-deferred'])).toContain(bead.later);
		const oldest = await ids(['ready', '--sort', 'oldest']);
		expect(oldest[0]).toBe(bead.epic);
		expect((await ids(['ready']))[0]).toBe(bead.bug); // P0 first
		expect((await ids(['ready', '--parent', bead.epic]))).toEqual([bead.child]);
	});

	it('ready --claim from two processes at once claims two different beads', async () => {
		const [first, second] = await Promise.all([
			bdOk(['ready', '--claim', '--json'], {BD_ACTOR: 'calc/polecats/one'}),
			bdOk(['ready', '--claim', '--json'], {BD_ACTOR: 'calc/polecats/two'}),
		]);
		const a = (JSON.parse(first) as Array<{id: string; assignee: string}>)[0]!;
		const b = (JSON.parse(second) as Array<{id: string; assignee: string}>)[0]!;
		expect(a.id).not.toBe(b.id);
		const lines = readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8');
		expect(lines).toContain('"assignee":"calc/polecats/one"');
		expect(lines).toContain('"assignee":"calc/polecats/two"');
	});
});
