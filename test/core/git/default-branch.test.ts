import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bareClone} from '../../../source/core/git/clone.js';
import {headBranch, remoteDefaultBranch, resolveDefaultBranch} from '../../../source/core/git/default-branch.js';
import {GtError} from '../../../source/core/base/errors.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

async function cloneOf(branch: string) {
	const env = testEnv();
	const root = tempDir();
	const source = makeGitRepo(path.join(root, 'source'), env, {'a.txt': 'a\n'}, branch);
	git(source, ['branch', 'feature'], env);
	const repo = path.join(root, 'repo.git');
	await bareClone(source, repo, {vars: env});
	return {env, source, repo};
}

describe('default branch', () => {
	it('follows the source HEAD when it is not main', async () => {
		const {env, source, repo} = await cloneOf('trunk');
		expect(await headBranch(repo, env)).toBe('trunk');
		expect(await remoteDefaultBranch(path.dirname(repo), source, env)).toBe('trunk');
		expect(await resolveDefaultBranch(repo, source, env)).toBe('trunk');
	});

	it('takes an existing --branch and points HEAD at it', async () => {
		const {env, source, repo} = await cloneOf('main');
		expect(await resolveDefaultBranch(repo, source, env, 'feature')).toBe('feature');
		expect(git(repo, ['symbolic-ref', '--short', 'HEAD'], env)).toBe('feature');
	});

	it('refuses a --branch that does not exist, naming the branches there', async () => {
		const {env, source, repo} = await cloneOf('main');
		const error = await resolveDefaultBranch(repo, source, env, 'nope').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(GtError);
		expect((error as GtError).kind).toBe('notFound');
		expect((error as GtError).describe()).toBe(`branch "nope" does not exist in ${source} — branches there: feature, main`);
		expect(git(repo, ['symbolic-ref', '--short', 'HEAD'], env)).toBe('main');
	});

	it('refuses a repository without commits', async () => {
		const env = testEnv();
		const root = tempDir();
		const source = path.join(root, 'empty');
		git(root, ['init', '-q', source], env);
		const repo = path.join(root, 'repo.git');
		await bareClone(source, repo, {vars: env});
		await expect(resolveDefaultBranch(repo, source, env)).rejects.toThrow(/has no branches/);
	});
});
