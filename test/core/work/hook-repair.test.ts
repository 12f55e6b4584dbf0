import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {closeBead, createBead} from '../../../source/core/beads/operations.js';
import {addCrew} from '../../../source/core/town/crew.js';
import {hookBead} from '../../../source/core/work/hook.js';
import {listHooks, repairHooks, startOrphanedHooks} from '../../../source/core/work/hook-repair.js';
import {preparePolecat} from '../../../source/core/town/polecats.js';
import {git} from '../../helpers/cli.js';
import {recordingSessions} from '../../helpers/sessions.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

const who = {actor: 'overseer', now: new Date()};
const rigLedger = (town: TestTown) => Ledger.open(path.join(town.rigDir, '.beads'));

/** What sling does on disk: a bead, a polecat worktree on polecat/<name>/<bead>, the hook. */
async function slung(town: TestTown, title: string, name?: string) {
	const ledger = rigLedger(town);
	const bead = await ledger.transact(state => createBead(state, ledger, {title}, who));
	const polecat = await preparePolecat(town.town, town.rig, {bead: bead.id, busy: new Set(), ...(name ? {name} : {})}, town.env);
	await hookBead(ledger, bead.id, polecat.ref.address, who);
	return {bead, dir: polecat.ref.dir, address: polecat.ref.address, branch: polecat.branch};
}

function commitIn(town: TestTown, dir: string, file: string, text: string): string {
	writeFileSync(path.join(dir, file), text);
	git(dir, ['add', '-A'], town.vars);
	git(dir, ['commit', '-q', '-m', `add ${file}`], town.vars);
	return git(dir, ['rev-parse', 'HEAD'], town.vars);
}

const repo = (town: TestTown) => path.join(town.rigDir, '.repo.git');

