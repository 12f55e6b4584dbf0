// A bead slung on each of two machines: the next sync finds it, the first claim
// stands on both, the second machine's agent no longer sees it on its hook, and
// slinging it there again is refused.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {polecatRef} from '../../../source/core/agents/address.js';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {findHookedWork, hookBead} from '../../../source/core/work/hook.js';
import {bd, beadIn, create, expectSameLedgers, makeSharedTowns, settle, sync} from '../../helpers/sync-towns.js';

describe('a bead slung on two machines', () => {
	it('keeps the first sling, tells the user, and refuses the second from then on', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, path.join(a, 'calc'), 'contested work');
		await settle(shared);
		const ledgerOf = (town: string) => Ledger.open(path.join(town, 'calc', '.beads'));
		// The same polecat name on both machines: only the site tells the claims apart.
		const first = new Date(Date.now() - 60_000);
		await hookBead(ledgerOf(a), id, 'calc/polecats/nux', {actor: 'gt', now: first});
		await hookBead(ledgerOf(b), id, 'calc/polecats/nux', {actor: 'gt', now: new Date()});
		expect(beadIn(shared, a, id)).toMatchObject({claimed_by: 'calc/polecats/nux@a'});

		await sync(shared, b);
		const report = await sync(shared, a);
		expect(report).toMatch(new RegExp(`claim ${id} "contested work" was taken on both machines: calc/polecats/nux@a \\(first, ${first.toISOString()}\\) keeps it; calc/polecats/nux@b lost it`));
		await settle(shared);
		await expectSameLedgers(shared, [id]);
		expect(beadIn(shared, b, id)).toMatchObject({status: 'hooked', claimed_by: 'calc/polecats/nux@a', claimed_at: first.toISOString()});

		// a's nux holds it; b's nux (same address, other clone) does not.
		expect((await findHookedWork(a, polecatRef(a, 'calc', 'nux')))?.bead.id).toBe(id);
		expect(await findHookedWork(b, polecatRef(b, 'calc', 'nux'))).toBeUndefined();
		await expect(hookBead(ledgerOf(b), id, 'calc/polecats/furiosa', {actor: 'gt', now: new Date()}, {takeOver: true})).rejects.toThrow(`${id} is on calc/polecats/nux@a's hook, on the town's clone at a`);
	});

	it('treats bd update --claim on both machines the same way: the earlier claim stands', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const id = await create(shared, a, 'claim me');
		await settle(shared);
		await bd(shared, b, 'update', id, '--claim', '--actor', 'bob');
		await new Promise(resolve => setTimeout(resolve, 5));
		await bd(shared, a, 'update', id, '--claim', '--actor', 'alice');
		await sync(shared, a);
		const report = await sync(shared, b);
		expect(report).toMatch(new RegExp(`claim ${id} "claim me" was taken on both machines: bob \\(first, .*\\) keeps it; alice lost it`));
		await settle(shared);
		await expectSameLedgers(shared, [id]);
		expect(beadIn(shared, a, id)).toMatchObject({assignee: 'bob', status: 'in_progress'});
	});
});
