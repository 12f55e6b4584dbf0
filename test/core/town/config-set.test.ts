import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {setConfigValue} from '../../../source/core/town/config-set.js';
import {readTownConfig} from '../../../source/core/town/town-config.js';
import {makeTown} from '../../helpers/town.js';

describe('setConfigValue', () => {
	it('sets, checks and unsets values; a refused value leaves town.toml byte for byte', async () => {
		const {town} = await makeTown();
		const file = path.join(town, 'town.toml');
		expect(await setConfigValue(town, 'default_agent', 'sim')).toBe('sim');
		expect(await setConfigValue(town, 'agents.sim.env.GT_SIM_SPEED', 'fast')).toBe('fast');
		expect(readTownConfig(town).agents?.sim?.env).toEqual({GT_SIM_SPEED: 'fast'});
		const before = readFileSync(file, 'utf8');
		await expect(setConfigValue(town, 'default_agent', 'no-such-agent')).rejects.toThrow(/no-such-agent/);
		await expect(setConfigValue(town, 'agents.sim.env.1BAD', 'x')).rejects.toThrow(/not an environment variable name/);
		await expect(setConfigValue(town, 'nonsense.key', 'x')).rejects.toThrow(/nonsense/);
		// A bad patrol value says what to write instead.
		const stall = await setConfigValue(town, 'witness.stall_after', 'abc').catch((error: unknown) => error as {describe(): string});
		expect((stall as {describe(): string}).describe()).toMatch(/^witness\.stall_after is a number of seconds, 0 or more \(got "abc"\) — e\.g\. `gt config set witness\.stall_after \d+` \(the default\)$/);
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(await setConfigValue(town, 'default_agent', '')).toBeUndefined();
		expect(readTownConfig(town).default_agent).toBeUndefined();
	});
});
