import {describe, expect, it} from 'vitest';
import {parsePatrolValue, patrolDefaults, patrolSettings} from '../../../source/core/patrols/settings.js';

describe('patrol settings', () => {
	it('fills in defaults, takes town.toml values, and lets rig.toml [witness] override the town', () => {
		expect(patrolSettings({name: 't'})).toEqual(patrolDefaults);
		const town = {name: 't', witness: {stall_after: 60, max_restarts: 'x'}, deacon: {max_polecats: 3, patrol_interval: 1}, mayor: {keep_alive: true}};
		const settings = patrolSettings(town, {witness: {stall_after: 5}});
		expect(settings.witness).toEqual({...patrolDefaults.witness, stall_after: 5});
		expect(settings.deacon).toEqual({patrol_interval: 1, max_polecats: 3});
		expect(settings.mayor.keep_alive).toBe(true);
	});

	it('parses values for gt config set', () => {
		expect(parsePatrolValue('witness', 'stall_after', '2.5')).toBe(2.5);
		expect(parsePatrolValue('mayor', 'keep_alive', 'true')).toBe(true);
		expect(() => parsePatrolValue('witness', 'stall_after', '-1')).toThrow('witness.stall_after is a number of seconds');
		expect(() => parsePatrolValue('mayor', 'keep_alive', 'yes')).toThrow('true or false');
	});
});
