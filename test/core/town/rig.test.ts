import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {readRoutes} from '../../../source/core/beads/routes.js';
import type {Environment} from '../../../source/core/base/environment.js';
import {GtError} from '../../../source/core/base/errors.js';
import {addCrew} from '../../../source/core/town/crew.js';
import {addRig, removeRig} from '../../../source/core/town/rig-lifecycle.js';
import {listRigs, readRigConfig, selectRig} from '../../../source/core/town/rig-config.js';
import {installTown} from '../../../source/core/town/install.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

type Setup = {env: Environment; vars: Record<string, string>; town: string; work: string};

async function setup(options: {git?: boolean} = {}): Promise<Setup> {
	const vars = testEnv();
	const work = tempDir();
	const env: Environment = {cwd: work, home: vars.HOME!, vars, now: () => new Date('2026-01-02T03:04:05.000Z')};
	await installTown({path: 'town', git: options.git}, env);
	return {env, vars, town: path.join(work, 'town'), work};
}

async function refusal(promise: Promise<unknown>): Promise<GtError> {
	const error = await promise.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(GtError);
	return error as GtError;
}

const townEntries = (town: string) => readdirSync(town).sort();

describe('addRig', () => {
	it('clones a local repository bare, writes rig.toml, the ledger, the route and the refinery worktree', async () => {
		const {env, vars, town, work} = await setup();
		const source = makeGitRepo(path.join(work, 'proj'), vars, {'README.md': 'hi\n'}, 'trunk');

		const result = await addRig(town, {name: 'my_project', source: 'proj'}, env);

		const dir = path.join(town, 'my_project');
		expect(result).toMatchObject({name: 'my_project', path: dir, prefix: 'mp', defaultBranch: 'trunk', gitUrl: source, warnings: []});
		expect(readRigConfig(town, 'my_project')).toMatchObject({
			git_url: source,
			default_branch: 'trunk',
			prefix: 'mp',
			created_at: '2026-01-02T03:04:05.000Z',
			merge_queue: {gates: []},
		});
		expect(readRigConfig(town, 'my_project').namepool?.names).toContain('furiosa');
		expect(git(path.join(dir, '.repo.git'), ['rev-parse', '--is-bare-repository'], vars)).toBe('true');
		expect(git(path.join(dir, '.repo.git'), ['rev-parse', 'refs/remotes/origin/trunk'], vars)).toBe(git(source, ['rev-parse', 'HEAD'], vars));
		expect(git(path.join(dir, 'refinery', 'rig'), ['rev-parse', '--abbrev-ref', 'HEAD'], vars)).toBe('trunk');
		expect(existsSync(path.join(dir, 'refinery', 'rig', 'README.md'))).toBe(true);
		expect(Ledger.exists(path.join(dir, '.beads'))).toBe(true);
		expect(Ledger.open(path.join(dir, '.beads')).prefix).toBe('mp');
		expect(readRoutes(town)).toContainEqual({prefix: 'mp-', path: 'my_project'});
		expect(existsSync(path.join(dir, 'crew'))).toBe(true);
		expect(existsSync(path.join(dir, 'polecats'))).toBe(true);
	});

	it('clones a file:// URL and honours --branch', async () => {
		const {env, vars, town, work} = await setup();
		const source = makeGitRepo(path.join(work, 'proj'), vars);
		git(source, ['branch', 'develop'], vars);
		const result = await addRig(town, {name: 'tools', source: `file://${source}`, branch: 'develop', prefix: 'tl'}, env);
		expect(result).toMatchObject({prefix: 'tl', defaultBranch: 'develop', gitUrl: `file://${source}`});
		expect(git(path.join(town, 'tools', 'refinery', 'rig'), ['rev-parse', '--abbrev-ref', 'HEAD'], vars)).toBe('develop');
	});

	it('leaves nothing behind when --branch does not exist', async () => {
		const {env, vars, town, work} = await setup();
		makeGitRepo(path.join(work, 'proj'), vars);
		const before = townEntries(town);
		const routes = readRoutes(town);
		const error = await refusal(addRig(town, {name: 'proj', source: 'proj', branch: 'nope'}, env));
		expect(error.describe()).toBe('branch "nope" does not exist in proj — branches there: main');
		expect(townEntries(town)).toEqual(before);
		expect(readRoutes(town)).toEqual(routes);
	});

	it('an aborted clone (Ctrl-C) leaves nothing behind', async () => {
		const {env, vars, town, work} = await setup();
		makeGitRepo(path.join(work, 'proj'), vars);
		const before = townEntries(town);
		const controller = new AbortController();
		controller.abort();
		const error = await refusal(addRig(town, {name: 'proj', source: 'proj', signal: controller.signal}, env));
		expect(error.describe()).toBe('interrupted — nothing was kept; run the command again');
		expect(townEntries(town)).toEqual(before);
		expect(readRoutes(town).map(route => route.prefix)).toEqual(['hq-', 'hq-cv-']);
	});

	it('refuses bad and reserved names, duplicates and missing sources without creating anything', async () => {
		const {env, vars, town, work} = await setup();
		makeGitRepo(path.join(work, 'proj'), vars);
		const before = townEntries(town);
		for (const name of ['a/b', '..', '-x', 'has space', 'mayor', 'hq']) {
			expect((await refusal(addRig(town, {name, source: 'proj'}, env))).kind).toBe('usage');
		}
		const missing = await refusal(addRig(town, {name: 'ghost', source: 'nowhere'}, env));
		expect(missing.kind).toBe('notFound');
		expect(missing.message).toBe(`${path.join(work, 'nowhere')} does not exist`);
		expect((await refusal(addRig(town, {name: 'ghost', source: 'file:///nowhere/at/all'}, env))).kind).toBe('notFound');
		expect((await refusal(addRig(town, {name: 'ghost', source: '--upload-pack=touch /tmp/x'}, env))).kind).toBe('usage');
		expect(townEntries(town)).toEqual(before);

		await addRig(town, {name: 'proj', source: 'proj'}, env);
		const duplicate = await refusal(addRig(town, {name: 'proj', source: 'proj'}, env));
		expect(duplicate.kind).toBe('conflict');
		expect(duplicate.message).toBe('rig "proj" already exists');
	});

	it('derives a free prefix and refuses an explicit one already in use', async () => {
		const {env, vars, town, work} = await setup();
		makeGitRepo(path.join(work, 'proj'), vars);
		expect((await addRig(town, {name: 'my_project', source: 'proj'}, env)).prefix).toBe('mp');
		expect((await addRig(town, {name: 'myProject2', source: 'proj'}, env)).prefix).toBe('my');
		const error = await refusal(addRig(town, {name: 'other', source: 'proj', prefix: 'mp'}, env));
		expect(error.kind).toBe('conflict');
		expect(error.describe()).toBe('prefix "mp" is already used by rig my_project — choose another with --prefix');
		expect(existsSync(path.join(town, 'other'))).toBe(false);
		expect((await refusal(addRig(town, {name: 'other', source: 'proj', prefix: 'hq'}, env))).message).toContain('the HQ ledger');
		expect((await refusal(addRig(town, {name: 'other', source: 'proj', prefix: 'Bad!'}, env))).kind).toBe('usage');
	});

	it('commits the rig to a git town and leaves its status clean', async () => {
		const {env, vars, town, work} = await setup({git: true});
		makeGitRepo(path.join(work, 'proj'), vars);
		const result = await addRig(town, {name: 'proj', source: 'proj'}, env);
		expect(result.commit).toMatch(/^[0-9a-f]{7,}$/);
		expect(git(town, ['log', '--format=%s'], vars).split('\n')).toEqual(['Add rig proj', 'Create town town']);
		expect(git(town, ['show', '--name-only', '--format=', 'HEAD'], vars).split('\n').sort()).toEqual(
			['.beads/routes.jsonl', 'proj/.beads/config.toml', 'proj/.beads/issues.jsonl', 'proj/rig.toml'],
		);
		await addCrew(town, {rig: 'proj', name: 'me'}, env);
		expect(git(town, ['status', '--porcelain', '--untracked-files=all'], vars)).toBe('');
	});
});

