import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
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

describe('gt rig add --local-repo and --adopt (the original\'s)', () => {
	it('--local-repo reuses a local clone\'s objects: the rig has every commit of the source and no link to that clone', async () => {
		const {env, work, town: root, source} = await town();
		const upstream = path.join(work, 'upstream.git');
		git(work, ['clone', '-q', '--bare', source, upstream], env);
		const mine = path.join(work, 'mine');
		git(work, ['clone', '-q', upstream, mine], env);
		// A commit the local clone lacks comes from the source itself.
		writeFileSync(path.join(source, 'NEW.md'), 'new\n');
		git(source, ['add', 'NEW.md'], env);
		git(source, ['commit', '-q', '-m', 'only upstream'], env);
		git(source, ['push', '-q', upstream, 'main'], env);
		const result = await runCli('gt', ['rig', 'add', 'proj', `file://${upstream}`, '--local-repo', '../mine'], {cwd: root, env});
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain(`  reused objects of ${mine} (--local-repo)\n`);
		expect(existsSync(path.join(root, 'proj', '.repo.git', 'objects', 'info', 'alternates'))).toBe(false);
		rmSync(mine, {recursive: true});
		expect(git(path.join(root, 'proj', 'refinery', 'rig'), ['log', '-1', '--format=%s'], env)).toBe('only upstream');
		expect(existsSync(path.join(root, 'proj', 'refinery', 'rig', 'NEW.md'))).toBe(true);
		expect(git(path.join(root, 'proj', '.repo.git'), ['rev-parse', 'origin/main'], env)).toBe(git(upstream, ['rev-parse', 'main'], env));
	});

	it('refuses a --local-repo that is missing or not a clone, creating nothing', async () => {
		const {env, work, town: root} = await town();
		mkdirSync(path.join(work, 'plain'));
		// A directory inside a clone is not the clone.
		mkdirSync(path.join(work, 'proj', 'sub'));
		const before = routes(root);
		for (const [local, code, message] of [
			['../nope', 3, `gt: ${path.join(work, 'nope')} does not exist — --local-repo takes the path of a clone of the project on this machine\n`],
			['../plain', 2, `gt: ${path.join(work, 'plain')} is not a git repository — --local-repo takes the path of a clone of the project on this machine\n`],
			['../proj/sub', 2, `gt: ${path.join(work, 'proj', 'sub')} is not a git repository — --local-repo takes the path of a clone of the project on this machine\n`],
		] as const) {
			const result = await runInProcess('gt', ['rig', 'add', 'proj', '../proj', '--local-repo', local], {cwd: root, env});
			expect(result.code, local).toBe(code);
			expect(result.stderr).toBe(message);
			expect(existsSync(path.join(root, 'proj'))).toBe(false);
			expect(routes(root)).toBe(before);
		}
	});

	it('--adopt registers a rig directory that lost its rig.toml and route, keeping its ledger and refinery', async () => {
		const {env, town: root, source} = await town({git: true});
		await runOk('gt', ['rig', 'add', 'proj', '../proj', '--prefix', 'pj'], {cwd: root, env});
		const bead = (await runOk('bd', ['create', 'Kept across adoption', '--silent'], {cwd: path.join(root, 'proj'), env})).trim();
		rmSync(path.join(root, 'proj', 'rig.toml'));
		writeFileSync(path.join(root, '.beads', 'routes.jsonl'), routes(root).replace('{"prefix":"pj-","path":"proj"}\n', ''));
		const result = await runCli('gt', ['rig', 'add', 'proj', '--adopt'], {cwd: root, env});
		expect(result.stderr).toBe('');
		expect(result.stdout.split('\n').slice(0, 5)).toEqual([
			`Adopted rig "proj" at ${path.join(root, 'proj')}`,
			`  source ${source}`,
			'  kept   .beads, refinery/rig',
			'  branch main (refinery/rig)',
			'  prefix pj (beads pj-xxx)',
		]);
		expect(routes(root)).toContain('{"prefix":"pj-","path":"proj"}\n');
		expect(readFileSync(path.join(root, 'proj', 'rig.toml'), 'utf8')).toContain(`git_url = "${source}"`);
		expect(await runOk('bd', ['show', bead], {cwd: root, env})).toContain('Kept across adoption');
		expect(git(root, ['log', '-1', '--format=%s'], env)).toBe('Adopt rig proj');
	});

	it('--adopt takes a rig directory moved in under a new name: its worktrees are repaired, its prefix kept', async () => {
		const {env, work, town: root} = await town();
		await runOk('gt', ['rig', 'add', 'old', '../proj'], {cwd: root, env});
		await runOk('gt', ['crew', 'add', 'max', '--rig', 'old'], {cwd: root, env});
		// Out of the town and back under another name, its route gone with the old one.
		renameSync(path.join(root, 'old'), path.join(work, 'elsewhere'));
		writeFileSync(path.join(root, '.beads', 'routes.jsonl'), routes(root).replace('{"prefix":"ol-","path":"old"}\n', ''));
		renameSync(path.join(work, 'elsewhere'), path.join(root, 'moved'));
		const result = await runCli('gt', ['rig', 'add', 'moved', '--adopt', '--json'], {cwd: root, env});
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toMatchObject({name: 'moved', prefix: 'ol', default_branch: 'main'});
		expect(routes(root)).toContain('{"prefix":"ol-","path":"moved"}\n');
		for (const worktree of ['refinery/rig', 'crew/max']) {
			expect(git(path.join(root, 'moved', worktree), ['status', '--porcelain'], env), worktree).toBe('');
		}
		expect((JSON.parse(await runOk('gt', ['rig', 'list', '--json'], {cwd: root, env})) as Array<{name: string}>).map(rig => rig.name)).toEqual(['moved']);
	});

	it('--adopt refuses in one line what it cannot register, changing nothing', async () => {
		const {env, work, town: root} = await town();
		await runOk('gt', ['rig', 'add', 'proj', '../proj'], {cwd: root, env});
		git(root, ['init', '-q', 'plain'], env);
		mkdirSync(path.join(root, 'empty'));
		const before = routes(root);
		const cases: Array<[string[], number, string]> = [
			[['proj', '--adopt'], 4, 'gt: rig "proj" is already registered — `gt rig list` shows it; nothing to adopt'],
			[['nothere', '--adopt'], 3, `gt: ${path.join(root, 'nothere')} does not exist`],
			[['plain', '--adopt'], 2, `gt: ${path.join(root, 'plain')} is a plain git clone, not a rig directory — move it out of the town and run \`gt rig add plain <its path>\``],
			[['empty', '--adopt'], 2, `gt: ${path.join(root, 'empty')} holds no rig (no .repo.git)`],
			[['empty', '--adopt', '--local-repo', work], 2, 'gt: --local-repo does not go with --adopt'],
			[['other'], 2, 'gt: gt rig add needs the project\'s git URL or path — gt rig add other <url-or-path>, or gt rig add other --adopt for a rig directory already in the town'],
			[['other', '../proj', '--url', 'x'], 2, 'gt: --url goes with --adopt'],
		];
		for (const [args, code, message] of cases) {
			const result = await runInProcess('gt', ['rig', 'add', ...args], {cwd: root, env});
			expect(result.code, args.join(' ')).toBe(code);
			expect(result.stderr.startsWith(message), result.stderr).toBe(true);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
		}
		expect(routes(root)).toBe(before);
		expect(existsSync(path.join(root, 'empty', 'rig.toml'))).toBe(false);
	});
});
