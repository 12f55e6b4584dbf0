import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

type Town = {env: Record<string, string>; work: string; town: string; source: string};

async function town(options: {git?: boolean; branch?: string} = {}): Promise<Town> {
	const env = testEnv();
	const work = tempDir();
	const source = makeGitRepo(path.join(work, 'proj'), env, {'README.md': 'hi\n'}, options.branch ?? 'main');
	await runOk('gt', ['install', 'town', ...(options.git ? ['--git'] : [])], {cwd: work, env});
	return {env, work, town: path.join(work, 'town'), source};
}

const routes = (root: string) => readFileSync(path.join(root, '.beads', 'routes.jsonl'), 'utf8');

describe('gt rig add', () => {
	let shared: Town;
	beforeAll(async () => {
		shared = await town({git: true, branch: 'trunk'});
	});

	it('adds a rig from a local path: detected branch, derived prefix, ledger, route, clean town commit', async () => {
		const {env, town: root, source} = shared;
		const result = await runCli('gt', ['rig', 'add', 'my_project', '../proj'], {cwd: root, env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n').slice(0, 4)).toEqual([
			`Added rig "my_project" at ${path.join(root, 'my_project')}`,
			`  source ${source}`,
			'  branch trunk (refinery/rig)',
			'  prefix mp (beads mp-xxx)',
		]);
		expect(routes(root)).toContain('{"prefix":"mp-","path":"my_project"}\n');
		expect(Ledger.exists(path.join(root, 'my_project', '.beads'))).toBe(true);
		expect(git(path.join(root, 'my_project', 'refinery', 'rig'), ['rev-parse', '--abbrev-ref', 'HEAD'], env)).toBe('trunk');
		expect(git(root, ['log', '-1', '--format=%s'], env)).toBe('Add rig my_project');
		expect(git(root, ['status', '--porcelain', '--untracked-files=all'], env)).toBe('');

		// bd, run inside the rig, writes to the rig's ledger.
		const created = JSON.parse(await runOk('bd', ['create', 'First task', '--json'], {cwd: path.join(root, 'my_project'), env})) as {id: string};
		expect(created.id).toMatch(/^mp-[0-9a-z]+$/);
		expect(readFileSync(path.join(root, 'my_project', '.beads', 'issues.jsonl'), 'utf8')).toContain(created.id);
	});

	it('adds a rig from a file:// URL with --json', async () => {
		const {env, town: root, source} = shared;
		const stdout = await runOk('gt', ['rig', 'add', 'tools', `file://${source}`, '--prefix', 'tl', '--json'], {cwd: root, env});
		expect(JSON.parse(stdout)).toEqual({
			name: 'tools',
			path: path.join(root, 'tools'),
			prefix: 'tl',
			default_branch: 'trunk',
			git_url: `file://${source}`,
			commit: expect.stringMatching(/^[0-9a-f]{7,}$/),
		});
	});

	it('refuses a duplicate rig with exit 4', async () => {
		const {env, town: root} = shared;
		await runOk('gt', ['rig', 'add', 'dup', '../proj'], {cwd: root, env});
		const again = await runInProcess('gt', ['rig', 'add', 'dup', '../proj'], {cwd: root, env});
		expect(again.code).toBe(4);
		expect(again.stderr).toBe('gt: rig "dup" already exists — pick another name, or `gt rig remove` it first\n');
	});

	it('refuses a prefix already in use with exit 4, leaving nothing behind', async () => {
		const {env, town: root} = shared;
		const before = routes(root);
		const result = await runInProcess('gt', ['rig', 'add', 'clash', '../proj', '--prefix', 'hq'], {cwd: root, env});
		expect(result.code).toBe(4);
		expect(result.stderr).toBe('gt: prefix "hq" is already used by the HQ ledger — choose another with --prefix\n');
		expect(existsSync(path.join(root, 'clash'))).toBe(false);
		expect(routes(root)).toBe(before);
	});

	it('refuses bad names with exit 2 and creates nothing', async () => {
		const {env, town: root} = shared;
		const before = readdirSync(root).sort();
		const cases: Array<[string[], string]> = [
			[['a/b'], 'gt: invalid rig name "a/b": it contains a slash'],
			[['..'], 'gt: invalid rig name "..": it contains ".."'],
			[['--', '-x'], 'gt: invalid rig name "-x": it starts with "-"'],
			[['has space'], 'gt: invalid rig name "has space": it contains whitespace'],
			[['mayor'], 'gt: "mayor" is a reserved name'],
		];
		for (const [name, message] of cases) {
			const args = name[0] === '--' ? ['rig', 'add', '--', name[1]!, '../proj'] : ['rig', 'add', name[0]!, '../proj'];
			const result = await runInProcess('gt', args, {cwd: root, env});
			expect(result.code, name.join(' ')).toBe(2);
			expect(result.stderr.startsWith(message), result.stderr).toBe(true);
		}
		expect(readdirSync(root).sort()).toEqual(before);
	});

	it('a --branch that does not exist fails in one line and leaves no directory and no route', async () => {
		const {env, town: root} = shared;
		const before = routes(root);
		const result = await runInProcess('gt', ['rig', 'add', 'nobranch', '../proj', '--branch', 'nope'], {cwd: root, env});
		expect(result.code).toBe(3);
		expect(result.stderr).toBe('gt: branch "nope" does not exist in ../proj — branches there: trunk\n');
		expect(existsSync(path.join(root, 'nobranch'))).toBe(false);
		expect(routes(root)).toBe(before);
		expect(git(root, ['status', '--porcelain', '--untracked-files=all'], env)).not.toContain('nobranch');
	});

	it('a source that does not exist is not found (exit 3)', async () => {
		const {env, town: root, work} = shared;
		const result = await runInProcess('gt', ['rig', 'add', 'ghost', '../missing'], {cwd: root, env});
		expect(result.code).toBe(3);
		expect(result.stderr).toBe(`gt: ${path.join(work, 'missing')} does not exist — pass a git URL or the path of a local repository\n`);
		expect(existsSync(path.join(root, 'ghost'))).toBe(false);
	});
});

