// End to end: a formula slung to a sim polecat. The polecat closes the molecule's
// steps as it works (gt mol step done), finishes with gt done, and when the merge
// lands the root and the issue it was poured for are closed too.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stepsToClose} from '../../source/sim/roles/polecat.js';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../helpers/cli.js';
import {eventually} from '../helpers/wait.js';

type Bead = {id: string; title: string; status: string; close_reason?: string};

describe('a formula-slung sim polecat', () => {
	const home = tempDir('sim-formula');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const rig = path.join(town, 'mp');
	const show = async (id: string): Promise<Bead> => (JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd: rig, env})) as Bead[])[0]!;
	const all = async (): Promise<Bead[]> => JSON.parse(await runOk('bd', ['list', '--all', '--json'], {cwd: rig, env})) as Bead[];

	beforeAll(async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
		await runOk('gt', ['install', town, '--git'], {cwd: home, env});
		await runOk('gt', ['rig', 'add', 'mp', source], {cwd: town, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
	});

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('picks the open leaf steps to close, in order', () => {
		expect(stepsToClose([{id: 'm.1', title: 'a', status: 'closed'}, {id: 'm.2', title: 'b', status: 'open'}, {id: 'm.2.1', title: 'c', status: 'open'}, {id: 'm.3', title: 'd', status: 'open'}]).map(step => step.id)).toEqual(['m.2.1', 'm.3']);
	});

	it('closes every step as it works; the landed merge closes the root and the issue', {timeout: 120_000}, async () => {
		const issue = (await runOk('bd', ['create', 'Add mul to src/calc.js', '--silent'], {cwd: rig, env})).trim();
		const slung = JSON.parse(await runOk('gt', ['sling', 'polecat-work', 'mp', '--var', `issue=${issue}`, '--json'], {cwd: town, env})) as {work: Array<{bead: string}>};
		const root = slung.work[0]!.bead;
		await eventually(async () => expect((await show(root)).status).toBe('closed'), {what: `the molecule ${root} to land`, timeout: 90_000, interval: 300});
		const steps = (await all()).filter(bead => bead.id.startsWith(`${root}.`));
		expect(steps.length).toBeGreaterThan(0);
		expect(steps.every(step => step.status === 'closed')).toBe(true);
		// The polecat closed them itself, one by one (gt mol step done), not gt done or the merge.
		expect(steps.filter(step => step.close_reason?.startsWith('done by ')).length).toBe(steps.length);
		expect(await show(issue)).toMatchObject({status: 'closed'});
	});
});
