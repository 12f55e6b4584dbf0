// The checkpointer over a real town's polecat worktree and a session list the test
// drives: a turn end (working → idle) checkpoints, a long turn checkpoints on its
// interval, a quiet idle agent does not.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {startCheckpointer} from '../../../source/core/patrols/checkpointer.js';
import type {PatrolSessions} from '../../../source/core/sessions/port.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {checkpointHistory, hookedAgent} from '../../../source/core/work/checkpoints.js';
import {addWorktree} from '../../../source/core/git/worktree.js';
import {rigLayout} from '../../../source/core/base/paths.js';
import {makeTown} from '../../helpers/town.js';
import {runOk} from '../../helpers/cli.js';
import {archiveHook, listArchived} from '../../../source/core/work/hook-archive.js';
import {runGit as runGitIn} from '../../../source/core/git/client.js';

describe('the checkpointer', () => {
	it('checkpoints at turn ends and during long turns, and not while nothing happens', async () => {
		const town = await makeTown();
		const worktree = path.join(rigLayout(town.town, town.rig).polecats, 'nux');
		mkdirSync(path.dirname(worktree), {recursive: true});
		await addWorktree(rigLayout(town.town, town.rig).repo, worktree, {newBranch: 'polecat/nux/ca-1', from: 'main'}, town.vars);
		const address = `${town.rig}/polecats/nux`;
		let state: SessionInfo['state']['state'] = 'working';
		let clock = 1_000_000;
		const info = (): SessionInfo => ({id: `${town.rig}.polecats.nux`, address, role: 'polecat', rig: town.rig, agent: 'sim', cwd: worktree, bead: 'ca-1', startedAt: new Date(0).toISOString(), state: {state, source: 'signal', confidence: 1, since: new Date(clock).toISOString()}, cols: 80, rows: 24, restarts: 0});
		const sessions = {list: () => [info()]} as unknown as PatrolSessions;
		const logs: string[] = [];
		const checkpointer = startCheckpointer({townRoot: town.town, sessions, vars: town.vars, log: line => logs.push(line), now: () => clock, tickMs: 3_600_000, whileWorkingMs: 180_000});
		const agent = hookedAgent(town.town, address);
		try {
			await checkpointer.tick();
			writeFileSync(path.join(worktree, 'work.txt'), 'first turn\n');
			await checkpointer.tick();
			expect(await checkpointHistory(agent, town.vars)).toEqual([]);
			state = 'idle';
			await checkpointer.tick();
			const [turnEnd] = await checkpointHistory(agent, town.vars);
			expect(turnEnd).toMatchObject({reason: 'turn end', state: 'idle', bead: 'ca-1', files: 1});
			// Idle and unchanged: nothing more.
			clock += 600_000;
			await checkpointer.tick();
			expect(await checkpointHistory(agent, town.vars)).toHaveLength(1);
			// A long turn: one checkpoint per interval while it works.
			state = 'working';
			await checkpointer.tick();
			writeFileSync(path.join(worktree, 'work.txt'), 'second turn, still going\n');
			clock += 200_000;
			await checkpointer.tick();
			expect((await checkpointHistory(agent, town.vars)).map(checkpoint => checkpoint.reason)).toEqual(['while working', 'turn end']);
			expect(logs.filter(line => line.startsWith('checkpoint '))).toHaveLength(2);
		} finally {
			await checkpointer.stop();
		}
	});

	it('archives the hook of a polecat whose bead was closed by hand, once', async () => {
		const town = await makeTown();
		const {id} = JSON.parse(await runOk('bd', ['create', 'Closed by hand', '--json'], {cwd: town.rigDir, env: town.vars})) as {id: string};
		const worktree = path.join(rigLayout(town.town, town.rig).polecats, 'slit');
		mkdirSync(path.dirname(worktree), {recursive: true});
		await addWorktree(rigLayout(town.town, town.rig).repo, worktree, {newBranch: `polecat/slit/${id}`, from: 'main'}, town.vars);
		let state: SessionInfo['state']['state'] = 'working';
		let clock = 5_000_000;
		const address = `${town.rig}/polecats/slit`;
		const sessions = {list: () => [{id: `${town.rig}.polecats.slit`, address, role: 'polecat', rig: town.rig, agent: 'sim', cwd: worktree, bead: id, startedAt: new Date(0).toISOString(), state: {state, source: 'signal', confidence: 1, since: new Date(clock).toISOString()}, cols: 80, rows: 24, restarts: 0}]} as unknown as PatrolSessions;
		const logs: string[] = [];
		const checkpointer = startCheckpointer({townRoot: town.town, sessions, vars: town.vars, log: line => logs.push(line), now: () => clock, tickMs: 3_600_000});
		try {
			await checkpointer.tick();
			writeFileSync(path.join(worktree, 'half.txt'), 'half done\n');
			state = 'idle';
			await checkpointer.tick();
			expect(await checkpointHistory(hookedAgent(town.town, address), town.vars)).toHaveLength(1);
			await runOk('bd', ['close', id, '--reason', 'not needed'], {cwd: town.rigDir, env: town.vars});
			clock += 61_000;
			await checkpointer.tick();
			const archived = await listArchived(town.town, town.vars);
			expect(archived).toEqual([expect.objectContaining({agent: address, bead: id, branch: `polecat/slit/${id}`, why: `${id} closed (not needed)`})]);
			expect(await checkpointHistory(hookedAgent(town.town, address), town.vars)).toEqual([]);
			clock += 61_000;
			await checkpointer.tick();
			expect(await listArchived(town.town, town.vars)).toHaveLength(1);
		} finally {
			await checkpointer.stop();
		}
	});

	it('leaves a landed hook as the refinery archived it, dropping the empty checkpoint of the turn that ran gt done', async () => {
		const town = await makeTown();
		const {id} = JSON.parse(await runOk('bd', ['create', 'Landed', '--json'], {cwd: town.rigDir, env: town.vars})) as {id: string};
		const worktree = path.join(rigLayout(town.town, town.rig).polecats, 'nux');
		mkdirSync(path.dirname(worktree), {recursive: true});
		await addWorktree(rigLayout(town.town, town.rig).repo, worktree, {newBranch: `polecat/nux/${id}`, from: 'main'}, town.vars);
		const address = `${town.rig}/polecats/nux`;
		const agent = hookedAgent(town.town, address);
		const tip = (await runGitIn(worktree, ['rev-parse', 'HEAD'], town.vars));
		await archiveHook(agent, town.vars, {townRoot: town.town, bead: id, branch: `polecat/nux/${id}`, tip, why: 'landed in 12345678', now: new Date()});
		await runOk('bd', ['close', id, '--reason', 'merged'], {cwd: town.rigDir, env: town.vars});
		let state: SessionInfo['state']['state'] = 'working';
		let clock = 9_000_000;
		const sessions = {list: () => [{id: agent.id, address, role: 'polecat', rig: town.rig, agent: 'sim', cwd: worktree, bead: id, startedAt: new Date(0).toISOString(), state: {state, source: 'signal', confidence: 1, since: new Date(clock).toISOString()}, cols: 80, rows: 24, restarts: 0}]} as unknown as PatrolSessions;
		const checkpointer = startCheckpointer({townRoot: town.town, sessions, vars: town.vars, log: () => undefined, now: () => clock, tickMs: 3_600_000});
		try {
			await checkpointer.tick();
			state = 'idle';
			await checkpointer.tick();
			expect(await checkpointHistory(agent, town.vars)).toHaveLength(1);
			clock += 61_000;
			await checkpointer.tick();
			expect(await checkpointHistory(agent, town.vars)).toEqual([]);
			expect((await listArchived(town.town, town.vars)).map(hook => hook.why)).toEqual(['landed in 12345678']);
		} finally {
			await checkpointer.stop();
		}
	});
});
