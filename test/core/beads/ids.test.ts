import {describe, expect, it} from 'vitest';
import {generateId, hashLengthFor, hashSuffix, parseChildId, prefixOfId, validatePrefix} from '../../../source/core/beads/ids.js';

describe('bead ids', () => {
	it('grows the hash with the ledger: 3 characters for small ledgers, more later', () => {
		expect(hashLengthFor(0)).toBe(3);
		expect(hashLengthFor(150)).toBe(3);
		expect(hashLengthFor(200)).toBe(4);
		expect(hashLengthFor(10_000)).toBe(6);
		expect(hashLengthFor(10_000_000)).toBe(8);
	});

	it('makes base36 suffixes of the asked length', () => {
		for (const length of [3, 4, 5, 8]) expect(hashSuffix(`seed${length}`, length)).toMatch(new RegExp(`^[0-9a-z]{${length}}$`));
	});

	it('retries on collision and never returns a taken id', () => {
		const taken = new Set<string>();
		for (let index = 0; index < 2000; index++) {
			const id = generateId('mp', {title: 'same title', createdAt: '2026-01-01T00:00:00Z'}, candidate => taken.has(candidate), taken.size);
			expect(taken.has(id)).toBe(false);
			taken.add(id);
		}
		expect(taken.size).toBe(2000);
	});

	it('parses child ids and prefixes', () => {
		expect(parseChildId('mp-a1b.12')).toEqual({parent: 'mp-a1b', index: 12});
		expect(parseChildId('mp-a1b')).toBeUndefined();
		expect(prefixOfId('hq-cv-x1y')).toBe('hq-cv');
		expect(prefixOfId('mp-a1b.2')).toBe('mp');
	});

	it('refuses bad prefixes', () => {
		expect(validatePrefix('mp')).toBe('mp');
		for (const bad of ['', 'MP', '1x', 'a/b', 'a b', '-x']) expect(() => validatePrefix(bad)).toThrow(/invalid prefix/);
	});
});
