// Two and three towns on this machine sharing a bare remote, synced with the built
// gt: every case ends with identical, valid ledgers in every town and nothing lost.
import path from 'node:path';
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {git, runCli} from '../../helpers/cli.js';
import {bd, beadIn, create, expectSameLedgers, makeSharedTowns, settle, sync} from '../../helpers/sync-towns.js';

describe('gt sync between towns', () => {
	it('merges concurrent creates on both sides, in both ledgers', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const ids = [
			await create(shared, a, 'hq from a'),
			await create(shared, path.join(a, 'calc'), 'calc from a'),
			await create(shared, b, 'hq from b'),
			await create(shared, path.join(b, 'calc'), 'calc from b'),
		];
		const first = await sync(shared, a);
		expect(first).toMatch(/out {2}1 commit: hq 1 new · calc 1 new/);
		const second = await sync(shared, b);
		expect(second).toMatch(/in {3}1 commit: hq 1 new · calc 1 new/);
		expect(second).toMatch(/out {2}2 commits: hq 1 new · calc 1 new/);
		await sync(shared, a);
		await expectSameLedgers(shared, ids);
	});

	it('merges the same bead changed on both sides: different fields both kept, the same field to the newer', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, path.join(a, 'calc'), 'shared bead');
		await settle(shared);
		await bd(shared, path.join(a, 'calc'), 'update', id, '--priority', '0', '--notes', 'notes from a');
		await bd(shared, path.join(b, 'calc'), 'update', id, '--title', 'title from b', '--notes', 'notes from b (later)');
		await sync(shared, b);
		await sync(shared, a);
		await settle(shared);
		await expectSameLedgers(shared, [id]);
		expect(beadIn(shared, a, id)).toMatchObject({priority: 0, title: 'title from b', notes: 'notes from b (later)'});
	});

	it('keeps a label removal on one side against an addition on the other', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, a, 'labelled', '-l', 'api,ui');
		await settle(shared);
		await bd(shared, a, 'label', 'add', id, 'urgent');
		await bd(shared, b, 'label', 'remove', id, 'ui');
		await sync(shared, a);
		await sync(shared, b);
		await settle(shared);
		await expectSameLedgers(shared, [id]);
		expect([...(beadIn(shared, a, id)!.labels as string[])].sort()).toEqual(['api', 'urgent']);
	});

	it('keeps a bead deleted on one side and edited on the other, labelled and reported', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, a, 'doomed');
		const gone = await create(shared, a, 'really gone');
		await settle(shared);
		await bd(shared, a, 'delete', id, '--force');
		await bd(shared, a, 'delete', gone, '--force');
		await bd(shared, b, 'update', id, '--notes', 'still needed');
		await sync(shared, a);
		const report = await sync(shared, b);
		expect(report).toContain(`kept ${id} (hq): deleted on one side, edited on the other; labelled sync-conflict`);
		await settle(shared);
		await expectSameLedgers(shared, [id]);
		expect(beadIn(shared, a, id)).toMatchObject({notes: 'still needed', labels: ['sync-conflict']});
		expect(beadIn(shared, a, gone)).toBeUndefined();
	});

	it('syncs three towns pushing at once: push races are retried, nothing is lost', async () => {
		const shared = await makeSharedTowns(3);
		const ids: string[] = [];
		for (const town of shared.towns) for (let index = 0; index < 3; index++) ids.push(await create(shared, path.join(town, 'calc'), `from ${path.basename(town)} #${index}`));
		const results = await Promise.all(shared.towns.map(town => sync(shared, town)));
		expect(results.join('\n')).toMatch(/Synced/);
		await settle(shared);
		await expectSameLedgers(shared, ids);
	});

	it('merges with a plain git pull through the registered driver', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, a, 'pulled', '-l', 'x');
		await settle(shared);
		await bd(shared, a, 'update', id, '--priority', '1');
		const fromA = await create(shared, a, 'only in a');
		await bd(shared, b, 'update', id, '--title', 'renamed in b');
		const fromB = await create(shared, b, 'only in b');
		// By hand, as a user would: commit, push from b; commit, pull in a.
		for (const town of [b, a]) {
			// bd export folds the journal into issues.jsonl first, so git sees every change.
			await bd(shared, town, 'export', '-o', path.join(shared.work, 'export.jsonl'));
			git(town, ['add', '.beads/issues.jsonl'], shared.vars);
			git(town, ['commit', '-q', '-m', 'by hand'], shared.vars);
		}
		git(b, ['push', '-q', 'origin', 'main'], shared.vars);
		git(a, ['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], shared.vars);
		const text = readFileSync(path.join(a, '.beads', 'issues.jsonl'), 'utf8');
		expect(text).not.toMatch(/<<<<<<<|>>>>>>>/);
		await sync(shared, a);
		await sync(shared, b);
		await expectSameLedgers(shared, [id, fromA, fromB]);
		expect(beadIn(shared, b, id)).toMatchObject({priority: 1, title: 'renamed in b', labels: ['x']});
	});

	it('refuses to overwrite a file with local changes the sync does not commit', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const rigToml = path.join(b, 'calc', 'rig.toml');
		writeFileSync(path.join(a, 'calc', 'rig.toml'), `${readFileSync(path.join(a, 'calc', 'rig.toml'), 'utf8')}# from a\n`);
		await sync(shared, a);
		// bd sync in b commits only b's calc ledger: rig.toml's local edit must not be lost.
		writeFileSync(rigToml, `${readFileSync(rigToml, 'utf8')}# local in b\n`);
		const before = readFileSync(rigToml, 'utf8');
		const result = await runCli('bd', ['sync'], {cwd: path.join(b, 'calc'), env: shared.vars});
		expect(result.code).toBe(4);
		expect(result.stderr).toMatch(/calc\/rig\.toml, which has local changes not in this sync/);
		expect(readFileSync(rigToml, 'utf8')).toBe(before);
	});

	it('refuses a remote that does not answer, changing nothing', async () => {
		const shared = await makeSharedTowns(2);
		const [a] = shared.towns as [string];
		const id = await create(shared, a, 'not yet sent');
		const head = git(a, ['rev-parse', 'HEAD'], shared.vars);
		git(a, ['remote', 'set-url', 'origin', path.join(shared.work, 'gone.git')], shared.vars);
		const result = await runCli('gt', ['sync'], {cwd: a, env: shared.vars});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^gt: fetching from origin failed: .*does not appear to be a git repository — check the remote URL/);
		expect(git(a, ['rev-parse', 'HEAD'], shared.vars)).toBe(head);
		git(a, ['remote', 'set-url', 'origin', shared.remote], shared.vars);
		await settle(shared);
		await expectSameLedgers(shared, [id]);
	});
});
