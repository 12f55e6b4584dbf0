import {describe, expect, it} from 'vitest';
import {processQueue} from '../../../source/core/refinery/merge.js';
import {runOk} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown} from '../../helpers/town.js';
import {rigLedgerOf, setMergeQueue, workOn} from '../../core/refinery/helpers.js';

describe('gt mq', () => {
	it('lists, shows, retries and rejects merge requests', async () => {
		const town = await makeTown();
		const gt = (args: string[]) => runInProcess('gt', args, {cwd: town.town, env: town.vars});
		const gtOk = (args: string[]) => runOk('gt', args, {cwd: town.town, env: town.vars});
		expect(await gtOk(['mq', 'list'])).toContain('The merge queue is empty');

		await setMergeQueue(town, {gates: ['node -e "process.exit(3)"']});
		const a = await workOn(town, 'Add one', {'one.txt': '1\n'});
		const b = await workOn(town, 'Add two', {'two.txt': '2\n'});
		const list = await gtOk(['mq', 'list', 'calc']);
		expect(list).toMatch(new RegExp(`calc:\\n\\s+1\\. ${a.done.mergeRequest}\\s+queued\\s+P2\\s+${a.done.branch}`));
		expect(list).toMatch(new RegExp(`2\\. ${b.done.mergeRequest}\\s+queued`));
		const json = JSON.parse(await gtOk(['mq', 'list', '--json']));
		expect(json.map((item: {id: string; position: number}) => [item.position, item.id])).toEqual([[1, a.done.mergeRequest], [2, b.done.mergeRequest]]);
		expect(json[0]).toMatchObject({state: 'queued', rig: 'calc', source_bead: a.bead, branch: a.done.branch, attempts: 0});

		await processQueue(town.town, town.rig, {env: town.env});
		const status = await gtOk(['mq', 'status', a.done.mergeRequest!]);
		expect(status).toMatch(/State:\s+failed/);
		expect(status).toMatch(/Last error:\s+gate .* failed \(exit 3\)/);
		expect(status).toContain('Gate output (tail):');
		expect(JSON.parse(await gtOk(['mq', 'status', a.done.mergeRequest!, '--json']))).toMatchObject({state: 'failed', attempts: 1});

		expect(await gtOk(['mq', 'retry', a.done.mergeRequest!])).toContain(`Queued ${a.done.mergeRequest} again`);
		// The original's form names the rig first.
		const again = await gt(['mq', 'retry', town.rig, a.done.mergeRequest!]);
		expect(again.code).toBe(4);
		expect((await gt(['mq', 'retry', 'nowhere', a.done.mergeRequest!])).code).toBe(3);
		expect(again.stderr).toMatch(/^gt: .* is already queued — /);

		expect(await gtOk(['mq', 'reject', b.done.mergeRequest!, '-r', 'duplicate work'])).toContain(`${b.bead} is open again`);
		const bead = (await rigLedgerOf(town).read()).get(b.bead)!;
		expect(bead.notes).toContain('duplicate work');
		expect(await gtOk(['mq', 'list'])).not.toContain(b.done.mergeRequest!);
		expect(await gtOk(['mq', 'list', '--all'])).toMatch(new RegExp(`${b.done.mergeRequest}\\s+rejected`));

		const missing = await gt(['mq', 'status', 'ca-zzzz']);
		expect(missing.code).toBe(3);
		const notMr = await gt(['mq', 'status', a.bead]);
		expect(notMr.code).toBe(2);
		expect(notMr.stderr).toContain('not a merge request');
	});
});
