import {describe, expect, it} from 'vitest';
import {stringField} from '../../../source/core/base/toml-file.js';

describe('stringField', () => {
	it('answers strings, falls back when absent, and refuses anything else with the file and key', () => {
		const table = {name: 'town', nested: {a: 1}, list: ['x'], count: 3};
		expect(stringField(table, 'name', '', 'town.toml')).toBe('town');
		expect(stringField(table, 'missing', 'main', 'rig.toml')).toBe('main');
		expect(() => stringField(table, 'nested', '', 'rig.toml')).toThrow('rig.toml: nested must be a string, not a table');
		expect(() => stringField(table, 'list', '', 'rig.toml')).toThrow('rig.toml: list must be a string, not a list');
		expect(() => stringField(table, 'count', '', 'rig.toml')).toThrow('rig.toml: count must be a string, not number 3');
	});
});
