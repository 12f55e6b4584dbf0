import {existsSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bareClone} from '../../../source/core/git/clone.js';
import {addWorktree, listWorktrees, pruneWorktrees, removeWorktree} from '../../../source/core/git/worktree.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

async function setup() {
	const env = testEnv();
	const root = tempDir();
	const source = makeGitRepo(path.join(root, 'source'), env);
	const repo = path.join(root, 'rig', '.repo.git');
	await bareClone(source, repo, {vars: env});
	return {env, root, repo};
}

describe('worktrees', () => {
	it('adds worktrees on the default branch, on a new branch and detached, and lists them', async () => {
		const {env, root, repo} = await setup();
		const refinery = path.join(root, 'rig', 'refinery', 'rig');
		const crew = path.join(root, 'rig', 'crew', 'me');
		const detached = path.join(root, 'rig', 'scratch');
		await addWorktree(repo, refinery, {branch: 'main'}, env);
		await addWorktree(repo, crew, {newBranch: 'crew/me', from: 'main'}, env);
		await addWorktree(repo, detached, {detach: 'main'}, env);

		expect(git(crew, ['rev-parse', '--abbrev-ref', 'HEAD'], env)).toBe('crew/me');
		const listed = await listWorktrees(repo, env);
		// The bare repository comes first; git lists the rest in no particular order.
		expect(listed[0]).toMatchObject({path: repo, bare: true});
		const rows = listed.slice(1).map(worktree => [worktree.path, worktree.branch ?? null, worktree.detached]);
		expect(rows.sort()).toEqual([
			[crew, 'crew/me', false],
			[refinery, 'main', false],
			[detached, null, true],
		].sort());
	});

	it('refuses a branch that is already checked out in another worktree', async () => {
		const {env, root, repo} = await setup();
		await addWorktree(repo, path.join(root, 'one'), {branch: 'main'}, env);
		await expect(addWorktree(repo, path.join(root, 'two'), {branch: 'main'}, env)).rejects.toThrow(/already (checked out|used by worktree)/);
		expect(existsSync(path.join(root, 'two'))).toBe(false);
	});

	it('removes a dirty worktree only with force, and prunes one deleted by hand', async () => {
		const {env, root, repo} = await setup();
		const crew = path.join(root, 'crew');
		await addWorktree(repo, crew, {newBranch: 'crew/me', from: 'main'}, env);
		writeFileSync(path.join(crew, 'notes.txt'), 'unsaved\n');
		await expect(removeWorktree(repo, crew, env)).rejects.toThrow(/removing worktree/);
		expect(existsSync(crew)).toBe(true);
		await removeWorktree(repo, crew, env, {force: true});
		expect(existsSync(crew)).toBe(false);
		expect((await listWorktrees(repo, env)).map(worktree => worktree.path)).toEqual([repo]);

		const other = path.join(root, 'other');
		await addWorktree(repo, other, {newBranch: 'crew/other', from: 'main'}, env);
		rmSync(other, {recursive: true});
		await pruneWorktrees(repo, env);
		expect((await listWorktrees(repo, env)).map(worktree => worktree.path)).toEqual([repo]);
	});
});
