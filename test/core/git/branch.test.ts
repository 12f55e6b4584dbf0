import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {branchExists, checkBranchName, commitsNotIn, deleteBranch, listBranches} from '../../../source/core/git/branch.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

describe('branches', () => {
	it('lists, checks, counts and deletes branches', async () => {
		const env = testEnv();
		const repo = makeGitRepo(path.join(tempDir(), 'repo'), env);
		git(repo, ['checkout', '-q', '-b', 'crew/me'], env);
		git(repo, ['commit', '-q', '--allow-empty', '-m', 'work'], env);
		git(repo, ['checkout', '-q', 'main'], env);

		expect(await listBranches(repo, env)).toEqual(['crew/me', 'main']);
		expect(await branchExists(repo, 'crew/me', env)).toBe(true);
		expect(await branchExists(repo, 'crew/you', env)).toBe(false);
		expect(await commitsNotIn(repo, 'crew/me', ['refs/heads/main', 'refs/remotes/origin/main'], env)).toBe(1);
		expect(await commitsNotIn(repo, 'main', ['refs/heads/crew/me'], env)).toBe(0);

		await expect(deleteBranch(repo, 'crew/me', env)).rejects.toThrow(/deleting branch crew\/me failed: .*not fully merged/);
		await deleteBranch(repo, 'crew/me', env, {force: true});
		expect(await branchExists(repo, 'crew/me', env)).toBe(false);
	});

	it('refuses branch names git would not take or would read as options', async () => {
		const env = testEnv();
		const repo = makeGitRepo(path.join(tempDir(), 'repo'), env);
		expect(await checkBranchName(repo, 'crew/ok-1', env)).toBe('crew/ok-1');
		for (const bad of ['-x', 'a..b', 'a b', 'x.lock', 'a~1']) {
			await expect(checkBranchName(repo, bad, env)).rejects.toThrow(`invalid branch name "${bad}"`);
		}
	});
});
