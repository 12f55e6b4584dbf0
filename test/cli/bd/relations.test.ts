// The original's relation and lifecycle shorthands (duplicate, supersede, link, tag,
// promote), bd stale, and the ledger checks (ping, info) through the real binary: each
// one's effect on the ledger, its --json shape, and a bad input that exits non-zero
// and changes nothing.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {expectRefused} from '../../helpers/refusal.js';

type Related = {id: string; dependency_type: string};
type Bead = {id: string; title: string; status: string; close_reason?: string; labels?: string[]; ephemeral?: boolean; updated_at: string; dependencies?: Related[]; comments?: Array<{text: string}>};

let env: Record<string, string>;
let dir: string;
const bd = (args: string[]) => runCli('bd', args, {cwd: dir, env});
const bdOk = (args: string[]) => runOk('bd', args, {cwd: dir, env});
const json = async <T>(args: string[]) => JSON.parse(await bdOk([...args, '--json'])) as T;
const make = async (...args: string[]) => (await bdOk(['create', ...args, '--silent'])).trim();
const show = async (id: string) => (await json<Bead[]>(['show', id]))[0]!;
const file = (name: string) => (existsSync(path.join(dir, '.beads', name)) ? readFileSync(path.join(dir, '.beads', name), 'utf8') : '');
const ledger = () => file('issues.jsonl') + file('wisps.jsonl');
const edges = (bead: Bead) => (bead.dependencies ?? []).map(edge => [edge.id, edge.dependency_type]);

/** Runs a bad command: it must exit non-zero, say why on stderr, and leave the ledger as it was. */
async function refused(args: string[], message: RegExp) {
	return expectRefused(() => bd(args), ledger, message);
}

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-relations');
	await bdOk(['init', '--prefix', 'rl']);
});

describe('bd duplicate and bd supersede', () => {
	it('duplicate adds a duplicates edge and closes the duplicate, even when something blocks it', async () => {
		const [dupe, canonical, blocker] = [await make('Login broken'), await make('Login fails'), await make('Blocker')];
		await bdOk(['dep', 'add', dupe, blocker]);
		expect(await bdOk(['duplicate', dupe, '--of', canonical])).toContain(`Marked ${dupe} as duplicate of ${canonical} (closed)`);
		const bead = await show(dupe);
		expect(bead).toMatchObject({status: 'closed', close_reason: `Duplicate of ${canonical}`});
		expect(edges(bead)).toContainEqual([canonical, 'duplicates']);
		expect((await show(canonical)).status).toBe('open');
		// Again: nothing new, the same answer.
		expect(await json(['duplicate', dupe, '--of', canonical])).toEqual({duplicate: dupe, canonical, status: 'closed'});
	});

	it('supersede adds a supersedes edge and closes the old bead; --json is the original\'s', async () => {
		const [old, replacement] = [await make('Spec v1'), await make('Spec v2')];
		expect(await json(['supersede', old, '--with', replacement])).toEqual({superseded: old, replacement, status: 'closed'});
		const bead = await show(old);
		expect(bead).toMatchObject({status: 'closed', close_reason: `Superseded by ${replacement}`});
		expect(edges(bead)).toEqual([[replacement, 'supersedes']]);
	});

	it('refuses no --of/--with, itself, or a missing bead', async () => {
		const id = await make('Lonely');
		await refused(['duplicate', id], /needs --of <canonical>/);
		await refused(['supersede', id], /needs --with <new>/);
		await refused(['duplicate', id, '--of', id], /cannot be marked duplicate of itself/);
		await refused(['supersede', id, '--with', 'rl-nosuch'], /no bead "rl-nosuch"/);
		await refused(['duplicate', 'rl-nosuch', '--of', id], /no bead "rl-nosuch"/);
		expect((await show(id)).status).toBe('open');
	});
});

