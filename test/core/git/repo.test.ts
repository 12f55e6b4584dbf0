import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commitPaths, gitConfigValue, initRepo, isRepoRoot} from '../../../source/core/git/repo.js';
import {git, tempDir, testEnv} from '../../helpers/cli.js';

describe('town repository helpers', () => {
	it('commits only the given paths and leaves other changes alone', async () => {
		const env = testEnv();
		const dir = tempDir();
		expect(await isRepoRoot(dir, env)).toBe(false);
		await initRepo(dir, env);
		expect(await isRepoRoot(dir, env)).toBe(true);
		writeFileSync(path.join(dir, 'a.toml'), 'a = 1\n');
		writeFileSync(path.join(dir, 'b.txt'), 'not ours\n');

		const commit = await commitPaths(dir, ['a.toml', 'missing.toml'], 'Add a', env);
		expect(commit).toMatch(/^[0-9a-f]{7,}$/);
		expect(git(dir, ['log', '--format=%s %ae'], env)).toBe('Add a test@example.com');
		expect(git(dir, ['status', '--porcelain'], env)).toBe('?? b.txt');
		expect(await commitPaths(dir, ['a.toml'], 'Nothing', env)).toBeUndefined();
	});

	it('commits with a fallback identity when the user has none', async () => {
		const env = testEnv();
		const dir = tempDir();
		const gitconfig = path.join(dir, '..', `${path.basename(dir)}.gitconfig`);
		writeFileSync(gitconfig, '[init]\n\tdefaultBranch = main\n');
		const bare = {...env, GIT_CONFIG_GLOBAL: gitconfig};
		await initRepo(dir, bare);
		expect(await gitConfigValue(dir, 'user.email', bare)).toBeUndefined();
		writeFileSync(path.join(dir, 'town.toml'), 'name = "t"\n');
		await commitPaths(dir, ['town.toml'], 'Create town', bare);
		expect(git(dir, ['log', '--format=%an <%ae>'], bare)).toBe('Gas Town <gastown@localhost>');
	});
});
