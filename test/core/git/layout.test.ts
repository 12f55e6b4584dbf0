import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repositoryOf} from '../../../source/core/git/layout.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

describe('repositoryOf (git layout from its files, no git process)', () => {
	it('agrees with git for a repository, a subdirectory and a linked worktree; nothing outside one', () => {
		const env = testEnv();
		const root = tempDir('layout');
		const repo = makeGitRepo(path.join(root, 'repo'), env);
		mkdirSync(path.join(repo, 'sub', 'deeper'), {recursive: true});
		git(repo, ['worktree', 'add', '-q', '-b', 'side', path.join(root, 'linked')], env);
		for (const dir of [repo, path.join(repo, 'sub', 'deeper'), path.join(root, 'linked')]) {
			const layout = repositoryOf(dir)!;
			expect(layout.top).toBe(git(dir, ['rev-parse', '--show-toplevel'], env));
			expect(layout.commonDir).toBe(path.resolve(dir, git(dir, ['rev-parse', '--git-common-dir'], env)));
			expect(layout.gitDir).toBe(path.resolve(dir, git(dir, ['rev-parse', '--git-dir'], env)));
		}
		expect(repositoryOf(tempDir('plain'))).toBeUndefined();
	});
});
