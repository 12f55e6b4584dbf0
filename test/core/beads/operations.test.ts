import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import type {LedgerState} from '../../../source/core/beads/ledger-state.js';
import {
	addComment, addDependency, claimBead, closeBead, createBead, deleteBead, parseDependencyList, parsePriority, removeDependency, reopenBead, updateBead,
} from '../../../source/core/beads/operations.js';
import {tempDir} from '../../helpers/cli.js';

const who = {actor: 'alice', now: new Date('2026-03-01T10:00:00Z')};
const bob = {actor: 'bob', now: new Date('2026-03-01T11:00:00Z')};
let ledger: Ledger;

beforeEach(() => {
	ledger = Ledger.init(path.join(tempDir(), '.beads'), 'mp');
});

const make = (state: LedgerState, title: string, extra = {}) => createBead(state, ledger, {title, ...extra}, who);

describe('creating beads', () => {
	it('fills in defaults and keeps closed_at only on closed beads', async () => {
		const bead = await ledger.transact(state => make(state, '  Fix login  ', {type: 'feat', priority: 'P1', labels: ['b', 'a', 'a']}));
		expect(bead).toMatchObject({title: 'Fix login', issue_type: 'feature', priority: 1, status: 'open', labels: ['a', 'b'], created_by: 'alice'});
		expect(bead.id).toMatch(/^mp-[0-9a-z]{3}$/);
		expect(bead).not.toHaveProperty('closed_at');
		const closed = await ledger.transact(state => make(state, 'done', {status: 'closed'}));
		expect(closed.closed_at).toBe(who.now.toISOString());
	});

	it('numbers children under their parent and links them', async () => {
		const [parent, first, second] = await ledger.transact(state => {
			const parent = make(state, 'epic', {type: 'epic'});
			return [parent, make(state, 'a', {parent: parent.id}), make(state, 'b', {parent: parent.id})];
		});
		expect(first!.id).toBe(`${parent!.id}.1`);
		expect(second!.id).toBe(`${parent!.id}.2`);
		expect(second!.dependencies).toEqual([expect.objectContaining({depends_on_id: parent!.id, type: 'parent-child'})]);
	});

	it('refuses bad input before changing anything', async () => {
		await expect(ledger.transact(state => make(state, ''))).rejects.toThrow(/needs a title/);
		await expect(ledger.transact(state => make(state, 'x'.repeat(501)))).rejects.toThrow(/limit is 500/);
		await expect(ledger.transact(state => make(state, 'x', {priority: '7'}))).rejects.toThrow(/invalid priority/);
		await expect(ledger.transact(state => make(state, 'x', {parent: 'mp-nope'}))).rejects.toThrow(/no bead "mp-nope"/);
		await expect(ledger.transact(state => make(state, 'x', {id: 'Bad Id'}))).rejects.toThrow(/invalid bead id/);
		expect((await ledger.read()).size).toBe(0);
	});

	it('parses priorities and dependency lists', () => {
		expect(parsePriority('p3')).toBe(3);
		expect(parsePriority(undefined)).toBe(2);
		expect(() => parsePriority('high')).toThrow();
		expect(parseDependencyList(['blocks:mp-a', 'mp-b', 'discovered-from:mp-c'])).toEqual([
			{type: 'blocks', id: 'mp-a'}, {type: 'blocks', id: 'mp-b'}, {type: 'discovered-from', id: 'mp-c'},
		]);
		expect(() => parseDependencyList([':mp-a'])).toThrow(/invalid dependency/);
	});
});

describe('dependencies', () => {
	it('refuses cycles of blocking edges, naming the loop', async () => {
		await ledger.transact(state => {
			const a = make(state, 'a', {id: 'mp-a'});
			const b = make(state, 'b', {id: 'mp-b'});
			const c = make(state, 'c', {id: 'mp-c'});
			addDependency(state, a.id, b.id, 'blocks', who);
			addDependency(state, b.id, c.id, 'blocks', who);
		});
		await expect(ledger.transact(state => addDependency(state, 'mp-c', 'mp-a', 'blocks', who))).rejects.toThrow('that would make a cycle: mp-c → mp-a → mp-b → mp-c');
		// Non-blocking kinds may point anywhere.
		await ledger.transact(state => addDependency(state, 'mp-c', 'mp-a', 'related', who));
	});

	it('keeps one edge per pair: same type is a no-op, another type is refused', async () => {
		await ledger.transact(state => {
			make(state, 'a', {id: 'mp-a'});
			make(state, 'b', {id: 'mp-b'});
			addDependency(state, 'mp-a', 'mp-b', 'blocks', who);
			expect(addDependency(state, 'mp-a', 'mp-b', 'blocks', who)).toBeUndefined();
			expect(() => addDependency(state, 'mp-a', 'mp-b', 'related', who)).toThrow(/already depends on mp-b as "blocks"/);
			expect(() => addDependency(state, 'mp-a', 'mp-a', 'blocks', who)).toThrow(/cannot depend on itself/);
			expect(() => addDependency(state, 'mp-a', 'mp-zz', 'blocks', who)).toThrow(/no bead "mp-zz"/);
		});
		await ledger.transact(state => removeDependency(state, 'mp-a', 'mp-b', who));
		expect((await ledger.read()).require('mp-a').dependencies).toBeUndefined();
		await expect(ledger.transact(state => removeDependency(state, 'mp-a', 'mp-b', who))).rejects.toThrow(/does not depend on/);
	});

	it('stores edges to beads of other ledgers without looking them up', async () => {
		await ledger.transact(state => {
			make(state, 'convoy', {id: 'mp-a'});
			addDependency(state, 'mp-a', 'hq-cv-x1y', 'tracks', who);
		});
		expect((await ledger.read()).require('mp-a').dependencies?.[0]).toMatchObject({depends_on_id: 'hq-cv-x1y', type: 'tracks'});
	});
});