describe('bd link', () => {
	it('links with blocks by default (id2 blocks id1), --type another relation; --json as bd dep add', async () => {
		const [a, b, c] = [await make('Link A'), await make('Link B'), await make('Link C')];
		expect(await bdOk(['link', a, b])).toContain(`${a} now depends on ${b} (blocks)`);
		expect(await json(['link', a, c, '-t', 'related'])).toMatchObject({status: 'added', issue_id: a, depends_on_id: c, type: 'related'});
		expect(edges(await show(a))).toEqual([[b, 'blocks'], [c, 'related']]);
		expect((await json<Array<{id: string}>>(['ready'])).map(bead => bead.id)).not.toContain(a);
	});

	it('refuses an unknown type, a cycle or a missing bead', async () => {
		const [a, b] = [await make('Cycle A'), await make('Cycle B')];
		await bdOk(['link', a, b]);
		await refused(['link', a, b, '--type', 'bogus'], /unknown dependency type "bogus"/);
		await refused(['link', b, a], /cycle/);
		await refused(['link', a, 'rl-nosuch'], /no bead "rl-nosuch"/);
		await refused(['link', a], /bd link needs <id1> <id2>/);
	});
});

describe('bd tag', () => {
	it('adds a label; --json is the bead', async () => {
		const id = await make('Tag me', '-l', 'old');
		expect(await bdOk(['tag', id, 'needs-review'])).toContain(`Added label "needs-review" to ${id}`);
		const bead = await json<Bead>(['tag', id, 'bug']);
		expect(bead).toMatchObject({id, title: 'Tag me', labels: ['bug', 'needs-review', 'old']});
		expect((await show(id)).labels).toEqual(['bug', 'needs-review', 'old']);
	});

	it('refuses a missing bead or an empty label', async () => {
		const id = await make('Untagged');
		await refused(['tag', 'rl-nosuch', 'bug'], /no bead "rl-nosuch"/);
		await refused(['tag', id, ' '], /a label needs text/);
		await refused(['tag', id], /bd tag needs <id> <label>/);
	});
});

describe('bd promote', () => {
	it('moves a wisp to issues.jsonl with its id, labels and edges, and a promotion comment', async () => {
		const target = await make('Durable target');
		const wisp = await make('A wisp', '--ephemeral', '-l', 'keep');
		await bdOk(['dep', 'add', wisp, target, '--type', 'related']);
		expect(file('wisps.jsonl')).toContain(wisp);
		expect((await show(wisp)).ephemeral).toBe(true);
		const bead = await json<Bead>(['promote', wisp, '--reason', 'Worth tracking']);
		expect(bead).toMatchObject({id: wisp, title: 'A wisp', labels: ['keep']});
		expect(bead.ephemeral).toBeUndefined();
		expect(bead.comments?.map(comment => comment.text)).toEqual(['Promoted from wisp to permanent bead: Worth tracking']);
		expect(file('wisps.jsonl')).not.toContain(wisp);
		expect(file('issues.jsonl')).toContain(wisp);
		const shown = await show(wisp);
		expect(shown.ephemeral).toBeUndefined();
		expect(edges(shown)).toEqual([[target, 'related']]);
		expect(await bdOk(['promote', (await make('Another wisp', '--ephemeral'))])).toMatch(/^Promoted rl-\S+ to permanent bead/);
	});

	it('refuses a durable bead or a missing one', async () => {
		const id = await make('Already durable');
		await refused(['promote', id], /is not a wisp \(already durable\)/);
		await refused(['promote', 'rl-nosuch'], /no bead "rl-nosuch"/);
	});
});

