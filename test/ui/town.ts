// A real town for the UI's end-to-end test, made with the built binaries like
// test/sim/town.test.ts: one rig "mp" from a small git repository, sim as default agent.
import path from 'node:path';
import {makeGitRepo, runOk, tempDir, testEnv} from '../helpers/cli.js';

export type UiTown = {home: string; town: string; rig: string; env: Record<string, string>};

export async function makeUiTown(): Promise<UiTown> {
	const home = tempDir('ui-town');
	const env = testEnv(home, {GT_SIM_SPEED: '120'});
	const town = path.join(home, 'town');
	const source = makeGitRepo(path.join(home, 'source'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
	await runOk('gt', ['install', town, '--git'], {cwd: home, env});
	await runOk('gt', ['rig', 'add', 'mp', source], {cwd: town, env});
	await runOk('gt', ['config', 'default-agent', 'sim'], {cwd: town, env});
	return {home, town, rig: path.join(town, 'mp'), env};
}
