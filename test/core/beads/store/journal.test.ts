import {appendFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {compaction, compactLedger, Ledger} from '../../../../source/core/beads/ledger.js';
import {closeBead, createBead, deleteBead, updateBead} from '../../../../source/core/beads/operations.js';
import {parseJournal, readJournal} from '../../../../source/core/beads/store/journal.js';
import {tempDir} from '../../../helpers/cli.js';

const who = {actor: 'tester', now: new Date('2026-03-01T10:00:00Z')};
const saved = {...compaction};

function journaledLedger(): Ledger {
	// Every ledger journals its writes (none is too small), and nothing folds on its own.
	Object.assign(compaction, {minFileBytes: 0, shareOfFiles: 0, maxBytes: Infinity, maxAgeMs: Infinity}); // size > files / 0 is never true
	return Ledger.init(path.join(tempDir('journal'), '.beads'), 'jj');
}

const files = (ledger: Ledger) => ({
	issues: path.join(ledger.dir, 'issues.jsonl'),
	wisps: path.join(ledger.dir, 'wisps.jsonl'),
	journal: path.join(ledger.dir, 'journal.jsonl'),
});

describe('ledger journal', () => {
	beforeEach(() => Object.assign(compaction, saved));
	afterEach(() => Object.assign(compaction, saved));

	it('parses whole lines, ignores a torn last line, and names a bad line', () => {
		const good = '{"at":"2026-03-01T10:00:00.000Z","put":[{"id":"jj-a","title":"a","status":"open","priority":2,"issue_type":"task"}],"gone":[]}\n';
		const torn = parseJournal(Buffer.from(`${good}{"at":"2026-03-01T10:00:01.000Z","put":[{"id":"jj-b"`), 'j');
		expect(torn.entries.map(entry => entry.put.map(bead => bead.id))).toEqual([['jj-a']]);
		expect(torn.complete).toBe(Buffer.byteLength(good));
		expect(() => parseJournal(Buffer.from(`${good}{"broken\n${good}`), '/x/journal.jsonl')).toThrow(/\/x\/journal\.jsonl:2: not valid JSON/);
		expect(() => parseJournal(Buffer.from('{"put":[{"title":"no id"}],"gone":[]}\n'), 'j')).toThrow(/j:1: not a journal entry/);
	});

	it('a write appends to the journal and leaves the files alone; reads see it; compaction folds it in', async () => {
		const ledger = journaledLedger();
		const {issues, wisps, journal} = files(ledger);
		const inode = statSync(issues).ino;
		const a = await ledger.transact(state => createBead(state, ledger, {title: 'first'}, who));
		const b = await ledger.transact(state => createBead(state, ledger, {title: 'child', parent: a.id}, who));
		await ledger.transact(state => createBead(state, ledger, {title: 'mail', type: 'message', ephemeral: true}, who));
		await ledger.transact(state => updateBead(state, ledger, a.id, {assignee: 'alice'}, who));
		await ledger.transact(state => closeBead(state, b.id, {}, who));
		expect(readFileSync(issues, 'utf8')).toBe('');
		expect(statSync(issues).ino).toBe(inode);
		expect(readJournal(journal).entries).toHaveLength(5);
		const state = await ledger.read();
		expect(state.require(a.id)).toMatchObject({assignee: 'alice'});
		expect(state.require(b.id)).toMatchObject({status: 'closed'});
		expect(state.size).toBe(3);
		const before = [...state.values()].map(bead => JSON.stringify(bead)).sort();

		await compactLedger(ledger.dir);
		expect(existsSync(journal)).toBe(false);
		expect(readFileSync(issues, 'utf8').trim().split('\n').map(line => JSON.parse(line).id)).toEqual([a.id, b.id]);
		expect(readFileSync(wisps, 'utf8')).toContain('"title":"mail"');
		expect([...(await ledger.read()).values()].map(bead => JSON.stringify(bead)).sort()).toEqual(before);
	});

	it('deletes through the journal, and a crash between rewriting the files and removing the journal loses and doubles nothing', async () => {
		const ledger = journaledLedger();
		const {journal} = files(ledger);
		const kept = await ledger.transact(state => createBead(state, ledger, {title: 'kept'}, who));
		const gone = await ledger.transact(state => createBead(state, ledger, {title: 'gone'}, who));
		await ledger.transact(state => deleteBead(state, gone.id, {}, who));
		await ledger.transact(state => updateBead(state, ledger, kept.id, {title: 'kept, renamed'}, who));
		const expected = JSON.stringify((await ledger.read()).all());
		expect(expected).not.toContain(gone.id);
		const text = readFileSync(journal);
		await ledger.compact();
		// As if compaction died after its renames: the old journal is still there and is replayed.
		writeFileSync(journal, text);
		expect(JSON.stringify((await ledger.read()).all())).toBe(expected);
		expect(JSON.stringify((await ledger.view()).state.all().map(bead => bead.id))).toBe(JSON.stringify([kept.id]));
		await ledger.transact(state => updateBead(state, ledger, kept.id, {priority: '0'}, who));
		expect((await ledger.read()).require(kept.id)).toMatchObject({title: 'kept, renamed', priority: 0});
	});

	it('a torn last line (a writer killed mid-append) is ignored on read and cut off by the next write', async () => {
		const ledger = journaledLedger();
		const {journal} = files(ledger);
		const one = await ledger.transact(state => createBead(state, ledger, {title: 'one'}, who));
		appendFileSync(journal, '{"at":"2026-03-01T10:00:00.000Z","put":[{"id":"jj-torn","title":"never acknowle');
		expect((await ledger.read()).all().map(bead => bead.id)).toEqual([one.id]);
		expect((await ledger.view()).list({}).beads(0).map(bead => bead.id)).toEqual([one.id]);
		const two = await ledger.transact(state => createBead(state, ledger, {title: 'two'}, who));
		const lines = readFileSync(journal, 'utf8').split('\n');
		expect(lines.at(-1)).toBe('');
		for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
		expect(readFileSync(journal, 'utf8')).not.toContain('jj-torn');
		expect((await ledger.read()).all().map(bead => bead.id).sort()).toEqual([one.id, two.id].sort());
	});

	it('small ledgers fold every write at once: no journal is left behind', async () => {
		const ledger = Ledger.init(path.join(tempDir('small'), '.beads'), 'jj');
		const {issues, journal} = files(ledger);
		const bead = await ledger.transact(state => createBead(state, ledger, {title: 'at once'}, who));
		expect(readFileSync(issues, 'utf8')).toContain(bead.id);
		expect(existsSync(journal)).toBe(false);
	});

	it('an edit in place that keeps size and mtime is still seen (the key has the ctime)', async () => {
		const ledger = Ledger.init(path.join(tempDir('inplace'), '.beads'), 'jj');
		const {issues} = files(ledger);
		const bead = await ledger.transact(state => createBead(state, ledger, {title: 'AAAA'}, who));
		await ledger.view();
		expect((await ledger.view()).indexed).toBe(true);
		const stats = statSync(issues);
		writeFileSync(issues, readFileSync(issues, 'utf8').replace('"title":"AAAA"', '"title":"BBBB"'));
		utimesSync(issues, stats.atime, stats.mtime);
		expect(statSync(issues).size).toBe(stats.size);
		const view = await ledger.view();
		expect(view.bead(bead.id)?.title).toBe('BBBB');
		expect(view.json(bead.id)).toContain('"title":"BBBB"');
	});
});