describe('bd stale', () => {
	let other: string;
	const stale = async (...args: string[]) => (JSON.parse(await runOk('bd', ['stale', ...args, '--json'], {cwd: other, env})) as Bead[]).map(bead => bead.id);
	beforeAll(async () => {
		other = tempDir('bd-stale');
		await runOk('bd', ['init', '--prefix', 'st'], {cwd: other, env});
		const old = (id: string, status: string, updated: string, extra = {}) =>
			JSON.stringify({id, title: `Old ${status}`, status, priority: 2, issue_type: 'task', created_at: '2020-01-01T00:00:00Z', updated_at: updated, ...extra});
		writeFileSync(path.join(other, 'old.jsonl'), [
			old('st-open', 'open', '2020-01-03T00:00:00Z'),
			old('st-wip', 'in_progress', '2020-01-02T00:00:00Z', {assignee: 'bob'}),
			old('st-blocked', 'blocked', '2020-01-02T00:00:00Z'),
			old('st-closed', 'closed', '2020-01-02T00:00:00Z', {closed_at: '2020-01-02T00:00:00Z'}),
			old('st-wisp', 'open', '2020-01-02T00:00:00Z', {ephemeral: true}),
			'',
		].join('\n'));
		await runOk('bd', ['import', 'old.jsonl'], {cwd: other, env});
		await runOk('bd', ['create', 'Fresh', '--silent'], {cwd: other, env});
	});

	it('lists open and in-progress beads not updated for --days, oldest first, as the original\'s array', async () => {
		expect(await stale()).toEqual(['st-wip', 'st-open']);
		const [first] = JSON.parse(await runOk('bd', ['stale', '--json'], {cwd: other, env})) as Bead[];
		expect(first).toMatchObject({id: 'st-wip', title: 'Old in_progress', status: 'in_progress', updated_at: '2020-01-02T00:00:00Z'});
		expect(await stale('-s', 'blocked')).toEqual(['st-blocked']);
		expect(await stale('-n', '1')).toEqual(['st-wip']);
		expect(await stale('--days', '100000')).toEqual([]);
		const text = await runOk('bd', ['stale'], {cwd: other, env});
		expect(text).toContain('Stale beads (2 not updated in 30+ days)');
		expect(text).toMatch(/st-wip .*Old in_progress .*on bob/);
	});

	it('refuses --days under 1 or a status it does not take', async () => {
		for (const [args, message] of [[['--days', '0'], /--days must be a whole number, 1 or more/], [['-s', 'closed'], /invalid status "closed"/]] as const) {
			const result = await runCli('bd', ['stale', ...args], {cwd: other, env});
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(message);
			expect(result.stdout).toBe('');
		}
	});
});

describe('bd ping and bd info', () => {
	it('ping reads the ledger and reports timings; no ledger is exit 1 with the original\'s error object', async () => {
		const ok = await json<Record<string, unknown>>(['ping']);
		expect(ok).toMatchObject({status: 'ok', path: path.join(dir, '.beads')});
		for (const key of ['resolve_ms', 'store_ms', 'query_ms', 'total_ms']) expect(typeof ok[key]).toBe('number');
		expect(await bdOk(['ping'])).toMatch(/^bd ping: ok \(\d+ms/);
		const nowhere = await runCli('bd', ['ping', '--json'], {cwd: tempDir('bd-ping'), env});
		expect(nowhere.code).toBe(1);
		expect(JSON.parse(nowhere.stdout)).toMatchObject({status: 'error', error: 'no .beads directory found'});
		expect(nowhere.stderr).toMatch(/no \.beads directory found/);
	});

	it('info names the data file, counts durable beads, and with --schema the layout and sample ids', async () => {
		const beads = path.join(dir, '.beads');
		const count = (JSON.parse(await runOk('bd', ['count', '--json'], {cwd: dir, env})) as {count: number}).count;
		const info = await json<Record<string, unknown>>(['info']);
		expect(info).toMatchObject({database_path: path.join(beads, 'issues.jsonl'), mode: 'direct', issue_count: count, config: {issue_prefix: 'rl'}});
		expect(info.schema).toBeUndefined();
		const withSchema = await json<{schema: {tables: string[]; schema_version: string; sample_issue_ids: string[]; detected_prefix: string; config: Record<string, string>}}>(['info', '--schema']);
		expect(withSchema.schema).toMatchObject({tables: ['issues.jsonl', 'wisps.jsonl', 'config.toml'], detected_prefix: 'rl', config: {issue_prefix: 'rl'}});
		expect(withSchema.schema.sample_issue_ids).toHaveLength(3);
		expect(typeof withSchema.schema.schema_version).toBe('string');
		expect(await bdOk(['info'])).toContain(`Database: ${path.join(beads, 'issues.jsonl')}`);
		const thanks = await bd(['info', '--thanks']);
		expect(thanks.code).toBe(0);
		expect(thanks.stderr).toMatch(/--thanks ignored/);
		const nowhere = await runCli('bd', ['info'], {cwd: tempDir('bd-info'), env});
		expect(nowhere.code).not.toBe(0);
		expect(nowhere.stderr).toMatch(/no beads ledger/);
	});
});
