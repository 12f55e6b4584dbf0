import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runGit} from '../../../source/core/git/client.js';
import {gitEnvironment} from '../../../source/core/git/environment.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

describe('git environment policy', () => {
	it('drops the variables that choose another repository and keeps the rest', () => {
		expect(gitEnvironment({GIT_DIR: '/x/.git', GIT_WORK_TREE: '/x', GIT_INDEX_FILE: '/x/.git/index', HOME: '/home/me', GIT_AUTHOR_NAME: 'Me', UNSET: undefined}))
			.toEqual({HOME: '/home/me', GIT_AUTHOR_NAME: 'Me'});
	});

	it('a git call made with an inherited GIT_DIR (as from inside a git hook) acts on its own directory', async () => {
		const env = testEnv();
		const mine = makeGitRepo(path.join(tempDir(), 'mine'), env, {'mine.txt': 'mine\n'});
		const other = makeGitRepo(path.join(tempDir(), 'other'), env, {'other.txt': 'other\n'});
		const hookVars = {...env, GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other, GIT_INDEX_FILE: path.join(other, '.git', 'index')};
		expect(await runGit(mine, ['ls-files'], hookVars)).toBe('mine.txt');
		mkdirSync(path.join(mine, 'sub'));
		expect(await runGit(path.join(mine, 'sub'), ['rev-parse', '--show-toplevel'], hookVars)).toBe(mine);
		// The raw git of the test helper, given the same variables, does follow GIT_DIR: the policy is what differs.
		expect(git(mine, ['ls-files'], hookVars)).toBe('other.txt');
	});
});
