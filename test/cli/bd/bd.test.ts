import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess, runInProcessOk} from '../../helpers/in-process.js';

let env: Record<string, string>;
let dir: string;
const bd = (args: string[], cwd = dir) => runCli('bd', args, {cwd, env});
const bdOk = (args: string[], cwd = dir) => runOk('bd', args, {cwd, env});
// Argument and bad-input cases run through the dispatcher in this process.
const bdIn = (args: string[], cwd = dir) => runInProcess('bd', args, {cwd, env});
const bdInOk = (args: string[], cwd = dir) => runInProcessOk('bd', args, {cwd, env});
const issues = () => readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8');

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd');
	await bdOk(['init', '--prefix', 'mp']);
});

describe('bd create, show, list', () => {
	it('creates with every flag and shows it back as a JSON array', async () => {
		const blocker = (await bdOk(['create', 'Set up CI', '--silent'])).trim();
		const parent = (await bdOk(['create', 'Auth epic', '-t', 'epic', '--silent'])).trim();
		const created = JSON.parse(await bdOk(['create', 'Fix', 'login', '-d', 'It fails on Safari', '-t', 'bug', '-p', 'P1', '-a', 'bob', '-l', 'auth,ui', '-l', 'web', '--parent', parent, '--deps', `blocks:${blocker}`, '--json']));
		expect(created).toMatchObject({id: `${parent}.1`, title: 'Fix login', description: 'It fails on Safari', issue_type: 'bug', priority: 1, assignee: 'bob', labels: ['auth', 'ui', 'web'], created_by: 'alice'});
		const shown = JSON.parse(await bdOk(['show', created.id, '--json']));
		expect(Array.isArray(shown)).toBe(true);
		expect(shown[0]).toMatchObject({id: created.id, parent, blocked_by: [blocker], blockers: [expect.objectContaining({id: blocker})]});
		const human = await bdOk(['show', created.id]);
		expect(human).toContain('Fix login');
		expect(human).toContain(`blocked by: ${blocker} (open)`);
		expect(human).toContain(`→ ${blocker}  Set up CI  [open]  (blocks)`);
		const list = JSON.parse(await bdOk(['list', '--json', '-l', 'auth']));
		expect(list.map((bead: {id: string}) => bead.id)).toEqual([created.id]);
		const ready = JSON.parse(await bdOk(['ready', '--json']));
		expect(ready.map((bead: {id: string}) => bead.id).sort()).toEqual([blocker, parent].sort());
	});

	it('lists closed beads only when asked, limits human output with a notice, and -n 0 shows all', async () => {
		const id = (await bdOk(['create', 'Done already', '--silent'])).trim();
		await bdOk(['close', id, '-r', 'was trivial']);
		expect(await bdOk(['list'])).not.toContain('Done already');
		expect(await bdOk(['list', '--all'])).toContain('Done already');
		expect(JSON.parse(await bdOk(['list', '-s', 'closed', '--json']))[0]).toMatchObject({id, close_reason: 'was trivial'});
		const limited = await bdOk(['list', '-n', '1']);
		expect(limited.trim().split('\n')).toHaveLength(2);
		expect(limited).toMatch(/… \d+ more \(use -n 0 to show all\)/);
	});
});

