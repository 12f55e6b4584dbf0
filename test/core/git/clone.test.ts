import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bareClone, fetchOrigin} from '../../../source/core/git/clone.js';
import type {GitProgress} from '../../../source/core/git/client.js';
import {isGtError} from '../../../source/core/base/errors.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

describe('bareClone', () => {
	it('makes a bare clone with remote-tracking refs, and fetch brings new upstream commits', async () => {
		const env = testEnv();
		const root = tempDir();
		const source = makeGitRepo(path.join(root, 'source'), env, {'a.txt': 'a\n'}, 'trunk');
		const target = path.join(root, 'rig', '.repo.git');

		await bareClone(source, target, {vars: env});

		expect(git(target, ['rev-parse', '--is-bare-repository'], env)).toBe('true');
		expect(git(target, ['config', '--get', 'remote.origin.fetch'], env)).toBe('+refs/heads/*:refs/remotes/origin/*');
		expect(git(target, ['rev-parse', 'refs/remotes/origin/trunk'], env)).toBe(git(source, ['rev-parse', 'HEAD'], env));
		expect(git(target, ['rev-parse', 'refs/heads/trunk'], env)).toBe(git(source, ['rev-parse', 'HEAD'], env));

		git(source, ['commit', '-q', '--allow-empty', '-m', 'second'], env);
		await fetchOrigin(target, env);
		expect(git(target, ['rev-parse', 'refs/remotes/origin/trunk'], env)).toBe(git(source, ['rev-parse', 'HEAD'], env));
	});

	it('reports progress through the callback for a file:// clone', async () => {
		const env = testEnv();
		const root = tempDir();
		const files: Record<string, string> = {};
		for (let index = 0; index < 200; index++) files[`f${index}.txt`] = `file ${index}\n`.repeat(50);
		const source = makeGitRepo(path.join(root, 'source'), env, files);
		const events: GitProgress[] = [];

		await bareClone(`file://${source}`, path.join(root, 'clone.git'), {vars: env, onProgress: event => events.push(event)});

		const receiving = events.filter(event => event.stage === 'receiving');
		expect(receiving.length).toBeGreaterThan(0);
		expect(receiving[0]).toMatchObject({label: 'Receiving objects'});
		const percents = receiving.map(event => event.percent);
		expect(percents).toEqual([...percents].sort((a, b) => a - b));
		expect(Math.max(...percents)).toBeLessThanOrEqual(100);
	});

	it('fails with one line naming the source when it is not a repository', async () => {
		const env = testEnv();
		const root = tempDir();
		const target = path.join(root, 'clone.git');
		const error = await bareClone(path.join(root, 'nothing-here'), target, {vars: env}).catch((caught: unknown) => caught);
		expect(isGtError(error)).toBe(true);
		expect((error as Error).message).toMatch(/^cloning .*nothing-here failed: /);
		expect((error as Error).message).not.toContain('\n');
		expect(existsSync(target)).toBe(false);
	});
});
