import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {createBead} from '../../../source/core/beads/operations.js';
import {tempDir} from '../../helpers/cli.js';

const who = {actor: 'tester', now: new Date('2026-03-01T10:00:00Z')};

describe('Ledger', () => {
	it('init creates config and both files, and refuses an existing ledger', () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		expect(ledger.prefix).toBe('mp');
		expect(existsSync(path.join(dir, 'issues.jsonl'))).toBe(true);
		expect(existsSync(path.join(dir, 'wisps.jsonl'))).toBe(true);
		expect(() => Ledger.init(dir, 'mp')).toThrow(/already exists/);
		expect(Ledger.open(dir).prefix).toBe('mp');
	});

	it('open names the missing ledger', () => {
		expect(() => Ledger.open(path.join(tempDir(), '.beads'))).toThrow(/no beads ledger at/);
	});

	it('keeps durable beads in issues.jsonl and ephemeral ones in wisps.jsonl, writing only what changed', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		await ledger.transact(state => createBead(state, ledger, {title: 'durable'}, who));
		// Atomic writes replace the file, so an unchanged inode means issues.jsonl was not rewritten.
		const inode = () => statSync(path.join(dir, 'issues.jsonl')).ino;
		const before = inode();
		await ledger.transact(state => createBead(state, ledger, {title: 'mail', ephemeral: true, type: 'message'}, who));
		expect(inode()).toBe(before);
		await ledger.transact(state => createBead(state, ledger, {title: 'durable 2'}, who));
		expect(inode()).not.toBe(before);
		const wisps = readFileSync(path.join(dir, 'wisps.jsonl'), 'utf8').trim().split('\n');
		expect(wisps).toHaveLength(1);
		expect(JSON.parse(wisps[0]!)).toMatchObject({title: 'mail', ephemeral: true});
		const state = await ledger.read();
		expect(state.size).toBe(3);
	});

	it('never overwrites a file that does not parse, and names file and line', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		await ledger.transact(state => createBead(state, ledger, {title: 'one'}, who));
		const file = path.join(dir, 'issues.jsonl');
		const broken = `${readFileSync(file, 'utf8')}{"id":"mp-x", "title": \n`;
		writeFileSync(file, broken);
		await expect(ledger.transact(state => createBead(state, ledger, {title: 'two'}, who))).rejects.toThrow(`${file}:2: not valid JSON`);
		expect(readFileSync(file, 'utf8')).toBe(broken);
		expect(existsSync(path.join(dir, '.lock'))).toBe(false);
	});

	it('a failing change writes nothing', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		await expect(ledger.transact(state => {
			createBead(state, ledger, {title: 'first'}, who);
			createBead(state, ledger, {title: 'bad', type: 'no-such-type'}, who);
		})).rejects.toThrow(/unknown bead type/);
		expect(readFileSync(path.join(dir, 'issues.jsonl'), 'utf8')).toBe('');
	});
});

describe('Ledger files written by others', () => {
	const line = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({id, title: id, status: 'open', priority: 2, issue_type: 'task', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...extra});

	it('an id stored twice in one file (a merge that kept both sides) is named with file:line; nothing is written or dropped', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		const file = path.join(dir, 'issues.jsonl');
		const text = `${[line('mp-a1'), line('mp-b2'), line('mp-a1', {comments: [{id: 'c1', issue_id: 'mp-a1', author: 'x', text: 'keep me', created_at: '2026-01-02T00:00:00Z'}]})].join('\n')}\n`;
		writeFileSync(file, text);
		await expect(ledger.read()).rejects.toThrow(`bead mp-a1 is stored twice (${file}:1 and :3)`);
		await expect(ledger.transact(state => createBead(state, ledger, {title: 'unrelated'}, who))).rejects.toThrow(/stored twice/);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	it('one id in both issues.jsonl and wisps.jsonl is refused, naming both files', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		writeFileSync(path.join(dir, 'issues.jsonl'), `${line('mp-a1')}\n`);
		writeFileSync(path.join(dir, 'wisps.jsonl'), `${line('mp-x9')}\n${line('mp-a1', {ephemeral: true})}\n`);
		await expect(ledger.transact(state => createBead(state, ledger, {title: 'unrelated'}, who))).rejects.toThrow(`bead mp-a1 is stored twice (${path.join(dir, 'issues.jsonl')}:1 and ${path.join(dir, 'wisps.jsonl')}:2)`);
		expect(readFileSync(path.join(dir, 'issues.jsonl'), 'utf8')).toBe(`${line('mp-a1')}\n`);
	});

	it('ephemeral records of a Beads issues.jsonl used in place stay there through later writes', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		const file = path.join(dir, 'issues.jsonl');
		const records = [line('mp-a1'), line('mp-e1', {ephemeral: true}), line('mp-e2', {ephemeral: true})];
		writeFileSync(file, `${records.join('\n')}\n`);
		await ledger.transact(state => createBead(state, ledger, {title: 'new work'}, who));
		const lines = readFileSync(file, 'utf8').trim().split('\n');
		for (const record of records) expect(lines).toContain(record);
		expect(lines).toHaveLength(4);
		expect(readFileSync(path.join(dir, 'wisps.jsonl'), 'utf8')).toBe('');
		// New ephemeral beads still go to wisps.jsonl.
		await ledger.transact(state => createBead(state, ledger, {title: 'a wisp', ephemeral: true}, who));
		expect(readFileSync(path.join(dir, 'wisps.jsonl'), 'utf8')).toContain('a wisp');
		expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
	});
});

describe('Ledger housekeeping', () => {
	it('a write removes temp files of writers killed before their rename, never a live one\'s', async () => {
		const dir = path.join(tempDir(), '.beads');
		const ledger = Ledger.init(dir, 'mp');
		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout;
		const stale = path.join(dir, `.issues.jsonl.${dead}.deadbeef.tmp`);
		const live = path.join(dir, `.issues.jsonl.${process.pid}.cafe.tmp`);
		writeFileSync(stale, 'half a ledger');
		writeFileSync(live, 'being written');
		await ledger.transact(state => createBead(state, ledger, {title: 'x'}, who));
		expect(existsSync(stale)).toBe(false);
		expect(existsSync(live)).toBe(true);
	});
});
