import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

let env: Record<string, string>;
let dir: string;
const bd = (args: string[], cwd = dir) => runCli('bd', args, {cwd, env});
const bdIn = (args: string[], cwd = dir) => runInProcess('bd', args, {cwd, env});
const bdOk = (args: string[], cwd = dir) => runOk('bd', args, {cwd, env});
const bdJson = async (args: string[], cwd = dir) => JSON.parse(await bdOk([...args, '--json'], cwd));
const readyIds = async () => (await bdJson(['ready'])).map((bead: {id: string}) => bead.id);

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-formula');
	await bdOk(['init', '--prefix', 'mp']);
});

describe('bd formula and bd cook', () => {
	it('lists the shipped formulas and shows one', async () => {
		const listed = await bdJson(['formula', 'list']);
		const names = listed.map((entry: {name: string}) => entry.name);
		expect(names).toEqual(expect.arrayContaining(['polecat-work', 'code-review', 'release', 'tdd-cycle']));
		expect(listed.find((entry: {name: string}) => entry.name === 'release')).toMatchObject({source: 'shipped', steps: 4, vars: ['version', 'branch']});
		const human = await bdOk(['formula', 'show', 'release']);
		expect(human).toMatch(/version\s+required/);
		expect(human).toMatch(/branch\s+= "main"/);
		expect(human).toMatch(/bump\s+Bump the version to \{\{version\}\}\s+\(needs changelog\)/);
	});

	it('cooks with vars substituted and defaults applied; missing and unknown vars fail in one line', async () => {
		const cooked = await bdJson(['cook', 'release', '--var', 'version=1.2.0']);
		expect(cooked).toMatchObject({formula: 'release', vars: {version: '1.2.0', branch: 'main'}, description: 'Release 1.2.0 from main'});
		expect(cooked.steps.map((step: {title: string}) => step.title)).toEqual(['Write the changelog for 1.2.0', 'Bump the version to 1.2.0', 'Tag v1.2.0', 'Publish 1.2.0']);
		const missing = await bdIn(['cook', 'release']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe('bd: formula release needs --var version=… — missing: version\n');
		const unknown = await bdIn(['cook', 'release', '--var', 'version=1', '--var', 'colour=red']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toBe('bd: formula release has no variable colour — it takes: version, branch\n');
		expect((await bdIn(['cook', 'no-such-formula'])).code).toBe(3);
	});

	it('a ledger formula shadows a shipped one of the same name, and bad TOML names file:line:col', async () => {
		const formulas = path.join(dir, '.beads', 'formulas');
		mkdirSync(formulas, {recursive: true});
		writeFileSync(path.join(formulas, 'code-review.formula.toml'), 'formula = "code-review"\ndescription = "Our own review"\n[[steps]]\nid = "look"\ntitle = "Look"\n');
		writeFileSync(path.join(formulas, 'broken.formula.toml'), 'formula = "broken"\n[[steps]\n');
		const listed = await bdJson(['formula', 'list']);
		expect(listed.find((entry: {name: string}) => entry.name === 'code-review')).toMatchObject({source: 'ledger', description: 'Our own review', steps: 1});
		expect(listed.filter((entry: {name: string}) => entry.name === 'code-review')).toHaveLength(1);
		const human = await bdOk(['formula', 'list']);
		expect(human).toMatch(/^code-review\s+ledger\s+1 step\s+Our own review$/m);
		expect(human).toMatch(/^release\s+shipped\s+4 steps\s+Release/m);
		const broken = await bdIn(['cook', 'broken']);
		expect(broken.code).toBe(1);
		expect(broken.stderr).toContain(`${path.join(formulas, 'broken.formula.toml')}:2:`);
	});
});

describe('bd mol', () => {
	it('pour → ready shows only the first step; closing it makes the next ready; progress counts', async () => {
		const poured = await bdJson(['mol', 'pour', 'release', '--var', 'version=2.0']);
		const root = poured.new_epic_id;
		expect(poured).toMatchObject({created: 5, phase: 'liquid', id_mapping: {changelog: `${root}.1`, bump: `${root}.2`, tag: `${root}.3`, publish: `${root}.4`}});
		const mine = async () => (await readyIds()).filter((id: string) => id.startsWith(root));
		expect(await mine()).toEqual([`${root}.1`]);
		expect(await bdJson(['mol', 'progress', root])).toMatchObject({total: 4, done: 0, current: [`${root}.1`], next: [`${root}.2`]});
		await bdOk(['close', `${root}.1`]);
		expect(await mine()).toEqual([`${root}.2`]);
		expect(await bdJson(['mol', 'progress', root])).toMatchObject({total: 4, done: 1, percent: 25, current: [`${root}.2`], next: [`${root}.3`]});
		const human = await bdOk(['mol', 'progress', root]);
		expect(human).toContain('1/4 done (25%)');
		expect(human).toMatch(new RegExp(`current:  ${root.replace(/[.-]/g, '\\$&')}\\.2  Bump the version to 2\\.0`));
		const listed = await bdJson(['mol', 'list']);
		expect(listed.find((molecule: {id: string}) => molecule.id === root)).toMatchObject({formula: 'release', done: 1, total: 4});
		const shown = await bdJson(['mol', 'show', root]);
		expect(shown).toMatchObject({id: root, issue_type: 'molecule', steps: [{state: 'done'}, {state: 'current'}, {state: 'next'}, {state: 'pending'}]});

		const refused = await bdIn(['mol', 'squash', root]);
		expect(refused.code).toBe(4);
		for (const step of [2, 3, 4]) await bdOk(['close', `${root}.${step}`]);
		const squashed = await bdJson(['mol', 'squash', root]);
		expect(squashed).toMatchObject({root: 'closed', digest: {id: `${root}.5`, status: 'closed'}});
		const ids = readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line).id);
		expect(ids.filter(id => id.startsWith(root))).toEqual([root, `${root}.5`]);
	});

	it('wisp is ephemeral, squashes to a durable digest, and burn leaves nothing', async () => {
		const wisp = await bdJson(['mol', 'wisp', 'tdd-cycle', '--var', 'behaviour=sum']);
		const root = wisp.new_epic_id;
		expect(wisp).toMatchObject({phase: 'vapor', created: 8});
		expect(readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8')).not.toContain(root);
		expect(readFileSync(path.join(dir, '.beads', 'wisps.jsonl'), 'utf8')).toContain(`${root}.1.1`);
		for (const step of ['1.1', '1.2', '1', '2.1', '2.2', '2', '3']) await bdOk(['close', `${root}.${step}`]);
		const squashed = await bdJson(['mol', 'squash', root]);
		expect(squashed.root).toBe('removed');
		expect(readFileSync(path.join(dir, '.beads', 'wisps.jsonl'), 'utf8')).not.toContain(root);
		expect(readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8')).toContain(squashed.digest.id);

		const poured = await bdJson(['mol', 'pour', 'polecat-work', '--var', 'issue=mp-abc']);
		const burnRoot = poured.new_epic_id;
		expect(await bdOk(['mol', 'burn', burnRoot])).toBe(`Burned ${burnRoot}: 6 beads removed\n`);
		expect(readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8')).not.toContain(burnRoot);
		expect((await bd(['mol', 'show', burnRoot])).code).toBe(3);
	});
});

describe('formulas in a town', () => {
	let town: TestTown;
	beforeAll(async () => {
		town = await makeTown();
	});

	it('a town formula shadows a shipped one, and gt sling <formula> --dry-run cooks without pouring', async () => {
		mkdirSync(path.join(town.town, '.beads', 'formulas'), {recursive: true});
		writeFileSync(path.join(town.town, '.beads', 'formulas', 'release.formula.toml'), 'formula = "release"\ndescription = "Town release"\n[[steps]]\nid = "go"\ntitle = "Go"\n');
		const listed = JSON.parse(await runOk('bd', ['formula', 'list', '--json'], {cwd: town.rigDir, env: town.vars}));
		expect(listed.find((entry: {name: string}) => entry.name === 'release')).toMatchObject({source: 'town', description: 'Town release'});
		expect(listed.find((entry: {name: string}) => entry.name === 'tdd-cycle')).toMatchObject({source: 'shipped'});
		const dry = await runCli('gt', ['sling', 'polecat-work', 'calc', '--var', 'issue=ca-1', '--dry-run'], {cwd: town.town, env: town.vars});
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('Would pour polecat-work');
		const missing = await runInProcess('gt', ['sling', 'polecat-work', 'calc', '--dry-run'], {cwd: town.town, env: town.vars});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('formula polecat-work needs --var issue=…');
		const molecules = JSON.parse(await runOk('bd', ['mol', 'list', '--json'], {cwd: town.rigDir, env: town.vars}));
		expect(molecules).toEqual([]);
	});
});