describe('listRigs and selectRig', () => {
	it('lists rigs with prefix, branch, source and workers, and picks the rig for a command', async () => {
		const {env, vars, town, work} = await setup();
		const source = makeGitRepo(path.join(work, 'proj'), vars);
		expect(() => selectRig(town, env)).toThrow('this town has no rigs');
		await addRig(town, {name: 'alpha', source: 'proj'}, env);
		expect(selectRig(town, env)).toBe('alpha');
		await addRig(town, {name: 'beta', source: 'proj'}, env);
		await addCrew(town, {rig: 'beta', name: 'me'}, env);
		mkdirSync(path.join(town, 'beta', 'polecats', 'nux'));

		expect(listRigs(town)).toEqual([
			{name: 'alpha', path: path.join(town, 'alpha'), prefix: 'al', defaultBranch: 'main', gitUrl: source, crew: [], polecats: []},
			{name: 'beta', path: path.join(town, 'beta'), prefix: 'be', defaultBranch: 'main', gitUrl: source, crew: ['me'], polecats: ['nux']},
		]);
		expect(() => selectRig(town, env)).toThrow('which rig? this town has alpha, beta');
		expect(selectRig(town, {...env, cwd: path.join(town, 'beta', 'crew', 'me')})).toBe('beta');
		expect(selectRig(town, env, 'alpha')).toBe('alpha');
		expect(() => selectRig(town, env, 'gamma')).toThrow('no rig "gamma" in this town');
	});
});

