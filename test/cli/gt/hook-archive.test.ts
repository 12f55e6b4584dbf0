// A polecat's hook archived when its work lands, as the built binaries over a real town
// with a fast sim: the archive outlives the worktree and `gt hook restore` brings it back.
import {existsSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {git, runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {waitUntil} from '../../helpers/wait.js';

let town: TestTown | undefined;
afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

type Archived = {state: string; agent: string; bead: string; branch: string; tip: string; worktree: string; ref: string; why: string};

describe('archived hooks', () => {
	it('are made when the work lands, survive the worktree, and restore cleanly', async () => {
		town = await makeTown();
		const t = town;
		const env = {...t.vars, GT_SIM_SPEED: '10'};
		const gt = (args: string[]) => runOk('gt', args, {cwd: t.town, env});
		await gt(['up']);
		const {id} = JSON.parse(await runOk('bd', ['create', 'Add subtract', '--json'], {cwd: t.rigDir, env})) as {id: string};
		await gt(['sling', id, t.rig]);
		const archived = await waitUntil(async () => (JSON.parse(await gt(['hooks', 'list', '--archived', '--json'])) as Archived[]).find(hook => hook.bead === id), {what: 'the landed hook archived', timeout: 60_000});
		expect(archived).toMatchObject({state: 'archived', bead: id, agent: expect.stringMatching(new RegExp(`^${t.rig}/polecats/`)), why: expect.stringMatching(/^landed in [0-9a-f]{8}$/)});
		const repo = path.join(t.rigDir, '.repo.git');
		// The archive is written before the merged branch is deleted, so the branch goes a moment later; the archive keeps its tip reachable.
		await waitUntil(() => git(repo, ['branch', '--list', archived.branch], env) === '', {what: `the merged branch ${archived.branch} deleted`, timeout: 20_000});
		expect(git(repo, ['rev-parse', `${archived.ref}^1`], env)).toBe(archived.tip);
		expect(await gt(['hooks', 'list', '--archived'])).toContain(id);

		await gt(['down']);
		rmSync(archived.worktree, {recursive: true, force: true});
		git(repo, ['worktree', 'prune'], env);
		expect(await gt(['hook', 'restore', id])).toMatch(new RegExp(`^Restored ${archived.agent}'s ${id} into ${archived.worktree.replaceAll('/', '\\/')} on ${archived.branch.replaceAll('/', '\\/')}`));
		expect(existsSync(archived.worktree)).toBe(true);
		expect(git(archived.worktree, ['rev-parse', 'HEAD'], env)).toBe(archived.tip);
		expect(git(archived.worktree, ['rev-parse', '--abbrev-ref', 'HEAD'], env)).toBe(archived.branch);
		// A name that is not archived is refused in one line.
		const again = await runCli('gt', ['hook', 'restore', 'nope-404'], {cwd: t.town, env});
		expect(again).toMatchObject({code: 3});
		expect(again.stderr).toMatch(/^gt: no archived hook "nope-404" — /);
	});
});
