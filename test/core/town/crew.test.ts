import {existsSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addCrew, listCrew, removeCrew} from '../../../source/core/town/crew.js';
import type {Environment} from '../../../source/core/base/environment.js';
import {GtError} from '../../../source/core/base/errors.js';
import {addRig} from '../../../source/core/town/rig-lifecycle.js';
import {installTown} from '../../../source/core/town/install.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

async function setup(options: {git?: boolean} = {}) {
	const vars = testEnv();
	const work = tempDir();
	const env: Environment = {cwd: work, home: vars.HOME!, vars, now: () => new Date('2026-01-02T03:04:05.000Z')};
	await installTown({path: 'town', git: options.git}, env);
	const town = path.join(work, 'town');
	makeGitRepo(path.join(work, 'proj'), vars, {'README.md': 'hi\n'}, 'trunk');
	await addRig(town, {name: 'proj', source: 'proj'}, env);
	return {env, vars, town, repo: path.join(town, 'proj', '.repo.git')};
}

async function refusal(promise: Promise<unknown>): Promise<GtError> {
	const error = await promise.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(GtError);
	return error as GtError;
}

describe('crew', () => {
	it('adds a worktree on crew/<name> from the default branch and lists it', async () => {
		const {env, vars, town, repo} = await setup();
		const crew = await addCrew(town, {rig: 'proj', name: 'me'}, env);
		const dir = path.join(town, 'proj', 'crew', 'me');
		expect(crew).toEqual({rig: 'proj', name: 'me', path: dir, branch: 'crew/me', reusedBranch: false});
		expect(git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'], vars)).toBe('crew/me');
		expect(git(dir, ['rev-parse', 'HEAD'], vars)).toBe(git(repo, ['rev-parse', 'trunk'], vars));
		expect(git(repo, ['worktree', 'list'], vars)).toContain(dir);
		expect(await listCrew(town, env)).toEqual([{rig: 'proj', name: 'me', path: dir, branch: 'crew/me', dirty: 0, unmerged: 0}]);
	});

	it('refuses bad, reserved and duplicate names, and unknown rigs', async () => {
		const {env, town} = await setup();
		for (const name of ['a/b', '..', '-x', 'has space', 'witness']) {
			expect((await refusal(addCrew(town, {rig: 'proj', name}, env))).kind).toBe('usage');
		}
		expect((await refusal(addCrew(town, {rig: 'nope', name: 'me'}, env))).kind).toBe('notFound');
		await addCrew(town, {rig: 'proj', name: 'me'}, env);
		const duplicate = await refusal(addCrew(town, {rig: 'proj', name: 'me'}, env));
		expect(duplicate.kind).toBe('conflict');
		expect(duplicate.message).toBe('crew "me" already exists in rig proj');
	});

	it('refuses to remove uncommitted work unless forced, and keeps a branch with unmerged commits', async () => {
		const {env, vars, town, repo} = await setup();
		const crew = await addCrew(town, {rig: 'proj', name: 'me'}, env);
		writeFileSync(path.join(crew.path, 'notes.txt'), 'unsaved\n');
		expect((await listCrew(town, env, 'proj'))[0]).toMatchObject({dirty: 1, unmerged: 0});

		const error = await refusal(removeCrew(town, {rig: 'proj', name: 'me'}, env));
		expect(error.kind).toBe('conflict');
		expect(error.describe()).toBe('crew "me" in rig proj has 1 uncommitted file (notes.txt) — commit it, or pass --force to discard it');
		expect(existsSync(path.join(crew.path, 'notes.txt'))).toBe(true);

		git(crew.path, ['add', '-A'], vars);
		git(crew.path, ['commit', '-q', '-m', 'notes'], vars);
		const removed = await removeCrew(town, {rig: 'proj', name: 'me'}, env);
		expect(removed).toMatchObject({branchKept: true, discarded: []});
		expect(existsSync(crew.path)).toBe(false);
		expect(git(repo, ['worktree', 'list', '--porcelain'], vars)).not.toContain(crew.path);

		// Adding the crew again picks its branch, and its commit, back up.
		const again = await addCrew(town, {rig: 'proj', name: 'me'}, env);
		expect(again.reusedBranch).toBe(true);
		expect(existsSync(path.join(again.path, 'notes.txt'))).toBe(true);

		writeFileSync(path.join(again.path, 'more.txt'), 'more\n');
		const forced = await removeCrew(town, {rig: 'proj', name: 'me', force: true}, env);
		expect(forced.discarded).toEqual(['more.txt']);
		expect(existsSync(again.path)).toBe(false);
	});

	it('deletes a merged crew branch on remove, and handles a worktree deleted by hand in a git town', async () => {
		const {env, vars, town, repo} = await setup({git: true});
		await addCrew(town, {rig: 'proj', name: 'me'}, env);
		await removeCrew(town, {rig: 'proj', name: 'me'}, env);
		expect(git(repo, ['branch', '--list', 'crew/me'], vars)).toBe('');

		const crew = await addCrew(town, {rig: 'proj', name: 'you'}, env);
		git(crew.path, ['commit', '-q', '--allow-empty', '-m', 'work'], vars);
		git(crew.path, ['rm', '-q', 'README.md'], vars);
		rmSync(path.join(crew.path, '.git'));
		const removed = await removeCrew(town, {rig: 'proj', name: 'you'}, env);
		expect(removed.branchKept).toBe(true);
		expect(existsSync(crew.path)).toBe(false);
		expect(git(repo, ['worktree', 'list', '--porcelain'], vars)).not.toContain(crew.path);
		expect((await refusal(removeCrew(town, {rig: 'proj', name: 'you'}, env))).kind).toBe('notFound');
	});
});