describe('removeRig', () => {
	it('refuses while a crew worktree has uncommitted or unmerged work, unless forced', async () => {
		const {env, vars, town, work} = await setup({git: true});
		makeGitRepo(path.join(work, 'proj'), vars);
		await addRig(town, {name: 'proj', source: 'proj'}, env);
		const crew = await addCrew(town, {rig: 'proj', name: 'me'}, env);
		writeFileSync(path.join(crew.path, 'notes.txt'), 'unsaved\n');

		const dirty = await refusal(removeRig(town, 'proj', {}, env));
		expect(dirty.kind).toBe('conflict');
		expect(dirty.message).toBe('rig "proj" has unsaved work: crew/me (1 uncommitted file)');

		git(crew.path, ['add', '-A'], vars);
		git(crew.path, ['commit', '-q', '-m', 'notes'], vars);
		expect((await refusal(removeRig(town, 'proj', {}, env))).message).toBe('rig "proj" has unsaved work: crew/me (1 unmerged commit)');
		expect(existsSync(path.join(town, 'proj'))).toBe(true);

		const result = await removeRig(town, 'proj', {force: true}, env);
		expect(result.discarded).toEqual(['crew/me (1 unmerged commit)']);
		expect(existsSync(path.join(town, 'proj'))).toBe(false);
		expect(readRoutes(town).map(route => route.prefix)).toEqual(['hq-', 'hq-cv-']);
		expect(git(town, ['log', '-1', '--format=%s'], vars)).toBe('Remove rig proj');
		expect(git(town, ['status', '--porcelain', '--untracked-files=all'], vars)).toBe('');
	});

	it('removes a clean rig and refuses an unknown one', async () => {
		const {env, vars, town, work} = await setup();
		makeGitRepo(path.join(work, 'proj'), vars);
		await addRig(town, {name: 'proj', source: 'proj'}, env);
		await addCrew(town, {rig: 'proj', name: 'me'}, env);
		await removeRig(town, 'proj', {}, env);
		expect(existsSync(path.join(town, 'proj'))).toBe(false);
		expect((await refusal(removeRig(town, 'proj', {}, env))).kind).toBe('notFound');
		// The prefix is free again.
		expect((await addRig(town, {name: 'proj', source: 'proj'}, env)).prefix).toBe('pr');
	});
});
