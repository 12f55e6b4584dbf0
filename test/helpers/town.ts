// A real town with one rig made from a real git repository, for core tests.
import path from 'node:path';
import type {Environment} from '../../source/core/base/environment.js';
import {addRig} from '../../source/core/town/rig-lifecycle.js';
import {installTown} from '../../source/core/town/install.js';
import {setConfigValue} from '../../source/core/town/config-set.js';
import {makeGitRepo, tempDir, testEnv} from './cli.js';

export type TestTown = {env: Environment; vars: Record<string, string>; town: string; rig: string; rigDir: string; work: string};

export async function makeTown(options: {rig?: string; files?: Record<string, string>; defaultAgent?: string} = {}): Promise<TestTown> {
	const vars = testEnv();
	const work = tempDir('town');
	const env: Environment = {cwd: work, home: vars.HOME!, vars, now: () => new Date()};
	await installTown({path: 'town', name: 'test'}, env);
	const town = path.join(work, 'town');
	const rig = options.rig ?? 'calc';
	makeGitRepo(path.join(work, 'project'), vars, options.files ?? {'README.md': '# calc\n', 'src/calc.js': 'export const add = (a, b) => a + b;\n'});
	await addRig(town, {name: rig, source: path.join(work, 'project'), prefix: 'ca'}, env);
	// The built-in sim is always installed; tests that need another runtime say so.
	await setConfigValue(town, 'default_agent', options.defaultAgent ?? 'sim');
	const townEnv: Environment = {...env, cwd: town};
	return {env: townEnv, vars, town, rig, rigDir: path.join(town, rig), work};
}

export function envIn(town: TestTown, cwd: string, vars: Record<string, string> = {}): Environment {
	return {...town.env, cwd, vars: {...town.vars, ...vars}};
}
