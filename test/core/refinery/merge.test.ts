import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {polecatRef} from '../../../source/core/agents/address.js';
import {createConvoy} from '../../../source/core/convoys/convoy.js';
import {hqLedger} from '../../../source/core/beads/resolve.js';
import {finishWork} from '../../../source/core/work/done.js';
import {inbox} from '../../../source/core/mail/mail.js';
import {rigLayout} from '../../../source/core/base/paths.js';
import {retryMergeRequest, rejectMergeRequest} from '../../../source/core/refinery/actions.js';
import {processQueue} from '../../../source/core/refinery/merge.js';
import {listMergeRequests} from '../../../source/core/refinery/queue.js';
import {git} from '../../helpers/cli.js';
import {envIn, makeTown} from '../../helpers/town.js';
import {mainHead, newBead, recordingControl, rigLedgerOf, setMergeQueue, who, workOn} from './helpers.js';

describe('refinery merge', () => {
	it('merges two beads of one convoy into the default branch and lands the convoy', async () => {
		const town = await makeTown();
		const a = await workOn(town, 'Add mul', {'src/mul.js': 'export const mul = (a, b) => a * b;\n'});
		const b = await workOn(town, 'Add sub', {'src/sub.js': 'export const sub = (a, b) => a - b;\n'});
		const convoy = await createConvoy(town.town, {title: 'Arithmetic', beads: [a.bead, b.bead], owner: 'overseer'}, who());
		const before = mainHead(town);

		const outcomes = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcomes.map(outcome => outcome.state)).toEqual(['merged', 'merged']);

		const repo = rigLayout(town.town, town.rig).repo;
		const log = git(repo, ['log', '--format=%s', 'refs/heads/main'], town.vars).split('\n');
		expect(log.slice(0, 2)).toEqual(['Add sub', 'Add mul']);
		expect(git(repo, ['merge-base', '--is-ancestor', before, 'refs/heads/main'], town.vars)).toBe('');
		const refinery = rigLayout(town.town, town.rig).refinery;
		expect(readFileSync(path.join(refinery, 'src/sub.js'), 'utf8')).toContain('sub');
		expect(git(refinery, ['status', '--porcelain'], town.vars)).toBe('');
		expect(git(refinery, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe('main');

		const state = await rigLedgerOf(town).read();
		for (const id of [a.bead, b.bead]) {
			expect(state.get(id)?.status).toBe('closed');
			expect(state.get(id)?.close_reason).toMatch(/^merged [0-9a-f]{8}$/);
		}
		const requests = await listMergeRequests(town.town, town.rig);
		expect(requests.map(request => request.state)).toEqual(['merged', 'merged']);
		expect(requests.every(request => request.bead.status === 'closed')).toBe(true);
		// Branches gone (the idle polecats were detached first).
		expect(git(repo, ['branch', '--list', 'polecat/*'], town.vars)).toBe('');
		expect((await hqLedger(town.town).read()).get(convoy.id)?.status).toBe('closed');
		const events = readFileSync(path.join(town.town, '.events.jsonl'), 'utf8');
		expect(events).toContain('"type":"merged"');
	});

	it('reopens a conflicting bead, creates and slings a resolution, and lands both when it merges', async () => {
		const town = await makeTown();
		const first = await workOn(town, 'Add with logging', {'src/calc.js': 'export const add = (a, b) => { console.log(a, b); return a + b; };\n'});
		const second = await workOn(town, 'Add with checks', {'src/calc.js': 'export const add = (a, b) => Number(a) + Number(b);\n'});
		const {control, started} = recordingControl();

		const outcomes = await processQueue(town.town, town.rig, {env: town.env, control});
		expect(outcomes.map(outcome => outcome.state)).toEqual(['merged', 'failed']);
		const failed = outcomes[1]!;
		if (failed.state !== 'failed') throw new Error('expected a failure');
		expect(failed.failure.kind).toBe('conflict');
		expect(failed.failure.conflicts).toEqual(['src/calc.js']);
		const resolution = failed.failed.resolution!;
		expect(resolution).toBeTruthy();

		const state = await rigLedgerOf(town).read();
		const reopened = state.get(second.bead)!;
		expect(reopened.status).toBe('open');
		expect(reopened.assignee).toBeUndefined();
		expect(reopened.notes).toMatch(/Merge failed .*conflict in src\/calc\.js/);
		const resolutionBead = state.get(resolution)!;
		expect(resolutionBead.title).toBe('Resolve merge conflict: Add with checks');
		expect(resolutionBead.description).toContain(second.done.branch!);
		expect(resolutionBead.description).toContain('src/calc.js');
		expect(resolutionBead.status).toBe('hooked');
		expect(started).toHaveLength(1);
		expect(started[0]!.bead).toBe(resolution);
		const requests = await listMergeRequests(town.town, town.rig);
		expect(requests.find(request => request.id === second.done.mergeRequest)?.state).toBe('failed');
		// Only the first change reached main.
		const refinery = rigLayout(town.town, town.rig).refinery;
		expect(readFileSync(path.join(refinery, 'src/calc.js'), 'utf8')).toContain('console.log');
		const mail = await inbox(town.town, 'mayor/');
		expect(mail.some(message => message.subject === 'Merge failed: Add with checks')).toBe(true);

		// The resolution polecat does what its bead says: start from the original branch, rebase, resolve, done.
		const resolver = polecatRef(town.town, town.rig, started[0]!.address.split('/').pop()!);
		const vars = {...town.vars, GIT_EDITOR: 'true'};
		git(resolver.dir, ['reset', '--hard', second.done.branch!], vars);
		expect(() => git(resolver.dir, ['rebase', 'main'], vars)).toThrow();
		writeFileSync(path.join(resolver.dir, 'src/calc.js'), 'export const add = (a, b) => { console.log(a, b); return Number(a) + Number(b); };\n');
		git(resolver.dir, ['add', '-A'], vars);
		git(resolver.dir, ['rebase', '--continue'], vars);
		const done = await finishWork(town.town, resolver, {status: 'completed'}, who(resolver.address), envIn(town, resolver.dir));
		expect(done.mergeRequest).toBeTruthy();

		const again = await processQueue(town.town, town.rig, {env: town.env, control});
		expect(again.map(outcome => outcome.state)).toEqual(['merged']);
		const after = await rigLedgerOf(town).read();
		expect(after.get(resolution)?.status).toBe('closed');
		expect(after.get(second.bead)?.status).toBe('closed');
		expect(after.get(second.bead)?.close_reason).toMatch(/via/);
		const original = (await listMergeRequests(town.town, town.rig)).find(request => request.id === second.done.mergeRequest)!;
		expect(original.state).toBe('merged');
		expect(original.meta.superseded_by).toBe(done.mergeRequest);
		expect(readFileSync(path.join(refinery, 'src/calc.js'), 'utf8')).toContain('Number(a) + Number(b)');
	});

	it('keeps the default branch unchanged when a gate fails, and retry/reject act on the request', async () => {
		const town = await makeTown();
		await setMergeQueue(town, {gates: ['node -e "process.exit(1)"']});
		const work = await workOn(town, 'Add div', {'src/div.js': 'export const div = (a, b) => a / b;\n'});
		const before = mainHead(town);

		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome?.state).toBe('failed');
		expect(mainHead(town)).toBe(before);
		const refinery = rigLayout(town.town, town.rig).refinery;
		expect(existsSync(path.join(refinery, 'src/div.js'))).toBe(false);
		expect(git(refinery, ['status', '--porcelain'], town.vars)).toBe('');
		let [request] = await listMergeRequests(town.town, town.rig);
		expect(request?.state).toBe('failed');
		expect(request?.meta.last_error).toMatch(/gate "node -e "?process.exit\(1\)"?" failed \(exit 1\)|failed \(exit 1\)/);
		expect((await rigLedgerOf(town).read()).get(work.bead)?.status).toBe('open');
		// No resolution for a gate failure.
		expect((await rigLedgerOf(town).read()).all().some(bead => bead.title.startsWith('Resolve merge conflict'))).toBe(false);

		// Fix the gate, retry: it merges.
		await setMergeQueue(town, {gates: ['node -e "process.exit(0)"'], gate_timeout: 30});
		await retryMergeRequest(town.town, request!.id, who());
		const [retried] = await processQueue(town.town, town.rig, {env: town.env});
		expect(retried?.state).toBe('merged');
		[request] = await listMergeRequests(town.town, town.rig);
		expect(request?.meta.attempts).toBe(2);
		expect(request?.meta.gate_output).toContain('$ node -e');
		expect((await rigLedgerOf(town).read()).get(work.bead)?.status).toBe('closed');
		await expect(rejectMergeRequest(town.town, request!.id, 'no', who())).rejects.toThrow(/merged already/);
	});

	it('stamps the merge with the time it landed, after the gates ran, not when the attempt began', async () => {
		const town = await makeTown();
		await setMergeQueue(town, {gates: ['node -e "setTimeout(() => {}, 1500)"'], gate_timeout: 30});
		const work = await workOn(town, 'Add mod', {'src/mod.js': 'export const mod = (a, b) => a % b;\n'});
		const started = Date.now();
		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome?.state).toBe('merged');
		const closed = (await rigLedgerOf(town).read()).get(work.bead)!;
		expect(Date.parse(closed.closed_at!) - started).toBeGreaterThanOrEqual(1400);
		const [request] = await listMergeRequests(town.town, town.rig);
		expect(Date.parse(request!.bead.updated_at) - started).toBeGreaterThanOrEqual(1400);
	});

	it('rejects a queued request: it is never merged and its bead reopens', async () => {
		const town = await makeTown();
		const work = await workOn(town, 'Add pow', {'src/pow.js': 'export const pow = Math.pow;\n'});
		const before = mainHead(town);
		await rejectMergeRequest(town.town, work.done.mergeRequest!, 'not wanted', who());
		expect(await processQueue(town.town, town.rig, {env: town.env})).toEqual([]);
		expect(mainHead(town)).toBe(before);
		const bead = (await rigLedgerOf(town).read()).get(work.bead)!;
		expect(bead.status).toBe('open');
		expect(bead.notes).toContain('Merge rejected');
		expect(bead.notes).toContain('not wanted');
	});

	it('takes requests by priority, then age', async () => {
		const town = await makeTown();
		const low = await workOn(town, 'Low', {'low.txt': 'low\n'});
		const urgentId = await newBead(town, 'Urgent', 0);
		const urgent = await workOn(town, 'Urgent', {'urgent.txt': 'urgent\n'}, {bead: urgentId});
		const outcomes = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcomes.map(outcome => outcome.request)).toEqual([urgent.done.mergeRequest, low.done.mergeRequest]);
	});

	it('pushes the default branch to origin with push = true', async () => {
		const town = await makeTown();
		await setMergeQueue(town, {push: true});
		await workOn(town, 'Add neg', {'src/neg.js': 'export const neg = a => -a;\n'});
		const project = path.join(town.work, 'project');
		// A non-bare origin refuses pushes to its checked-out branch; let it take them.
		git(project, ['config', 'receive.denyCurrentBranch', 'updateInstead'], town.vars);
		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome?.state).toBe('merged');
		expect(git(project, ['rev-parse', 'HEAD'], town.vars)).toBe(mainHead(town));
	});
});