describe('hooks upkeep', () => {
	it('lists each polecat with its branch, hooked bead, dirty files and session state', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		writeFileSync(path.join(work.dir, 'scratch.txt'), 'wip\n');
		writeFileSync(path.join(work.dir, 'README.md'), '# changed\n');
		const hooks = await listHooks(town.town, town.env, undefined);
		expect(hooks).toEqual([{
			address: work.address, role: 'polecat', rig: 'calc', worktree: work.dir, exists: true, branch: work.branch,
			bead: {id: work.bead.id, title: 'Add subtract', status: 'hooked', hooked: true, updatedAt: work.bead.updated_at}, dirty: 2, unmerged: 0, session: 'no daemon',
		}]);
	});

	it('recreates a worktree deleted by hand on its own branch, with its commits; a second run finds nothing', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		const commit = commitIn(town, work.dir, 'subtract.js', 'export const sub = (a, b) => a - b;\n');
		rmSync(work.dir, {recursive: true, force: true});

		const listed = (await listHooks(town.town, town.env, undefined))[0]!;
		expect(listed).toMatchObject({address: work.address, exists: false, problem: 'worktree is missing', bead: {id: work.bead.id, hooked: true}});

		const first = await repairHooks(town.town, town.env);
		expect(first.warnings).toEqual([]);
		expect(first.fixes).toEqual([
			{kind: 'prune', agent: work.address, detail: `pruned git's record of calc/polecats/furiosa, which is gone (branch ${work.branch} kept)`},
			{kind: 'recreate-worktree', agent: work.address, detail: `recreated calc/polecats/furiosa on ${work.branch} for hooked ${work.bead.id}`},
		]);
		expect(git(work.dir, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe(work.branch);
		expect(git(work.dir, ['rev-parse', 'HEAD'], town.vars)).toBe(commit);
		expect(readFileSync(path.join(work.dir, 'subtract.js'), 'utf8')).toContain('a - b');
		expect((await rigLedger(town).read()).require(work.bead.id)).toMatchObject({status: 'hooked', assignee: work.address});

		expect(await repairHooks(town.town, town.env)).toEqual({fixes: [], warnings: []});
		expect((await listHooks(town.town, town.env, undefined))[0]).toMatchObject({exists: true, branch: work.branch, dirty: 0, unmerged: 1});
	});

	it('a dry run reports the same fixes and changes nothing', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		rmSync(work.dir, {recursive: true, force: true});
		const before = git(repo(town), ['worktree', 'list', '--porcelain'], town.vars);
		const dry = await repairHooks(town.town, town.env, {dryRun: true});
		expect(dry.fixes.map(fix => fix.kind)).toEqual(['prune', 'recreate-worktree']);
		expect(existsSync(work.dir)).toBe(false);
		expect(git(repo(town), ['worktree', 'list', '--porcelain'], town.vars)).toBe(before);
		expect((await repairHooks(town.town, town.env)).fixes).toEqual(dry.fixes);
	});

	it('makes a new branch from the default branch when the branch is gone too', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Add subtract');
		rmSync(work.dir, {recursive: true, force: true});
		git(repo(town), ['worktree', 'prune'], town.vars);
		git(repo(town), ['branch', '-D', work.branch], town.vars);
		const {fixes} = await repairHooks(town.town, town.env);
		expect(fixes).toEqual([{kind: 'recreate-worktree', agent: work.address, detail: `recreated calc/polecats/furiosa on a new ${work.branch} from main for hooked ${work.bead.id} (its branch was gone too)`}]);
		expect(git(work.dir, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe(work.branch);
		expect(git(work.dir, ['rev-parse', 'HEAD'], town.vars)).toBe(git(repo(town), ['rev-parse', 'main'], town.vars));
	});

	it('releases a hook whose merge request was merged (closed) or is still queued (in_progress), keeping the assignee', async () => {
		const town = await makeTown();
		const merged = await slung(town, 'Merged work');
		const queued = await slung(town, 'Queued work');
		rmSync(merged.dir, {recursive: true, force: true});
		const ledger = rigLedger(town);
		const later = {actor: 'refinery', now: new Date(Date.now() + 1000)};
		for (const work of [merged, queued]) {
			const request = await ledger.transact(state => createBead(state, ledger, {title: `Merge ${work.bead.id}`, type: 'merge-request', ephemeral: true, metadata: {source_bead: work.bead.id, worker: work.address, branch: work.branch}}, later));
			if (work === merged) await ledger.transact(state => closeBead(state, request.id, {}, later));
		}
		const {fixes} = await repairHooks(town.town, town.env);
		expect(fixes.map(fix => [fix.kind, fix.agent])).toEqual([['prune', merged.address], ['release', merged.address], ['release', queued.address]]);
		const state = await ledger.read();
		expect(state.require(merged.bead.id)).toMatchObject({status: 'closed', assignee: merged.address});
		expect(state.require(queued.bead.id)).toMatchObject({status: 'in_progress', assignee: queued.address});
		expect(existsSync(merged.dir)).toBe(false);
		expect(git(repo(town), ['branch', '--list', merged.branch], town.vars)).toContain(merged.branch);
		expect((await repairHooks(town.town, town.env)).fixes).toEqual([]);
	});

	it('leaves a closed bead that is still assigned alone', async () => {
		const town = await makeTown();
		const work = await slung(town, 'Closed under it');
		const ledger = rigLedger(town);
		await ledger.transact(state => closeBead(state, work.bead.id, {}, who));
		rmSync(work.dir, {recursive: true, force: true});
		const {fixes} = await repairHooks(town.town, town.env);
		expect(fixes.map(fix => fix.kind)).toEqual(['prune']);
		expect((await ledger.read()).require(work.bead.id)).toMatchObject({status: 'closed', assignee: work.address});
		expect(existsSync(work.dir)).toBe(false);
	});

	it('removes an empty polecat directory, but never one with files in it', async () => {
		const town = await makeTown();
		mkdirSync(path.join(town.rigDir, 'polecats', 'ghost'), {recursive: true});
		const work = await slung(town, 'Broken worktree', 'nux');
		writeFileSync(path.join(work.dir, 'precious.txt'), 'uncommitted\n');
		rmSync(path.join(work.dir, '.git'));
		const {fixes, warnings} = await repairHooks(town.town, town.env);
		expect(fixes).toEqual([
			{kind: 'prune', agent: work.address, detail: `pruned git's record of calc/polecats/nux, which is gone (branch ${work.branch} kept)`},
			{kind: 'remove-empty-dir', agent: 'calc/polecats/ghost', detail: 'removed calc/polecats/ghost: an empty directory, not a worktree'},
		]);
		expect(warnings.map(warning => [warning.kind, warning.agent])).toEqual([['not-a-worktree', work.address]]);
		expect(existsSync(path.join(town.rigDir, 'polecats', 'ghost'))).toBe(false);
		expect(readFileSync(path.join(work.dir, 'precious.txt'), 'utf8')).toBe('uncommitted\n');
		expect(git(repo(town), ['branch', '--list', work.branch], town.vars)).toContain(work.branch);
		expect((await repairHooks(town.town, town.env)).fixes).toEqual([]);
	});

	it('recreates a crew worktree on crew/<name> and lists the Mayor\'s hook', async () => {
		const town = await makeTown();
		const crew = await addCrew(town.town, {rig: 'calc', name: 'me'}, town.env);
		const ledger = rigLedger(town);
		const bead = await ledger.transact(state => createBead(state, ledger, {title: 'Crew work'}, who));
		await hookBead(ledger, bead.id, 'calc/crew/me', who);
		const hq = Ledger.open(path.join(town.town, '.beads'));
		const plan = await hq.transact(state => createBead(state, hq, {title: 'Plan'}, who));
		await hookBead(hq, plan.id, 'mayor/', who);
		rmSync(crew.path, {recursive: true, force: true});

		const {fixes} = await repairHooks(town.town, town.env);
		expect(fixes.map(fix => [fix.kind, fix.agent])).toEqual([['prune', 'calc/crew/me'], ['recreate-worktree', 'calc/crew/me']]);
		expect(git(crew.path, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe('crew/me');
		const hooks = await listHooks(town.town, town.env, undefined);
		expect(hooks.map(entry => [entry.address, entry.bead?.id, entry.exists])).toEqual([['mayor/', plan.id, false], ['calc/crew/me', bead.id, true]]);
	});

	it('starts hooked work that has no session: every such agent, or only the one asked for (the UI\'s R on a stopped agent)', async () => {
		const town = await makeTown();
		const first = await slung(town, 'First', 'nux');
		const second = await slung(town, 'Second', 'slit');
		const one = recordingSessions();
		const {fixes} = await startOrphanedHooks(town.town, town.env, one.control, {only: second.address});
		expect(fixes.map(fix => fix.agent)).toEqual([second.address]);
		expect(one.started.map(spec => [spec.address, spec.bead, spec.cwd])).toEqual([[second.address, second.bead.id, second.dir]]);
		const all = recordingSessions();
		await startOrphanedHooks(town.town, town.env, all.control);
		expect(all.started.map(spec => spec.address).sort()).toEqual([first.address, second.address]);
		// Nothing hooked for an address: nothing started (the caller says why).
		const none = recordingSessions();
		expect((await startOrphanedHooks(town.town, town.env, none.control, {only: 'calc/polecats/ghost'})).fixes).toEqual([]);
		expect(none.started).toEqual([]);
	});
});
