// A town too deep for a socket in its .runtime: `gt up`, `gt agents`, `gt nudge` and
// `gt down` as the built binary, the socket in the user's private directory.
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

describe('a deep town', () => {
	const home = tempDir('deep-town');
	const runtime = tempDir('xdg');
	const env = testEnv(home, {GT_SIM_SPEED: '10', XDG_RUNTIME_DIR: runtime, TMPDIR: tempDir('tmp-one')});
	const town = path.join(home, 'a'.repeat(50), 'b'.repeat(50), 'town');
	const gt = (args: string[], vars: Record<string, string> = {}) => runOk('gt', args, {cwd: town, env: {...env, ...vars}});

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('comes up, lists its agents from another shell (another TMPDIR) and goes down', async () => {
		await runOk('gt', ['install', town], {cwd: home, env});
		await gt(['config', 'default-agent', 'sim']);
		expect(await gt(['up'])).toMatch(/^Daemon up\. Mayor started \(sim\)\.$/m);
		const dir = path.join(runtime, `gt-${process.getuid!()}`);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(readdirSync(dir)).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.sock$/)]);
		const agents = JSON.parse(await gt(['agents', '--json'], {TMPDIR: tempDir('tmp-two')})) as {address: string}[];
		expect(agents.map(agent => agent.address)).toEqual(['mayor/']);
		expect(await gt(['down'])).toMatch(/stopped|down/i);
		expect(readdirSync(dir)).toEqual([]);
		expect(existsSync(path.join(town, '.runtime', 'gt.sock'))).toBe(false);
	});
});
