import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

async function town(rigs: string[] = ['proj']) {
	const env = testEnv();
	const work = tempDir();
	const source = makeGitRepo(path.join(work, 'source'), env);
	await runOk('gt', ['install', 'town'], {cwd: work, env});
	const root = path.join(work, 'town');
	for (const rig of rigs) await runOk('gt', ['rig', 'add', rig, source], {cwd: root, env});
	return {env, root};
}

describe('gt crew', () => {
	it('adds a worktree on crew/<name> in the only rig, lists it and removes it', async () => {
		const {env, root} = await town();
		const added = await runCli('gt', ['crew', 'add', 'me'], {cwd: root, env});
		expect(added.stderr).toBe('');
		const dir = path.join(root, 'proj', 'crew', 'me');
		expect(added.stdout.split('\n').slice(0, 3)).toEqual(['Added crew "me" in rig proj', `  path    ${dir}`, '  branch  crew/me']);
		expect(git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'], env)).toBe('crew/me');
		expect(git(path.join(root, 'proj', '.repo.git'), ['worktree', 'list'], env)).toContain(dir);

		expect((await runOk('gt', ['crew', 'list'], {cwd: root, env})).split('\n')).toEqual(['RIG   CREW  BRANCH   STATE', 'proj  me    crew/me  clean', '']);
		expect(JSON.parse(await runOk('gt', ['crew', 'list', '--json'], {cwd: root, env}))).toEqual([
			{rig: 'proj', name: 'me', path: dir, branch: 'crew/me', dirty: 0, unmerged: 0},
		]);

		const removed = await runCli('gt', ['crew', 'remove', 'me'], {cwd: root, env});
		expect(removed).toMatchObject({code: 0, stdout: 'Removed crew "me" from rig proj\n'});
		expect(existsSync(dir)).toBe(false);
	});

	it('crew add --json, duplicate (exit 4), bad name (exit 2)', async () => {
		const {env, root} = await town();
		const json = JSON.parse(await runOk('gt', ['crew', 'add', 'max', '--rig', 'proj', '--json'], {cwd: root, env}));
		expect(json).toEqual({rig: 'proj', name: 'max', path: path.join(root, 'proj', 'crew', 'max'), branch: 'crew/max', reused_branch: false});
		const duplicate = await runInProcess('gt', ['crew', 'add', 'max'], {cwd: root, env});
		expect(duplicate.code).toBe(4);
		expect(duplicate.stderr).toMatch(/^gt: crew "max" already exists in rig proj — /);
		for (const bad of ['a/b', '..', 'has space']) {
			const result = await runInProcess('gt', ['crew', 'add', bad], {cwd: root, env});
			expect(result.code, bad).toBe(2);
			expect(result.stderr.startsWith(`gt: invalid crew name "${bad}": it `), result.stderr).toBe(true);
		}
		expect(existsSync(path.join(root, 'proj', 'crew', 'a'))).toBe(false);
	});

	it('an unknown rig is not found (exit 3); several rigs need --rig or a cwd inside one', async () => {
		const {env, root} = await town(['alpha', 'beta']);
		const unknown = await runInProcess('gt', ['crew', 'add', 'me', '--rig', 'gamma'], {cwd: root, env});
		expect(unknown.code).toBe(3);
		expect(unknown.stderr).toBe('gt: no rig "gamma" in this town — rigs: alpha, beta\n');

		const ambiguous = await runInProcess('gt', ['crew', 'add', 'me'], {cwd: root, env});
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toBe('gt: which rig? this town has alpha, beta — pass --rig <rig>, or run from inside a rig\n');

		await runOk('gt', ['crew', 'add', 'me'], {cwd: path.join(root, 'beta', 'refinery'), env});
		expect(existsSync(path.join(root, 'beta', 'crew', 'me'))).toBe(true);
		expect(existsSync(path.join(root, 'alpha', 'crew', 'me'))).toBe(false);
	});

	it('crew remove refuses an uncommitted file (exit 4) unless --force', async () => {
		const {env, root} = await town();
		await runOk('gt', ['crew', 'add', 'me'], {cwd: root, env});
		const dir = path.join(root, 'proj', 'crew', 'me');
		writeFileSync(path.join(dir, 'notes.txt'), 'unsaved\n');
		expect((await runOk('gt', ['crew', 'list'], {cwd: root, env})).split('\n')[1]).toBe('proj  me    crew/me  1 uncommitted');

		const refused = await runInProcess('gt', ['crew', 'remove', 'me'], {cwd: root, env});
		expect(refused.code).toBe(4);
		expect(refused.stderr).toBe('gt: crew "me" in rig proj has 1 uncommitted file (notes.txt) — commit it, or pass --force to discard it\n');
		expect(existsSync(path.join(dir, 'notes.txt'))).toBe(true);

		const forced = await runCli('gt', ['crew', 'remove', 'me', '--force'], {cwd: root, env});
		expect(forced.code).toBe(0);
		expect(forced.stderr).toBe('gt: discarded 1 uncommitted file(s) in crew me\n');
		expect(existsSync(dir)).toBe(false);

		const missing = await runInProcess('gt', ['crew', 'remove', 'me'], {cwd: root, env});
		expect(missing.code).toBe(3);
	});

	it('outside a town crew commands are not found (exit 3)', async () => {
		const env = testEnv();
		const result = await runInProcess('gt', ['crew', 'add', 'me'], {cwd: tempDir(), env});
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/^gt: not inside a Gas Town/);
	});
});