describe('status changes', () => {
	it('claim is a compare-and-swap', async () => {
		await ledger.transact(state => make(state, 'task', {id: 'mp-a'}));
		const claimed = await ledger.transact(state => claimBead(state, 'mp-a', who));
		expect(claimed).toMatchObject({assignee: 'alice', status: 'in_progress', started_at: who.now.toISOString()});
		await ledger.transact(state => claimBead(state, 'mp-a', who));
		await expect(ledger.transact(state => claimBead(state, 'mp-a', bob))).rejects.toThrow(/mp-a is in_progress, not open/);
		await ledger.transact(state => make(state, 'taken', {id: 'mp-b', assignee: 'alice'}));
		await expect(ledger.transact(state => claimBead(state, 'mp-b', bob))).rejects.toThrow(/already claimed by alice/);
	});

	it('close refuses open blockers and open children unless forced; reopen clears closed_at', async () => {
		await ledger.transact(state => {
			make(state, 'a', {id: 'mp-a'});
			make(state, 'b', {id: 'mp-b', deps: [{type: 'blocks', id: 'mp-a'}]});
			make(state, 'epic', {id: 'mp-e', type: 'epic'});
			make(state, 'child', {parent: 'mp-e'});
		});
		await expect(ledger.transact(state => closeBead(state, 'mp-b', {}, who))).rejects.toThrow('mp-b is blocked by open mp-a');
		await expect(ledger.transact(state => closeBead(state, 'mp-e', {}, who))).rejects.toThrow('mp-e has open children: mp-e.1');
		const forced = await ledger.transact(state => closeBead(state, 'mp-b', {force: true, reason: 'dup'}, who));
		expect(forced).toMatchObject({status: 'closed', close_reason: 'dup', closed_at: who.now.toISOString()});
		const reopened = await ledger.transact(state => reopenBead(state, 'mp-b', {reason: 'not a dup'}, bob));
		expect(reopened.status).toBe('open');
		expect(reopened).not.toHaveProperty('closed_at');
		expect(reopened).not.toHaveProperty('close_reason');
		expect(reopened.notes).toBe('Reopened: not a dup');
		await expect(ledger.transact(state => reopenBead(state, 'mp-a', {}, who))).rejects.toThrow(/not closed/);
	});

	it('update changes fields and keeps the invariants', async () => {
		await ledger.transact(state => make(state, 'a', {id: 'mp-a', labels: ['x']}));
		const updated = await ledger.transact(state => updateBead(state, ledger, 'mp-a', {
			status: 'closed', title: 'renamed', priority: '0', assignee: 'bob', addLabels: ['y'], removeLabels: ['x'], appendNotes: 'note 1',
		}, bob));
		expect(updated).toMatchObject({status: 'closed', title: 'renamed', priority: 0, assignee: 'bob', labels: ['y'], notes: 'note 1', closed_at: bob.now.toISOString(), updated_at: bob.now.toISOString()});
		const cleared = await ledger.transact(state => updateBead(state, ledger, 'mp-a', {status: 'open', assignee: '', removeLabels: ['y']}, bob));
		expect(cleared).not.toHaveProperty('assignee');
		expect(cleared).not.toHaveProperty('labels');
		expect(cleared).not.toHaveProperty('closed_at');
		await expect(ledger.transact(state => updateBead(state, ledger, 'mp-a', {status: 'finished'}, bob))).rejects.toThrow(/unknown status "finished"/);
	});

	it('delete refuses beads others depend on unless forced, then drops those edges', async () => {
		await ledger.transact(state => {
			make(state, 'a', {id: 'mp-a'});
			make(state, 'b', {id: 'mp-b', deps: [{type: 'blocks', id: 'mp-a'}]});
		});
		await expect(ledger.transact(state => deleteBead(state, 'mp-a', {}, who))).rejects.toThrow('mp-b depends on mp-a');
		await ledger.transact(state => deleteBead(state, 'mp-a', {force: true}, who));
		const state = await ledger.read();
		expect(state.has('mp-a')).toBe(false);
		expect(state.require('mp-b').dependencies).toBeUndefined();
	});

	it('comments carry author and time', async () => {
		await ledger.transact(state => make(state, 'a', {id: 'mp-a'}));
		const bead = await ledger.transact(state => addComment(state, 'mp-a', 'looks good', bob));
		expect(bead.comments).toEqual([expect.objectContaining({issue_id: 'mp-a', author: 'bob', text: 'looks good', created_at: bob.now.toISOString()})]);
		await expect(ledger.transact(state => addComment(state, 'mp-a', '  ', bob))).rejects.toThrow(/needs text/);
	});
});
