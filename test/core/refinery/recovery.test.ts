import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {rigLayout} from '../../../source/core/base/paths.js';
import {processQueue, recoverRig} from '../../../source/core/refinery/merge.js';
import {listMergeRequests, putState, rigLedger} from '../../../source/core/refinery/queue.js';
import {git} from '../../helpers/cli.js';
import {makeTown} from '../../helpers/town.js';
import {mainHead, rigLedgerOf, who, workOn} from './helpers.js';

describe('refinery crash recovery', () => {
	it('restarts a request left mid-rebase from a clean worktree and finishes the queue', async () => {
		const town = await makeTown();
		const first = await workOn(town, 'Edit calc', {'src/calc.js': 'export const add = (a, b) => a + b + 0;\n'});
		const second = await workOn(town, 'Add readme line', {'README.md': '# calc\n\nMore.\n'});
		const before = mainHead(town);
		const refinery = rigLayout(town.town, town.rig).refinery;
		// The daemon died while rebasing the first request: a conflicting rebase in progress
		// on the temp branch, stray files, and the request marked merging.
		git(refinery, ['checkout', '-q', '-B', `refinery/merge-${first.done.mergeRequest}`, 'main'], town.vars);
		writeFileSync(path.join(refinery, 'src/calc.js'), 'export const add = () => 0;\n');
		git(refinery, ['commit', '-qam', 'make the rebase conflict'], town.vars);
		git(refinery, ['checkout', '-q', first.done.branch!, '--detach'], town.vars);
		expect(() => git(refinery, ['rebase', `refinery/merge-${first.done.mergeRequest}`], town.vars)).toThrow();
		writeFileSync(path.join(refinery, 'junk.tmp'), 'half a gate run\n');
		await rigLedger(town.town, town.rig).transact(state => putState(state, first.done.mergeRequest!, 'merging', {attempts: 1}, who('calc/refinery')));
		expect(mainHead(town)).toBe(before);

		const recovered = await recoverRig(town.town, town.rig, {env: town.env});
		expect(recovered).toEqual([first.done.mergeRequest]);
		expect(git(refinery, ['status', '--porcelain'], town.vars)).toBe('');
		expect(git(refinery, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe('main');
		expect(git(refinery, ['branch', '--list', 'refinery/*'], town.vars)).toBe('');

		const outcomes = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcomes.map(outcome => outcome.state)).toEqual(['merged', 'merged']);
		const requests = await listMergeRequests(town.town, town.rig);
		expect(requests.find(request => request.id === first.done.mergeRequest)?.meta.attempts).toBe(2);
		const state = await rigLedgerOf(town).read();
		expect([state.get(first.bead)?.status, state.get(second.bead)?.status]).toEqual(['closed', 'closed']);
		expect(git(refinery, ['log', '--format=%s', '-2'], town.vars).split('\n')).toEqual(['Add readme line', 'Edit calc']);
	});

	it('completes a request whose fast-forward happened just before the crash', async () => {
		const town = await makeTown();
		const work = await workOn(town, 'Add mod', {'src/mod.js': 'export const mod = (a, b) => a % b;\n'});
		const repo = rigLayout(town.town, town.rig).repo;
		const tip = git(repo, ['rev-parse', `refs/heads/${work.done.branch}`], town.vars);
		// The branch is on main already (a fast-forward), the bookkeeping never ran.
		git(repo, ['update-ref', 'refs/heads/main', tip], town.vars);
		await rigLedger(town.town, town.rig).transact(state => putState(state, work.done.mergeRequest!, 'merging', {attempts: 1, rebased_commit: tip}, who('calc/refinery')));

		await recoverRig(town.town, town.rig, {env: town.env});
		const [request] = await listMergeRequests(town.town, town.rig);
		expect(request?.state).toBe('merged');
		expect(request?.meta.merged_commit).toBe(tip);
		expect((await rigLedgerOf(town).read()).get(work.bead)?.status).toBe('closed');
		expect(mainHead(town)).toBe(tip);
		expect(await processQueue(town.town, town.rig, {env: town.env})).toEqual([]);
	});
});
