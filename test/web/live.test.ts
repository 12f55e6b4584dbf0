// LiveTown over a real town: a ledger written by another process reaches a listener by
// the file watch alone (the poll is set far away), and nothing runs once nobody listens.
import {afterAll, describe, expect, it} from 'vitest';
import {townServices} from '../../source/core/overview/town-services.js';
import type {TownOverview} from '../../source/core/overview/town-overview.js';
import {LiveTown} from '../../source/web/live.js';
import {runOk} from '../helpers/cli.js';
import {makeTown} from '../helpers/town.js';
import {waitUntil} from '../helpers/wait.js';

const closers: Array<() => void> = [];
afterAll(() => closers.forEach(close => close()));

describe('LiveTown', () => {
	it('hears a bead made by `bd create` in another process, once per change, and stops with its last listener', async () => {
		const town = await makeTown();
		const services = townServices(town.town, town.env);
		const live = new LiveTown(services, town.env, {settleMs: 50, pollMs: 600_000});
		closers.push(() => live.close(), () => services.close());
		const seen: TownOverview[] = [];
		const unsubscribe = live.subscribe(overview => seen.push(overview));
		await waitUntil(() => seen.length === 1, {what: 'the first overview'});
		expect(seen[0]!.ready).toEqual([]);

		const {id} = JSON.parse(await runOk('bd', ['create', 'Made elsewhere', '--json'], {cwd: town.rigDir, env: town.vars})) as {id: string};
		const arrived = await waitUntil(() => seen.find(overview => overview.ready.some(bead => bead.id === id)), {what: 'the new bead in an overview'});
		expect(arrived.ready).toEqual([expect.objectContaining({id, title: 'Made elsewhere', rig: town.rig})]);
		// Unchanged rebuilds are not sent again.
		const count = seen.length;
		live.changed(0);
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(seen.length).toBe(count);

		unsubscribe();
		await runOk('bd', ['create', 'Nobody listens', '--json'], {cwd: town.rigDir, env: town.vars});
		await new Promise(resolve => setTimeout(resolve, 400));
		expect(seen.length).toBe(count);
		// A new listener gets the town as it is now.
		expect((await live.current()).ready.map(bead => bead.title).sort()).toEqual(['Made elsewhere', 'Nobody listens']);
	});
});
