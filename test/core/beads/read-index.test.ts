import {appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {beadRows} from '../../../source/cli/bd/format.js';
import {beadToLine} from '../../../source/core/beads/jsonl.js';
import {compaction, Ledger, ledgerGitignore} from '../../../source/core/beads/ledger.js';
import {acquireLock} from '../../../source/core/base/file-lock.js';
import type {LedgerState} from '../../../source/core/beads/ledger-state.js';
import {addDependency, closeBead, createBead, deleteBead, updateBead} from '../../../source/core/beads/operations.js';
import {blockedBeads, byPriority, ledgerStats, listBeads, readyBeads, type BeadFilter} from '../../../source/core/beads/queries.js';
import {indexPath} from '../../../source/core/beads/read-cache/format.js';
import type {LedgerView} from '../../../source/core/beads/read-cache/view.js';
import type {Bead} from '../../../source/core/beads/types.js';
import {tempDir} from '../../helpers/cli.js';
import {generateLedger} from './generate-ledger.js';

const now = new Date('2026-03-01T10:00:00Z');
const who = {actor: 'tester', now};

const filters: BeadFilter[] = [
	{},
	{types: ['bug']},
	{types: ['message', 'task']},
	{labels: ['b']},
	{labels: ['b', 'c']},
	{assignee: 'alice'},
	{assignee: ''},
	{unassigned: true},
	{priority: 0},
	{statuses: ['open', 'deferred']},
	{statuses: ['closed']},
	{includeClosed: true},
	{includeEphemeral: true},
	{includeClosed: true, includeEphemeral: true, labels: ['a']},
];

const compact = (beads: readonly Bead[]) => JSON.stringify(beads);

/** Every query the commands run, as text, the old way: a full read and the queries over it. */
function oldOutputs(state: LedgerState): string[] {
	const out: string[] = [];
	for (const filter of filters) {
		const ready = readyBeads(state, filter, now);
		out.push(compact(ready), beadRows(ready).join('\n'));
		const list = listBeads(state, filter);
		out.push(compact(list), beadRows(list).join('\n'));
	}
	const blocked = blockedBeads(state);
	out.push(compact(blocked), blocked.map(bead => `${bead.id} ${bead.title} ${bead.blocked_by.map(blocker => blocker.id).join(',')}`).join('\n'));
	out.push(JSON.stringify(ledgerStats(state, now)));
	return out;
}

/** The same through a view, the way the commands print it. */
function viewOutputs(view: LedgerView): string[] {
	const out: string[] = [];
	const ids = (beads: readonly Bead[]) => beads.map(bead => bead.id);
	for (const filter of filters) {
		const ready = view.ready(filter, now);
		out.push(ready.json(0), beadRows(ready.beads(0)).join('\n'));
		const list = view.list(filter);
		out.push(list.json(0), beadRows(list.beads(0)).join('\n'));
	}
	const blocked = view.blocked();
	out.push(view.jsonArray(ids(blocked), blocked.map(bead => ({blocked_by: bead.blocked_by, blocked_by_count: bead.blocked_by_count}))));
	out.push(blocked.map(bead => `${bead.id} ${bead.title} ${bead.blocked_by.map(blocker => blocker.id).join(',')}`).join('\n'));
	out.push(JSON.stringify(view.stats(now)));
	return out;
}

function writeLedger(seed: number, total = 400): Ledger {
	const dir = path.join(tempDir('index'), '.beads');
	Ledger.init(dir, 'gx');
	const {issues, wisps} = generateLedger(total, seed);
	writeFileSync(path.join(dir, 'issues.jsonl'), issues);
	writeFileSync(path.join(dir, 'wisps.jsonl'), wisps);
	return Ledger.open(dir);
}

describe('read index', () => {
	it.each([1, 2, 3])('answers every query exactly as the full read does (ledger %i)', async seed => {
		const ledger = writeLedger(seed);
		const expected = oldOutputs(await ledger.read());
		// The ledger has something to show in nearly every query (ready, lists, blocked).
		expect(expected.filter(text => text === '[]').length).toBeLessThan(2);
		expect(expected[filters.length * 4]).not.toBe('[]');
		// First view: no index yet, so a full read, and the index is built.
		const first = await ledger.view();
		expect(first.indexed).toBe(false);
		expect(existsSync(indexPath(ledger.dir))).toBe(true);
		expect(viewOutputs(first)).toEqual(expected);
		const second = await ledger.view();
		expect(second.indexed).toBe(true);
		expect(viewOutputs(second)).toEqual(expected);
		// Records and show-style JSON come back as the full read has them; limits cut the same beads.
		const state = await ledger.read();
		for (const filter of filters.slice(0, 4)) {
			const ready = readyBeads(state, filter, now);
			expect(second.ready(filter, now).records(0)).toEqual(ready);
			expect(second.ready(filter, now).json(7)).toBe(compact(ready.slice(0, 7)));
			expect(second.list(filter).beads(3).map(bead => bead.id)).toEqual(listBeads(state, filter).slice(0, 3).map(bead => bead.id));
		}
		for (const bead of [...state.values()].slice(0, 60)) {
			expect(second.record(bead.id)).toEqual(bead);
			expect(second.json(bead.id, {extra: [1]})).toBe(JSON.stringify({...bead, extra: [1]}));
		}
		// The indexed beads relate to each other as the full ones do (bd show walks these).
		const edges = (bead: Bead) => bead.dependencies?.map(edge => [edge.issue_id, edge.depends_on_id, edge.type, (edge.metadata as {gate?: string} | undefined)?.gate]);
		for (const bead of state.values()) expect(edges(second.state.require(bead.id))).toEqual(edges(bead));
		for (const bead of [...state.values()].slice(0, 60)) {
			const dependents = state.dependentsOf(bead.id).map(edge => `${edge.issue_id}>${edge.type}`);
			expect(second.dependentsOf(bead.id).map(edge => `${edge.issue_id}>${edge.type}`)).toEqual(dependents);
			expect(second.state.dependentsOf(bead.id).map(edge => `${edge.issue_id}>${edge.type}`)).toEqual(dependents);
			expect(second.bead(bead.id)).toMatchObject({id: bead.id, title: bead.title, status: bead.status, priority: bead.priority});
			expect(second.state.parentOf(second.state.require(bead.id))).toBe(state.parentOf(bead));
			expect(second.readiness.blockersOf(second.state.require(bead.id))).toEqual(blockedBeads(state).find(other => other.id === bead.id)?.blocked_by ?? []);
		}
	});

	it('is rewritten by every transaction, so the read after a write is a hit with the new data', async () => {
		const ledger = writeLedger(4);
		await ledger.view(); // builds the index from the foreign files
		const created = await ledger.transact(state => createBead(state, ledger, {title: 'fresh <one>', labels: ['b']}, who));
		await ledger.transact(state => updateBead(state, ledger, created.id, {status: 'in_progress', assignee: 'alice'}, who));
		await ledger.transact(state => createBead(state, ledger, {title: 'mail', type: 'message', ephemeral: true}, who));
		const view = await ledger.view();
		expect(view.indexed).toBe(true);
		expect(viewOutputs(view)).toEqual(oldOutputs(await ledger.read()));
		expect(view.list({assignee: 'alice'}).beads(0).map(bead => bead.id)).toContain(created.id);
	});

	it.each([1, 2])('with changes in the journal, answers every query as the full read of files and journal does (ledger %i)', async seed => {
		const saved = {...compaction};
		Object.assign(compaction, {minFileBytes: 0, shareOfFiles: 0, maxBytes: Infinity, maxAgeMs: Infinity}); // never fold
		try {
			const ledger = writeLedger(seed);
			await ledger.view(); // the index of the files
			const ids = (await ledger.read()).all().filter(bead => !bead.ephemeral).map(bead => bead.id);
			const created = await ledger.transact(state => createBead(state, ledger, {title: 'fresh', labels: ['b'], deps: [{type: 'blocks', id: ids[3]!}]}, who));
			await ledger.transact(state => createBead(state, ledger, {title: 'child', parent: ids[5]!}, who));
			await ledger.transact(state => updateBead(state, ledger, ids[7]!, {status: 'in_progress', assignee: 'alice', title: 'renamed <x>'}, who));
			await ledger.transact(state => closeBead(state, ids[3]!, {force: true}, who));
			await ledger.transact(state => deleteBead(state, ids[11]!, {force: true}, who));
			await ledger.transact(state => addDependency(state, ids[13]!, created.id, 'blocks', who));
			await ledger.transact(state => createBead(state, ledger, {title: 'mail', type: 'message', ephemeral: true}, who));
			await ledger.transact(state => state.put({...state.require(ids[17]!), ephemeral: true})); // moves to wisps
			const view = await ledger.view();
			expect(view.indexed).toBe(true);
			const state = await ledger.read();
			expect(viewOutputs(view)).toEqual(oldOutputs(state));
			for (const bead of state.values()) {
				expect(view.record(bead.id)).toEqual(bead);
				expect(view.json(bead.id, {extra: 1})).toBe(JSON.stringify({...bead, extra: 1}));
			}
			// Folded into the files, the ledger holds the same beads (foreign lines are written
			// afresh by beadToLine, as any rewrite of the file does), and views still agree.
			const sorted = (beads: readonly Bead[]) => beads.map(beadToLine).sort();
			await ledger.compact();
			const folded = await ledger.read();
			expect(sorted(folded.all())).toEqual(sorted(state.all()));
			expect(viewOutputs(await ledger.view())).toEqual(oldOutputs(folded));
		} finally {
			Object.assign(compaction, saved);
		}
	});

	it('a stale index is never trusted: a change made behind its back is read in full, then indexed again', async () => {
		const ledger = writeLedger(5, 100);
		await ledger.view();
		const file = path.join(ledger.dir, 'issues.jsonl');
		// Same size, different content, put in place by a rename (as git and editors do): a new inode.
		writeFileSync(`${file}.new`, readFileSync(file, 'utf8').replace(/"priority":3/g, '"priority":4'));
		renameSync(`${file}.new`, file);
		let view = await ledger.view();
		expect(view.indexed).toBe(false);
		expect(viewOutputs(view)).toEqual(oldOutputs(await ledger.read()));
		expect((await ledger.view()).indexed).toBe(true);
		// Appended to in place: a new size.
		appendFileSync(file, `${JSON.stringify({id: 'gx-appended', title: 'by hand', status: 'open', priority: 0, issue_type: 'task', created_at: '2025-01-01T00:00:00Z'})}\n`);
		view = await ledger.view();
		expect(view.indexed).toBe(false);
		expect(view.ready({}, now).beads(0).map(bead => bead.id)).toContain('gx-appended');
		expect((await ledger.view()).indexed).toBe(true);
		// A second Ledger (another process) writes; this one sees it at once.
		const other = Ledger.open(ledger.dir);
		const created = await other.transact(state => createBead(state, other, {title: 'from elsewhere'}, who));
		expect((await ledger.view()).list({}).beads(0).map(bead => bead.id)).toContain(created.id);
	});

	it('an unreadable index is a miss, and a cache that cannot be written is no error', async () => {
		const ledger = writeLedger(6, 100);
		await ledger.view();
		const expected = oldOutputs(await ledger.read());
		const index = indexPath(ledger.dir);
		const good = readFileSync(index);
		for (const bad of [Buffer.from('garbage'), good.subarray(0, good.length - 100), Buffer.concat([good.subarray(0, 40), Buffer.from('x'), good.subarray(41)])]) {
			writeFileSync(index, bad);
			const view = await ledger.view();
			expect(viewOutputs(view)).toEqual(expected);
		}
		// The cache directory cannot be made (a file is in the way): reads and writes still work.
		rmSync(path.dirname(index), {recursive: true});
		writeFileSync(path.dirname(index), 'in the way');
		await ledger.transact(state => createBead(state, ledger, {title: 'still fine'}, who));
		const view = await ledger.view();
		expect(view.indexed).toBe(false);
		expect(viewOutputs(view)).toEqual(oldOutputs(await ledger.read()));
	});

	it('is only ever written under the ledger lock: while a writer holds it, a reader leaves the index alone', async () => {
		const ledger = writeLedger(8, 60);
		const release = await acquireLock(path.join(ledger.dir, '.lock'));
		try {
			const view = await ledger.view();
			expect(view.indexed).toBe(false);
			expect(viewOutputs(view)).toEqual(oldOutputs(await ledger.read()));
			expect(existsSync(indexPath(ledger.dir))).toBe(false);
		} finally {
			release();
		}
		await ledger.view();
		expect((await ledger.view()).indexed).toBe(true);
	});

	it('a duplicate id across the two files is refused by reads and views alike, never resolved silently', async () => {
		const base = {title: 't', status: 'open', priority: 2, issue_type: 'task', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z'};
		const dir = path.join(tempDir('dup'), '.beads');
		Ledger.init(dir, 'gx');
		writeFileSync(path.join(dir, 'issues.jsonl'), JSON.stringify({...base, id: 'gx-a'}));
		writeFileSync(path.join(dir, 'wisps.jsonl'), JSON.stringify({...base, id: 'gx-a', title: 'the wisp'}));
		const ledger = Ledger.open(dir);
		await expect(ledger.read()).rejects.toThrow(/bead gx-a is stored twice/);
		await expect(ledger.view()).rejects.toThrow(/bead gx-a is stored twice/);
	});

	it('ledgers the index cannot stand in for are read in full: a parent loop, an odd field type', async () => {
		const base = {title: 't', status: 'open', priority: 2, issue_type: 'task', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z'};
		const edge = (from: string, to: string) => ({issue_id: from, depends_on_id: to, type: 'parent-child', created_at: base.created_at});
		const cases = [
			{issues: [{...base, id: 'gx-a', dependencies: [edge('gx-a', 'gx-b')]}, {...base, id: 'gx-b', dependencies: [edge('gx-b', 'gx-a')]}, {...base, id: 'gx-c', dependencies: [edge('gx-c', 'gx-a')]}], wisps: []},
			{issues: [{...base, id: 'gx-a', priority: '1'}, {...base, id: 'gx-b', assignee: 7}], wisps: []},
		];
		for (const {issues, wisps} of cases) {
			const dir = path.join(tempDir('odd'), '.beads');
			Ledger.init(dir, 'gx');
			writeFileSync(path.join(dir, 'issues.jsonl'), issues.map(bead => JSON.stringify(bead)).join('\n'));
			writeFileSync(path.join(dir, 'wisps.jsonl'), wisps.map(bead => JSON.stringify(bead)).join('\n'));
			const ledger = Ledger.open(dir);
			const expected = oldOutputs(await ledger.read());
			expect(viewOutputs(await ledger.view())).toEqual(expected);
			const again = await ledger.view();
			expect(again.indexed).toBe(false);
			expect(viewOutputs(again)).toEqual(expected);
		}
	});

	it('indexes an empty ledger, and answers without reading the files when no records are wanted', async () => {
		const ledger = Ledger.init(path.join(tempDir('empty'), '.beads'), 'gx');
		await ledger.view();
		const empty = await ledger.view({records: false});
		expect(empty.indexed).toBe(true);
		expect(viewOutputs(empty)).toEqual(oldOutputs(await ledger.read()));
		await ledger.transact(state => createBead(state, ledger, {title: 'one'}, who));
		const view = await ledger.view({records: false});
		expect(view.indexed).toBe(true);
		expect(view.ready({}, now).beads(0).map(bead => bead.title)).toEqual(['one']);
		expect(() => view.ready({}, now).json(0)).toThrow(/without the ledger files/);
	});

	it('sorts as byPriority does when created_at ties or is missing', async () => {
		const dir = path.join(tempDir('ties'), '.beads');
		const ledger = Ledger.init(dir, 'gx');
		const line = (id: string, priority: number, created?: string) => JSON.stringify({id, title: id, status: 'open', priority, issue_type: 'task', ...(created ? {created_at: created} : {}), updated_at: 'x'});
		writeFileSync(path.join(dir, 'issues.jsonl'), [line('gx-b', 1, '2025-01-01'), line('gx-a', 1, '2025-01-01'), line('gx-c', 1), line('gx-d', 0, '2024-01-01'), line('gx-e', 1, '2025-02-01')].join('\n'));
		const expected = readyBeads(await ledger.read(), {}, now).map(bead => bead.id);
		expect([...(await ledger.read()).values()].sort(byPriority).map(bead => bead.id)).toEqual(expected);
		await ledger.view();
		const view = await ledger.view();
		expect(view.indexed).toBe(true);
		expect(view.ready({}, now).beads(0).map(bead => bead.id)).toEqual(expected);
	});
});

describe('ledger files in git', () => {
	it('init can write .beads/.gitignore (bd init does); the cache ignores itself', async () => {
		const dir = path.join(tempDir('ignore'), '.beads');
		const ledger = Ledger.init(dir, 'gx', {gitignore: true});
		expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(ledgerGitignore);
		for (const pattern of ['.cache/', '.lock*', '*.tmp', 'wisps.jsonl', 'journal.jsonl']) expect(ledgerGitignore.split('\n')).toContain(pattern);
		await ledger.transact(state => createBead(state, ledger, {title: 'one'}, who));
		expect(readFileSync(path.join(dir, '.cache', '.gitignore'), 'utf8')).toBe('*\n');
		const plain = path.join(tempDir('plain'), '.beads');
		Ledger.init(plain, 'gx');
		expect(existsSync(path.join(plain, '.gitignore'))).toBe(false);
	});
});

describe('read index and symlinks', () => {
	it('never writes the index through a symlinked .beads/.cache (a repository may commit one); reads still answer', async () => {
		const root = tempDir('cache-link');
		const dir = path.join(root, '.beads');
		const outside = path.join(tempDir('outside'), 'elsewhere');
		mkdirSync(outside, {recursive: true});
		const ledger = Ledger.init(dir, 'gx');
		rmSync(path.join(dir, '.cache'), {recursive: true, force: true});
		symlinkSync(outside, path.join(dir, '.cache'));
		await ledger.transact(state => createBead(state, ledger, {title: 'one'}, who));
		const view = await ledger.view();
		expect(view.indexed).toBe(false);
		expect(readdirSync(outside)).toEqual([]);
		expect((await ledger.read()).all().map(bead => bead.title)).toEqual(['one']);
	});
});
