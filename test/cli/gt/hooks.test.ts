import {existsSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {createBead} from '../../../source/core/beads/operations.js';
import {hookBead} from '../../../source/core/work/hook.js';
import {preparePolecat} from '../../../source/core/town/polecats.js';
import {git, runCli, runOk, tempDir} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

const who = {actor: 'overseer', now: new Date()};

/** A polecat with hooked work, made the way sling makes it (no daemon needed). */
async function slung(town: TestTown, title: string) {
	const ledger = Ledger.open(path.join(town.rigDir, '.beads'));
	const bead = await ledger.transact(state => createBead(state, ledger, {title}, who));
	const polecat = await preparePolecat(town.town, town.rig, {bead: bead.id, busy: new Set()}, town.env);
	await hookBead(ledger, bead.id, polecat.ref.address, who);
	return {bead, dir: polecat.ref.dir, address: polecat.ref.address, branch: polecat.branch};
}

describe('gt hooks', () => {
	it('list shows an aligned table with dirty counts, and --json', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		writeFileSync(path.join(work.dir, 'a.txt'), 'a\n');
		writeFileSync(path.join(work.dir, 'b.txt'), 'b\n');
		const options = {cwd: town.town, env: town.vars};
		const bead = `${work.bead.id} hooked`;
		expect((await runOk('gt', ['hooks', 'list'], options)).split('\n')).toEqual([
			`AGENT                  HOOK    WORKTREE               ${'BRANCH'.padEnd(work.branch.length)}  ${'BEAD'.padEnd(bead.length)}  DIRTY  SESSION`,
			`calc/polecats/furiosa  active  calc/polecats/furiosa  ${work.branch}  ${bead}  2      no daemon`,
			'',
		]);
		expect(JSON.parse(await runOk('gt', ['hooks', 'list', '--json'], options))).toEqual([{
			state: 'active', since: work.bead.updated_at, why: `${work.bead.id} on the hook`,
			address: work.address, role: 'polecat', rig: 'calc', worktree: work.dir, exists: true, branch: work.branch,
			bead: {id: work.bead.id, title: 'Add subtract', status: 'hooked', hooked: true, updatedAt: work.bead.updated_at}, dirty: 2, unmerged: 0, session: 'no daemon',
		}]);
	});

	it('repair brings back a worktree deleted by hand; --dry-run changes nothing; a second run has nothing to do', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		writeFileSync(path.join(work.dir, 'sub.js'), 'export const sub = (a, b) => a - b;\n');
		git(work.dir, ['add', '-A'], town.vars);
		git(work.dir, ['commit', '-q', '-m', 'subtract'], town.vars);
		const commit = git(work.dir, ['rev-parse', 'HEAD'], town.vars);
		rmSync(work.dir, {recursive: true, force: true});
		const options = {cwd: town.town, env: town.vars};

		const listed = await runOk('gt', ['hooks', 'list'], options);
		expect(listed).toContain('calc/polecats/furiosa (missing)');
		expect(listed).toContain('`gt hooks repair` fixes what it safely can');

		const dry = await runCli('gt', ['hooks', 'repair', '--dry-run'], options);
		expect(dry).toMatchObject({code: 0, stderr: ''});
		expect(dry.stdout.split('\n')).toEqual([
			`would fix  prune  ${work.address}: pruned git's record of calc/polecats/furiosa, which is gone (branch ${work.branch} kept)`,
			`would fix  recreate-worktree  ${work.address}: recreated calc/polecats/furiosa on ${work.branch} for hooked ${work.bead.id}`,
			'',
			'Dry run: nothing was changed. Run `gt hooks repair` to apply these 2 fixes.',
			'',
		]);
		expect(existsSync(work.dir)).toBe(false);

		const json = JSON.parse(await runOk('gt', ['hooks', 'repair', '--json'], options));
		expect(json).toMatchObject({dry_run: false, warnings: []});
		expect(json.fixes.map((fix: {kind: string}) => fix.kind)).toEqual(['prune', 'recreate-worktree']);
		expect(git(work.dir, ['rev-parse', 'HEAD'], town.vars)).toBe(commit);
		expect(git(work.dir, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe(work.branch);

		expect(await runCli('gt', ['hooks', 'repair'], options)).toMatchObject({code: 0, stdout: 'Nothing to repair.\n', stderr: ''});
	});

	it('outside a town both commands exit 3', async () => {
		const town = await makeTown();
		const nowhere = tempDir('nowhere');
		for (const args of [['hooks', 'list'], ['hooks', 'repair']]) {
			const result = await runInProcess('gt', args, {cwd: nowhere, env: town.vars});
			expect(result.code, args.join(' ')).toBe(3);
			expect(result.stderr).toMatch(/^gt: not inside a Gas Town/);
		}
	});
});
