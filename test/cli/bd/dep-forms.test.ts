// The original's dep forms through the real binary: bd dep <a> --blocks <b>, dep list's
// directions, types and batch JSON, dep tree's directions, depth and status, dep cycles
// over a loop an import left, label list-all, import -i.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

let env: Record<string, string>;
let dir: string;
const bd = (...args: string[]) => runCli('bd', args, {cwd: dir, env});
const bdOk = (...args: string[]) => runOk('bd', args, {cwd: dir, env});
const make = async (...args: string[]) => (await bdOk('create', ...args, '--silent')).trim();
const b: Record<string, string> = {};

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-dep-forms');
	await bdOk('init', '--prefix', 'df');
	b.base = await make('Base', '-l', 'infra');
	b.mid = await make('Middle', '-l', 'infra,api');
	b.top = await make('Top');
	b.note = await make('Note');
});

describe('bd dep forms', () => {
	it('bd dep <blocker> --blocks <blocked> is bd dep add <blocked> <blocker>; bare bd dep lists the commands', async () => {
		expect(await bdOk('dep', b.base!, '--blocks', b.mid!)).toBe(`${b.mid} now depends on ${b.base} (blocks)\n`);
		await bdOk('dep', b.mid!, '-b', b.top!);
		await bdOk('dep', 'add', b.top!, b.note!, '-t', 'related');
		const bare = await bd('dep');
		expect(bare.code).toBe(2);
		expect(bare.stdout).toContain('dep cycles');
		const missing = await bd('dep', b.base!);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/needs --blocks <id>/);
	});

	it('dep list: down by default, up, by type, and several ids as one flat JSON list of records', async () => {
		expect(await bdOk('dep', 'list', b.top!)).toContain(`→ ${b.mid}`);
		const up = JSON.parse(await bdOk('dep', 'list', b.base!, '--direction=up', '--json')) as Array<{id: string; dependency_type: string}>;
		expect(up).toEqual([expect.objectContaining({id: b.mid, dependency_type: 'blocks', title: 'Middle'})]);
		const related = JSON.parse(await bdOk('dep', 'list', b.top!, '-t', 'related', '--json')) as Array<{id: string}>;
		expect(related.map(item => item.id)).toEqual([b.note]);
		const batch = JSON.parse(await bdOk('dep', 'list', b.top!, b.mid!, '--json')) as Array<{issue_id: string; depends_on_id: string}>;
		expect(batch.map(edge => `${edge.issue_id}>${edge.depends_on_id}`).sort()).toEqual([`${b.mid}>${b.base}`, `${b.top}>${b.mid}`, `${b.top}>${b.note}`].sort());
		const skipped = await bd('dep', 'list', b.top!, 'df-nosuch', '--json');
		expect(skipped.code).toBe(0);
		expect(skipped.stderr).toContain('df-nosuch');
		expect((await bd('dep', 'list', 'df-nosuch')).code).toBe(3);
	});

	it('dep tree: down, up, both, --max-depth, --status; relates-to links are not tree edges', async () => {
		const seeAlso = await make('See also');
		await bdOk('dep', 'relate', b.top!, seeAlso);
		const down = await bdOk('dep', 'tree', b.top!);
		expect(down).toContain(b.base);
		expect(down).toContain('Note  [open] (related)');
		expect(down).not.toContain('See also');
		expect(await bdOk('dep', 'tree', b.base!, '--direction=up')).toContain(b.top);
		const both = await bdOk('dep', 'tree', b.mid!, '--direction', 'both');
		expect(both).toMatch(/Waits on:[\s\S]*Base[\s\S]*Waited on by:[\s\S]*Top/);
		expect(await bdOk('dep', 'tree', b.top!, '--max-depth', '1')).not.toContain(b.base);
		// --json is the original's flat list in walk order: whole records with depth, parent_id, edge_from_parent, truncated.
		type Node = {id: string; title: string; depth: number; parent_id: string; edge_from_parent?: string; truncated: boolean; labels?: string[]};
		const flat = JSON.parse(await bdOk('dep', 'tree', b.top!, '--json')) as Node[];
		expect(flat.map(node => [node.id, node.depth, node.parent_id, node.edge_from_parent])).toEqual([[b.top, 0, '', undefined], [b.mid, 1, b.top, 'blocks'], [b.base, 2, b.mid, 'blocks'], [b.note, 1, b.top, 'related']]);
		expect(flat[2]).toMatchObject({title: 'Base', labels: ['infra'], truncated: false});
		const cut = JSON.parse(await bdOk('dep', 'tree', b.top!, '--max-depth', '1', '--json')) as Node[];
		expect(cut.filter(node => node.truncated).map(node => node.id)).toEqual([b.mid]);
		const bothWays = JSON.parse(await bdOk('dep', 'tree', b.mid!, '--direction', 'both', '--json')) as Node[];
		expect(bothWays.map(node => node.id)).toEqual([b.top, b.mid, b.base]);
		await bdOk('close', b.base!);
		const closedOnly = await bdOk('dep', 'tree', b.top!, '--status', 'closed');
		expect(closedOnly).toContain(b.base);
		expect((await bd('dep', 'tree', b.top!, '--max-depth', '0')).code).toBe(2);
	});

	it('dep cycles finds a loop an import brought in', async () => {
		expect(await bdOk('dep', 'cycles')).toBe('No dependency cycles found.\n');
		const now = new Date().toISOString();
		const loop = path.join(dir, 'loop.jsonl');
		writeFileSync(loop, [
			{id: 'df-ring1', title: 'Ring one', status: 'open', priority: 2, issue_type: 'task', created_at: now, updated_at: now, dependencies: [{issue_id: 'df-ring1', depends_on_id: 'df-ring2', type: 'blocks', created_at: now}]},
			{id: 'df-ring2', title: 'Ring two', status: 'open', priority: 2, issue_type: 'task', created_at: now, updated_at: now, dependencies: [{issue_id: 'df-ring2', depends_on_id: 'df-ring1', type: 'blocks', created_at: now}]},
		].map(line => JSON.stringify(line)).join('\n'));
		const imported = JSON.parse(await bdOk('import', '-i', loop, '--json')) as {created: number; ids: string[]};
		expect(imported).toMatchObject({created: 2, ids: ['df-ring1', 'df-ring2']});
		expect(await bdOk('dep', 'cycles')).toContain('df-ring1 → df-ring2 → df-ring1');
		const cycles = JSON.parse(await bdOk('dep', 'cycles', '--json')) as Array<Array<{id: string}>>;
		expect(cycles.map(cycle => cycle.map(item => item.id))).toEqual([['df-ring1', 'df-ring2']]);
		expect((await bd('import', loop, '-i', loop)).code).toBe(2);
		expect((await bd('import')).code).toBe(2);
	});

	it('label list-all counts every bead\'s labels, closed ones too', async () => {
		expect(JSON.parse(await bdOk('label', 'list-all', '--json'))).toEqual([{label: 'api', count: 1}, {label: 'infra', count: 2}]);
		expect(await bdOk('label', 'list-all')).toContain('infra  (2 beads)');
		expect(readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8')).toContain('"labels":["infra"]');
	});
});
