// End to end through the real daemon: two beads slung to sim polecats in one
// convoy; the daemon's refinery merges both into the default branch and the convoy lands.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

type Bead = {id: string; title: string; status: string; close_reason?: string};

describe('refinery in the daemon', () => {
	const home = tempDir('mq-e2e');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const rig = path.join(town, 'mp');
	const show = async (id: string, cwd = rig) => (JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd, env})) as Bead[])[0]!;

	beforeAll(async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
		await runOk('gt', ['install', town, '--git'], {cwd: home, env});
		await runOk('gt', ['rig', 'add', 'mp', source], {cwd: town, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
	});

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('merges two slung beads and lands their convoy', async () => {
		const first = (await runOk('bd', ['create', 'Add a multiply function to src/mul.js', '--silent'], {cwd: rig, env})).trim();
		const second = (await runOk('bd', ['create', 'Write docs/usage.md', '--silent'], {cwd: rig, env})).trim();
		const slung = JSON.parse(await runOk('gt', ['sling', first, second, 'mp', '--json'], {cwd: town, env})) as {convoy?: {id: string}};
		// Slinging two beads at once tracks them in a convoy.
		const convoy = slung.convoy?.id;
		expect(convoy).toMatch(/^hq-cv-/);
		for (const id of [first, second]) {
			await eventually(async () => {
				const bead = await show(id);
				expect(bead.status).toBe('closed');
				expect(bead.close_reason).toMatch(/^merged /);
			}, {what: `${id} closed as merged by the refinery`, timeout: 40_000, interval: 300});
		}
		const log = git(path.join(rig, '.repo.git'), ['log', '--format=%s', 'refs/heads/main'], env);
		expect(log).toContain(first);
		expect(log).toContain(second);
		expect(git(path.join(rig, 'refinery', 'rig'), ['status', '--porcelain'], env)).toBe('');
		await eventually(async () => expect(await show(convoy!, town)).toMatchObject({status: 'closed', close_reason: 'landed'}), {what: `convoy ${convoy} to land`, interval: 200});
		const list = JSON.parse(await runOk('gt', ['mq', 'list', '--all', '--json'], {cwd: town, env})) as Array<{state: string}>;
		expect(list.map(item => item.state)).toEqual(['merged', 'merged']);
	}, 60_000);
});
