import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

describe('gt demo', () => {
	const home = tempDir('demo');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const root = path.join(home, 'demo');
	const town = path.join(root, 'town');

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('without a terminal: makes the town with a sample rig, sim as default agent, the Mayor running', async () => {
		const result = await runCli('gt', ['demo', root], {cwd: home, env});
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toBe(town);
		expect(result.stderr).toContain('SIMULATED');
		expect(existsSync(path.join(town, 'calc', 'refinery', 'rig', 'src', 'calc.js'))).toBe(true);
		expect((await runOk('gt', ['config', 'default-agent'], {cwd: town, env})).trim()).toContain('sim');
		const ready = JSON.parse(await runOk('bd', ['ready', '--json'], {cwd: path.join(town, 'calc'), env}));
		expect(ready.map((bead: {title: string}) => bead.title)).toContain('Add subtract() to src/calc.js');
		const mayor = JSON.parse(await runOk('gt', ['mayor', 'status', '--json'], {cwd: town, env}));
		expect(mayor.running).toBe(true);
		expect(mayor.session.agent).toBe('sim');
	});

	it('refuses a directory that is not empty', async () => {
		const busy = path.join(home, 'busy');
		mkdirSync(busy);
		writeFileSync(path.join(busy, 'notes.txt'), 'mine\n');
		const result = await runCli('gt', ['demo', busy], {cwd: home, env});
		expect(result.code).toBe(4);
		expect(result.stderr).toBe(`gt: ${busy} is not empty — give gt demo a new or empty directory\n`);
	});
});