describe('gt rig list / remove', () => {
	it('lists rigs as a table and as JSON', async () => {
		const {env, town: root, source} = await town();
		expect((await runOk('gt', ['rig', 'list'], {cwd: root, env})).trim()).toBe('No rigs yet. Add one with: gt rig add <name> <url-or-path>');
		expect(JSON.parse(await runOk('gt', ['rig', 'list', '--json'], {cwd: root, env}))).toEqual([]);
		await runOk('gt', ['rig', 'add', 'alpha', source], {cwd: root, env});
		await runOk('gt', ['rig', 'add', 'beta_app', source], {cwd: root, env});
		await runOk('gt', ['crew', 'add', 'me', '--rig', 'beta_app'], {cwd: root, env});

		expect((await runOk('gt', ['rig', 'list'], {cwd: root, env})).split('\n')).toEqual([
			'RIG       PREFIX  BRANCH  CREW  POLECATS  SOURCE',
			`alpha     al      main    0     0         ${source}`,
			`beta_app  ba      main    1     0         ${source}`,
			'',
		]);
		const listed = JSON.parse(await runOk('gt', ['rig', 'list', '--json'], {cwd: root, env}));
		expect(listed[1]).toEqual({name: 'beta_app', prefix: 'ba', default_branch: 'main', git_url: source, path: path.join(root, 'beta_app'), crew: ['me'], polecats: []});
	});

	it('refuses to remove a rig with dirty crew unless --force', async () => {
		const {env, town: root, source} = await town({git: true});
		await runOk('gt', ['rig', 'add', 'proj', source], {cwd: root, env});
		await runOk('gt', ['crew', 'add', 'me', '--rig', 'proj'], {cwd: root, env});
		writeFileSync(path.join(root, 'proj', 'crew', 'me', 'notes.txt'), 'unsaved\n');

		const refused = await runInProcess('gt', ['rig', 'remove', 'proj'], {cwd: root, env});
		expect(refused.code).toBe(4);
		expect(refused.stderr).toBe('gt: rig "proj" has unsaved work: crew/me (1 uncommitted file) — commit and merge it, or pass --force to discard it\n');
		expect(existsSync(path.join(root, 'proj', 'crew', 'me', 'notes.txt'))).toBe(true);

		const forced = await runCli('gt', ['rig', 'remove', 'proj', '--force'], {cwd: root, env});
		expect(forced.code).toBe(0);
		expect(forced.stderr).toBe('gt: discarded crew/me (1 uncommitted file)\n');
		expect(forced.stdout).toMatch(/^Removed rig "proj" \(town commit [0-9a-f]+\)\n$/);
		expect(existsSync(path.join(root, 'proj'))).toBe(false);
		expect(routes(root)).not.toContain('"path":"proj"');
		expect(git(root, ['status', '--porcelain', '--untracked-files=all'], env)).toBe('');

		const unknown = await runInProcess('gt', ['rig', 'remove', 'proj'], {cwd: root, env});
		expect(unknown.code).toBe(3);
		expect(unknown.stderr).toBe('gt: no rig "proj" in this town — add one with `gt rig add <name> <url-or-path>`\n');
	});

	it('outside a town every rig command is not found (exit 3)', async () => {
		const env = testEnv();
		const outside = tempDir();
		for (const args of [['rig', 'list'], ['rig', 'add', 'x', '.'], ['rig', 'remove', 'x']]) {
			const result = await runInProcess('gt', args, {cwd: outside, env});
			expect(result.code).toBe(3);
			expect(result.stderr).toBe(`gt: not inside a Gas Town (no town.toml in ${outside} or above) — run \`gt install <path>\` or cd into a town\n`);
		}
	});
});
