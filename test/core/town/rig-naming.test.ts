import {describe, expect, it} from 'vitest';
import {derivePrefix, nameParts, prefixCandidates} from '../../../source/core/town/rig-naming.js';

describe('rig prefixes', () => {
	it('splits snake, kebab, dotted and camel case names', () => {
		expect(nameParts('my_project')).toEqual(['my', 'project']);
		expect(nameParts('my-project')).toEqual(['my', 'project']);
		expect(nameParts('myProject')).toEqual(['my', 'project']);
		expect(nameParts('HTTPServer')).toEqual(['http', 'server']);
	});

	it('uses initials for compound names and the first letters otherwise', () => {
		for (const name of ['my_project', 'my-project', 'myProject']) expect(derivePrefix(name, () => false)).toBe('mp');
		expect(derivePrefix('gastown', () => false)).toBe('ga');
		expect(derivePrefix('Tools', () => false)).toBe('to');
		expect(derivePrefix('3d_engine', () => false)).toBe('de');
		expect(prefixCandidates('gastown')).toEqual(['ga', 'gas', 'gast']);
	});

	it('tries longer prefixes, then numbers, when one is taken', () => {
		const taken = new Set(['mp', 'my', 'myp', 'mypr']);
		expect(derivePrefix('my_project', prefix => taken.has(prefix))).toBe('mp2');
		expect(derivePrefix('gastown', prefix => prefix === 'ga')).toBe('gas');
		expect(derivePrefix('hq', prefix => prefix === 'hq')).toBe('hq2');
	});
});
