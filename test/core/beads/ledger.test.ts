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
