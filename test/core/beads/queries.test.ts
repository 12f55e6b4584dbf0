import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import type {LedgerState} from '../../../source/core/beads/ledger-state.js';
import {addDependency, closeBead, createBead, type NewBead} from '../../../source/core/beads/operations.js';
import {blockedBeads, dependencyTree, ledgerStats, listBeads, readyBeads, searchBeads} from '../../../source/core/beads/queries.js';
import {tempDir} from '../../helpers/cli.js';

const now = new Date('2026-03-01T10:00:00Z');
const who = {actor: 'alice', now};
let ledger: Ledger;

beforeEach(() => {
	ledger = Ledger.init(path.join(tempDir(), '.beads'), 'mp');
});

const ids = (beads: Array<{id: string}>) => beads.map(bead => bead.id).sort();
const build = (change: (make: (id: string, extra?: Partial<NewBead>) => void, state: LedgerState) => void) =>
	ledger.transact(state => change((id, extra = {}) => createBead(state, ledger, {title: id, id, ...extra}, who), state));

describe('ready and blocked', () => {
	it('an open blocker holds a bead back; closing it frees the bead', async () => {
		await build(make => {
			make('mp-a');
			make('mp-b', {deps: [{type: 'blocks', id: 'mp-a'}]});
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual(['mp-a']);
		expect(blockedBeads(await ledger.read())).toEqual([expect.objectContaining({id: 'mp-b', blocked_by_count: 1, blocked_by: [expect.objectContaining({id: 'mp-a', via: 'blocks'})]})]);
		await ledger.transact(state => closeBead(state, 'mp-a', {}, who));
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual(['mp-b']);
	});

	it('in-progress, hooked and deferred blockers still block', async () => {
		await build(make => {
			make('mp-a', {status: 'in_progress'});
			make('mp-h', {status: 'hooked'});
			make('mp-b', {deps: [{type: 'blocks', id: 'mp-a'}]});
			make('mp-c', {deps: [{type: 'blocks', id: 'mp-h'}]});
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual([]);
	});

	it('a blocked parent blocks its children, transitively; an unblocked parent does not', async () => {
		await build((make, state) => {
			make('mp-gate');
			make('mp-epic', {type: 'epic'});
			make('mp-child', {parent: 'mp-epic'});
			createBead(state, ledger, {title: 'grandchild', parent: 'mp-child'}, who);
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual(['mp-child', 'mp-child.1', 'mp-epic', 'mp-gate']);
		await ledger.transact(state => addDependency(state, 'mp-epic', 'mp-gate', 'blocks', who));
		const state = await ledger.read();
		expect(ids(readyBeads(state, {}, now))).toEqual(['mp-gate']);
		const blocked = blockedBeads(state);
		expect(ids(blocked)).toEqual(['mp-child', 'mp-child.1', 'mp-epic']);
		expect(blocked.find(bead => bead.id === 'mp-child.1')!.blocked_by[0]).toMatchObject({id: 'mp-child', via: 'parent'});
	});

	it('deferred beads, and children of deferred parents, wait until their time', async () => {
		await build(make => {
			make('mp-later', {deferUntil: '2026-04-01T00:00:00Z'});
			make('mp-past', {deferUntil: '2026-01-01T00:00:00Z'});
			make('mp-frozen', {status: 'deferred'});
			make('mp-kid', {parent: 'mp-later'});
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual(['mp-past']);
		expect(ids(readyBeads(await ledger.read(), {}, new Date('2026-05-01T00:00:00Z')))).toEqual(['mp-kid', 'mp-later', 'mp-past']);
	});

	it('waits-for holds a bead until every child of the spawner is done', async () => {
		await build((make, state) => {
			make('mp-spawn');
			createBead(state, ledger, {title: 'c1', parent: 'mp-spawn'}, who);
			createBead(state, ledger, {title: 'c2', parent: 'mp-spawn'}, who);
			make('mp-wait', {deps: [{type: 'waits-for', id: 'mp-spawn'}]});
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).not.toContain('mp-wait');
		await ledger.transact(state => {
			closeBead(state, 'mp-spawn.1', {}, who);
			closeBead(state, 'mp-spawn.2', {}, who);
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toContain('mp-wait');
	});

	it('plumbing (convoys, messages, merge requests, molecules) and ephemeral beads are never ready work', async () => {
		await build(make => {
			make('mp-task');
			make('mp-convoy', {type: 'convoy'});
			make('mp-msg', {type: 'message'});
			make('mp-mr', {type: 'merge-request'});
			make('mp-mol', {type: 'molecule'});
			make('mp-wisp', {ephemeral: true});
		});
		expect(ids(readyBeads(await ledger.read(), {}, now))).toEqual(['mp-task']);
		expect(ids(readyBeads(await ledger.read(), {types: ['convoy']}, now))).toEqual(['mp-convoy']);
	});

	it('orders by priority, then newest first', async () => {
		await ledger.transact(state => {
			createBead(state, ledger, {title: 'old p1', id: 'mp-o', priority: 1}, {actor: 'a', now: new Date('2026-01-01T00:00:00Z')});
			createBead(state, ledger, {title: 'new p1', id: 'mp-n', priority: 1}, {actor: 'a', now: new Date('2026-02-01T00:00:00Z')});
			createBead(state, ledger, {title: 'p0', id: 'mp-z', priority: 0}, {actor: 'a', now: new Date('2026-01-01T00:00:00Z')});
		});
		expect(readyBeads(await ledger.read(), {}, now).map(bead => bead.id)).toEqual(['mp-z', 'mp-n', 'mp-o']);
	});
});

describe('lists, search, stats, trees', () => {
	it('filters by status, type, label, assignee and priority; hides closed unless asked', async () => {
		await build(make => {
			make('mp-a', {type: 'bug', labels: ['ui', 'auth'], assignee: 'bob', priority: 1});
			make('mp-b', {labels: ['ui']});
			make('mp-c', {status: 'closed'});
		});
		const state = await ledger.read();
		expect(ids(listBeads(state, {}))).toEqual(['mp-a', 'mp-b']);
		expect(ids(listBeads(state, {includeClosed: true}))).toEqual(['mp-a', 'mp-b', 'mp-c']);
		expect(ids(listBeads(state, {statuses: ['closed']}))).toEqual(['mp-c']);
		expect(ids(listBeads(state, {labels: ['ui', 'auth']}))).toEqual(['mp-a']);
		expect(ids(listBeads(state, {types: ['task']}))).toEqual(['mp-b']);
		expect(ids(listBeads(state, {assignee: 'bob', priority: 1}))).toEqual(['mp-a']);
		expect(ids(searchBeads(state, 'MP-B', false))).toEqual(['mp-b']);
	});

	it('counts and draws trees', async () => {
		await build(make => {
			make('mp-a');
			make('mp-b', {deps: [{type: 'blocks', id: 'mp-a'}]});
			make('mp-c', {deps: [{type: 'blocks', id: 'mp-b'}, {type: 'related', id: 'mp-a'}]});
		});
		const state = await ledger.read();
		expect(ledgerStats(state, now)).toMatchObject({total: 3, ready: 1, blocked: 2, by_status: {open: 3}});
		const tree = dependencyTree(state, 'mp-c', false);
		expect(tree.children.map(child => child.id)).toEqual(['mp-b', 'mp-a']);
		expect(tree.children[0]!.children[0]).toMatchObject({id: 'mp-a', type: 'blocks'});
		expect(tree.children[1]).toMatchObject({id: 'mp-a', repeated: true});
		expect(dependencyTree(state, 'mp-a', true).children.map(child => child.id).sort()).toEqual(['mp-b', 'mp-c']);
	});
});
