import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bareClone} from '../../../source/core/git/clone.js';
import {hasUnsavedWork, worktreeStatus} from '../../../source/core/git/status.js';
import {addWorktree} from '../../../source/core/git/worktree.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

describe('worktreeStatus', () => {
	it('sees untracked, modified and renamed files, and commits not on the default branch', async () => {
		const env = testEnv();
		const root = tempDir();
		const source = makeGitRepo(path.join(root, 'source'), env, {'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'ignored/\n'}, 'trunk');
		const repo = path.join(root, 'repo.git');
		await bareClone(source, repo, {vars: env});
		const crew = path.join(root, 'crew');
		await addWorktree(repo, crew, {newBranch: 'crew/me', from: 'trunk'}, env);

		const clean = await worktreeStatus(crew, 'trunk', env);
		expect(clean).toEqual({branch: 'crew/me', dirty: [], unmerged: 0});
		expect(hasUnsavedWork(clean)).toBe(false);

		mkdirSync(path.join(crew, 'ignored'));
		writeFileSync(path.join(crew, 'ignored', 'cache'), 'x');
		expect((await worktreeStatus(crew, 'trunk', env)).dirty).toEqual([]);

		writeFileSync(path.join(crew, 'a.txt'), 'changed\n');
		writeFileSync(path.join(crew, 'new file.txt'), 'new\n');
		git(crew, ['mv', 'b.txt', 'c.txt'], env);
		const dirty = await worktreeStatus(crew, 'trunk', env);
		expect([...dirty.dirty].sort()).toEqual(['a.txt', 'c.txt', 'new file.txt']);
		expect(hasUnsavedWork(dirty)).toBe(true);

		git(crew, ['add', '-A'], env);
		git(crew, ['commit', '-q', '-m', 'work'], env);
		expect(await worktreeStatus(crew, 'trunk', env)).toEqual({branch: 'crew/me', dirty: [], unmerged: 1});

		// Once the default branch holds the commit, nothing is unmerged.
		git(repo, ['update-ref', 'refs/heads/trunk', 'refs/heads/crew/me'], env);
		expect((await worktreeStatus(crew, 'trunk', env)).unmerged).toBe(0);
	});
});
