// End to end in a real town: the daemon runs `sim` agents in ptys; a slung bead is
// worked and finished by a sim polecat, and the sim Mayor turns a request into
// beads and slings them.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from '../helpers/cli.js';
import {eventually} from '../helpers/wait.js';

type Bead = {id: string; title: string; notes?: string; status: string};

describe('sim agents in a town', () => {
	const home = tempDir('sim-town');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const rig = path.join(town, 'mp');

	const beads = async (): Promise<Bead[]> => JSON.parse(await runOk('bd', ['list', '--all', '--json'], {cwd: rig, env})) as Bead[];
	const finished = async (id: string) => {
		const [bead] = JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd: rig, env})) as Bead[];
		return bead?.notes?.includes('merge request') === true;
	};
	const history = () => git(path.join(rig, '.repo.git'), ['log', '--all', '--format=%s'], env);

	beforeAll(async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
		await runOk('gt', ['install', town, '--git'], {cwd: home, env});
		await runOk('gt', ['rig', 'add', 'mp', source], {cwd: town, env});
		await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
	});

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('a slung bead is worked by a sim polecat: edit, commit, gt done', async () => {
		const id = (await runOk('bd', ['create', 'Fix rounding in src/calc.js', '--silent'], {cwd: rig, env})).trim();
		await runOk('gt', ['sling', id, 'mp'], {cwd: town, env});
		await eventually(async () => expect(await finished(id)).toBe(true), {what: `the sim polecat to finish ${id}`, timeout: 30_000, interval: 200});
		expect(history()).toContain(`Fix rounding in src/calc.js (${id})`);
	});

	it('the sim Mayor turns a typed request into beads, one sling, and polecats finish them', async () => {
		await runOk('gt', ['mayor', 'start'], {cwd: town, env});
		await runOk('gt', ['nudge', 'mayor', 'Add a subtract function to src/calc.js. Document it in README.md'], {cwd: town, env});
		const titles = ['Add a subtract function to src/calc.js', 'Document it in README.md'];
		const planned = await eventually(async () => {
			const found = (await beads()).filter(bead => titles.includes(bead.title));
			expect(found).toHaveLength(2);
			return found;
		}, {what: 'the sim Mayor to plan two beads', timeout: 30_000, interval: 200});
		for (const bead of planned) await eventually(async () => expect(await finished(bead.id)).toBe(true), {what: `the sim polecat to finish ${bead.id}`, timeout: 30_000, interval: 200});
		for (const bead of planned) expect(history()).toContain(`${bead.title} (${bead.id})`);
	});
});