describe('bd update, close, reopen, delete, labels, comments, deps', () => {
	it('claims atomically and refuses a second claimer', async () => {
		const id = (await bdOk(['create', 'Claim me', '--silent'])).trim();
		const claimed = JSON.parse(await bdOk(['update', id, '--claim', '--json']));
		expect(claimed[0]).toMatchObject({assignee: 'alice', status: 'in_progress'});
		const second = await bdIn(['update', id, '--claim', '--actor', 'bob']);
		expect(second.code).toBe(4);
		expect(second.stderr).toBe(`bd: ${id} is in_progress, not open — only open beads can be claimed\n`);
	});

	it('close refuses open blockers, --force overrides; reopen; delete previews until --force', async () => {
		const a = (await bdOk(['create', 'A', '--silent'])).trim();
		const b = (await bdOk(['create', 'B', '--deps', a, '--silent'])).trim();
		const refused = await bd(['close', b]);
		expect(refused.code).toBe(4);
		expect(refused.stderr).toContain(`${b} is blocked by open ${a}`);
		await bdOk(['close', b, '--force']);
		await bdOk(['reopen', b, '-r', 'not done']);
		expect(JSON.parse(await bdOk(['show', b, '--json']))[0]).toMatchObject({status: 'open', notes: 'Reopened: not done'});
		const before = issues();
		const preview = await bd(['delete', a]);
		expect(preview.code).toBe(0);
		expect(preview.stdout).toContain(`Would delete ${a}: A and the dependency links from ${b}`);
		expect(preview.stdout).toContain('Run with --force');
		expect(JSON.parse((await bd(['delete', a, '--json'])).stdout)).toEqual({dry_run: true, would_delete: [{id: a, title: 'A', dependents: [b]}]});
		expect(issues()).toBe(before);
		await bdOk(['delete', a, '--force']);
		expect(JSON.parse(await bdOk(['show', b, '--json']))[0].dependencies).toBeUndefined();
	});

	it('labels, comments, dep add/list/tree/remove', async () => {
		const a = (await bdOk(['create', 'Base', '--silent'])).trim();
		const b = (await bdOk(['create', 'Top', '--silent'])).trim();
		await bdOk(['label', 'add', 'urgent', a, b]);
		expect(JSON.parse(await bdOk(['list', '-l', 'urgent', '--json'])).length).toBe(2);
		await bdOk(['label', 'remove', 'urgent', b]);
		// The original's order: ids first, the label last.
		await bdOk(['label', 'add', b, 'later']);
		await bdOk(['label', 'add', a, b, 'both']);
		expect(JSON.parse(await bdOk(['show', b, '--json']))[0].labels).toEqual(['both', 'later']);
		await bdOk(['label', 'remove', b, 'later']);
		// A mistyped id in the original order is named, not taken for the label's bead.
		const typo = await bdIn(['label', 'add', `${b}zz`, 'later']);
		expect(typo.code).toBe(3);
		expect(typo.stderr).toContain(`no bead "${b}zz"`);
		expect(JSON.parse(await bdOk(['show', b, '--json']))[0].labels).toEqual(['both']);
		await bdOk(['comment', a, 'first', 'look']);
		expect(JSON.parse(await bdOk(['show', a, '--json']))[0].comments[0]).toMatchObject({author: 'alice', text: 'first look'});
		expect(await bdOk(['dep', 'add', b, a])).toBe(`${b} now depends on ${a} (blocks)\n`);
		const cycle = await bdIn(['dep', 'add', a, b]);
		expect(cycle.code).toBe(4);
		expect(cycle.stderr).toContain(`that would make a cycle: ${a} → ${b} → ${a}`);
		expect(JSON.parse(await bdOk(['dep', 'list', a, '--direction', 'up', '--json']))).toEqual([expect.objectContaining({id: b, dependency_type: 'blocks'})]);
		expect(await bdOk(['dep', 'tree', b])).toContain(`└─ ○ ${a}  Base  [open] (blocks)`);
		expect(JSON.parse(await bdOk(['blocked', '--json'])).map((bead: {id: string}) => bead.id)).toContain(b);
		await bdOk(['dep', 'remove', b, a]);
		expect((await bd(['dep', 'remove', b, a])).code).toBe(3);
	});

	it('search and stats', async () => {
		await bdOk(['create', 'Needle in the haystack', '-d', 'findable words']);
		expect(JSON.parse(await bdOk(['search', 'FINDABLE', '--json']))[0].title).toBe('Needle in the haystack');
		const stats = JSON.parse(await bdOk(['stats', '--json']));
		expect(stats.prefix).toBe('mp');
		expect(stats.total).toBeGreaterThan(5);
	});
});

describe('bad input: one line, a documented exit code, nothing changed', () => {
	it.each([
		[['show', 'mp-nope'], 3, 'bd: no bead "mp-nope" in ledger mp'],
		[['update', 'mp-nope', '--status', 'open'], 3, 'bd: no bead "mp-nope"'],
		[['close', 'mp-nope'], 3, 'bd: no bead "mp-nope"'],
		[['create', 'x', '-p', '5'], 2, 'bd: invalid priority "5"'],
		[['create', 'x', '-t', 'nonsense'], 2, 'bd: unknown bead type "nonsense"'],
		[['create', 'x', '--deps', 'blocks:mp-nope'], 3, 'bd: no bead "mp-nope"'],
		[['create', 'x', '--defer', 'someday'], 2, 'bd: invalid date "someday"'],
		[['list', '--status', 'weird'], 2, 'bd: unknown status "weird"'],
		[['list', '--frobnicate'], 2, 'bd: unknown flag --frobnicate for "bd list"'],
		[['lsit'], 2, 'bd: unknown command "lsit" — did you mean "bd list"?'],
		[['update', 'mp-x'], 2, 'bd: nothing to change'],
		[['dep', 'add', 'mp-x'], 2, 'bd: bd dep add needs <id> <depends-on>'],
		[['import', 'missing.jsonl'], 3, 'does not exist'],
	])('bd %j → exit %i', async (args, code, message) => {
		const before = issues();
		const result = await bdIn(args as string[]);
		expect(result.code).toBe(code);
		expect(result.stderr).toContain(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stdout).toBe('');
		expect(issues()).toBe(before);
	});

	it('a directory without a ledger says how to make one', async () => {
		const result = await bdIn(['list'], tempDir('empty'));
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/^bd: no beads ledger in .* — run `bd init` here/);
	});

	it('a malformed ledger line is named and the file is left as it was', async () => {
		const broken = tempDir('broken');
		await bdOk(['init', '--prefix', 'br'], broken);
		await bdOk(['create', 'one'], broken);
		const file = path.join(broken, '.beads', 'issues.jsonl');
		const text = `${readFileSync(file, 'utf8')}{not json}\n`;
		const {writeFileSync} = await import('node:fs');
		writeFileSync(file, text);
		const result = await bdIn(['create', 'two'], broken);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(new RegExp(`^bd: ${file}:2: not valid JSON \\(.*\\) — fix or remove that line by hand; nothing was written\\n$`));
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	it('help is generated from the registry', async () => {
		const help = await bdInOk(['create', '--help']);
		expect(help).toContain('Usage: bd create <title> [flags]');
		expect(help).toContain('-p, --priority <p>');
		expect(await bdInOk(['--help'])).toContain('bd dep tree <id>');
		expect((await bdIn(['dep'])).stdout).toContain('bd dep add <id> <depends-on>');
	});
});
