// gt demo: a town anyone can try in a minute, with no API key. A small sample
// project becomes a rig, the simulated `sim` agent becomes the default runtime, a
// few starter beads give the board something to show, and the Mayor is started.
import {execFileSync} from 'node:child_process';
import {gitEnvironment} from '../git/environment.js';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Ledger} from '../beads/ledger.js';
import {createBead} from '../beads/operations.js';
import {updateTownConfig} from './town-config.js';
import type {Environment} from '../base/environment.js';
import {conflict} from '../base/errors.js';
import {rigLayout, resolveFrom} from '../base/paths.js';
import {addRig} from './rig-lifecycle.js';
import {setRigGates} from './rig-config.js';
import {installTown} from './install.js';

const sampleFiles: Record<string, string> = {
	'README.md': '# calc\n\nA tiny calculator: the sample project of the Gas Town demo.\n',
	'package.json': `${JSON.stringify({name: 'calc', version: '1.0.0', type: 'module', scripts: {test: 'node --test'}}, null, 2)}\n`,
	'src/calc.js': 'export const add = (a, b) => a + b;\n',
	'test/calc.test.js': "import {test} from 'node:test';\nimport assert from 'node:assert';\nimport {add} from '../src/calc.js';\n\ntest('add', () => assert.equal(add(2, 3), 5));\n",
};

export type DemoTown = {root: string; town: string; rig: string; project: string; beads: string[]};

function git(cwd: string, args: string[], env: Environment): void {
	execFileSync('git', args, {cwd, env: {...gitEnvironment(env.vars), GIT_AUTHOR_NAME: env.vars.GIT_AUTHOR_NAME ?? 'Gas Town demo', GIT_AUTHOR_EMAIL: env.vars.GIT_AUTHOR_EMAIL ?? 'demo@gastown.local', GIT_COMMITTER_NAME: env.vars.GIT_COMMITTER_NAME ?? 'Gas Town demo', GIT_COMMITTER_EMAIL: env.vars.GIT_COMMITTER_EMAIL ?? 'demo@gastown.local'}, stdio: 'ignore'});
}

/** Creates the demo town in `target` (a new temp dir by default); refuses a non-empty directory. */
export async function createDemoTown(env: Environment, target?: string): Promise<DemoTown> {
	const root = target ? resolveFrom(env, target) : mkdtempSync(path.join(tmpdir(), 'gastown-demo-'));
	if (existsSync(root) && readdirSync(root).length > 0) throw conflict(`${root} is not empty`, 'give gt demo a new or empty directory');
	mkdirSync(root, {recursive: true});
	const project = path.join(root, 'calc-project');
	for (const [name, contents] of Object.entries(sampleFiles)) {
		mkdirSync(path.dirname(path.join(project, name)), {recursive: true});
		writeFileSync(path.join(project, name), contents);
	}
	git(project, ['init', '-q', '-b', 'main'], env);
	git(project, ['add', '-A'], env);
	git(project, ['commit', '-q', '-m', 'Sample calculator project'], env);

	const town = path.join(root, 'town');
	const here = {...env, cwd: root};
	await installTown({path: town, name: 'demo', git: true}, here);
	await addRig(town, {name: 'calc', source: project, prefix: 'ca'}, {...here, cwd: town});
	await updateTownConfig(town, config => {
		config.default_agent = 'sim';
	});
	// A real gate (the sample's own tests), so the merge queue shows one running and its output.
	await setRigGates(town, 'calc', ['node --test']);

	const ledger = Ledger.open(rigLayout(town, 'calc').beads);
	const who = {actor: 'overseer', now: env.now()};
	const beads = await ledger.transact(state => {
		const epic = createBead(state, ledger, {title: 'Calculator v2', type: 'epic', priority: 1}, who);
		const sub = createBead(state, ledger, {title: 'Add subtract() to src/calc.js', parent: epic.id, labels: ['math']}, who);
		const mul = createBead(state, ledger, {title: 'Add multiply() to src/calc.js', parent: epic.id, labels: ['math']}, who);
		const docs = createBead(state, ledger, {title: 'Document the new functions in README.md', parent: epic.id, type: 'chore', deps: [{type: 'blocks', id: sub.id}, {type: 'blocks', id: mul.id}]}, who);
		return [epic.id, sub.id, mul.id, docs.id];
	});
	return {root, town, rig: 'calc', project, beads};
}
