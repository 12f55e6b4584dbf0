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

const rel = `formula = "rel"
description = "Release {{version}} from {{branch}}"
[vars.version]
required = true
[vars.branch]
default = "main"
[[steps]]
id = "changelog"
title = "Write the changelog for {{version}}"
[[steps]]
id = "bump"
title = "Bump the version to {{version}}"
needs = ["changelog"]
[[steps]]
id = "tag"
title = "Tag v{{version}}"
needs = ["bump"]
[[steps]]
id = "publish"
title = "Publish {{version}}"
needs = ["tag"]
`;

describe('bd formula and bd cook', () => {
	beforeAll(() => {
		mkdirSync(path.join(dir, '.beads', 'formulas'), {recursive: true});
		writeFileSync(path.join(dir, '.beads', 'formulas', 'rel.formula.toml'), rel);
	});

	it('lists the shipped formulas under their own names and shows one with its gate', async () => {
		const listed = await bdJson(['formula', 'list']);
		const names = listed.map((entry: {name: string}) => entry.name);
		expect(names).toEqual(expect.arrayContaining(['polecat-work', 'branch-review', 'cut-release', 'red-green-refactor']));
		// Not the originals' names: the same command must not do different things in different towns.
		expect(names).not.toEqual(expect.arrayContaining(['code-review']));
		expect(names).not.toContain('tdd-cycle');
		expect(listed.find((entry: {name: string}) => entry.name === 'cut-release')).toMatchObject({source: 'shipped', type: 'workflow', steps: 5, vars: ['version', 'branch']});
		const human = await bdOk(['formula', 'show', 'cut-release']);
		expect(human).toMatch(/version\s+required/);
		expect(human).toMatch(/branch\s+= "main"/);
		expect(human).toMatch(/await-ci\s+Wait for CI on v\{\{version\}\}\s+\(needs tag; gate gh:run\)/);
		expect(human).toContain('enum and pattern are checked at cook and pour; Beads only lists them');
	});

	it('cooks in compile mode by default (placeholders kept, vars as definitions), runtime with --var or --mode=runtime', async () => {
		const compiled = await bdJson(['cook', 'rel']);
		expect(compiled).toMatchObject({formula: 'rel', version: 1, type: 'workflow', vars: {version: {required: true}, branch: {default: 'main'}}, description: 'Release {{version}} from {{branch}}'});
		expect(compiled.steps[1]).toEqual({id: 'bump', title: 'Bump the version to {{version}}', needs: ['changelog']});
		expect((await bdOk(['cook', 'rel'])).startsWith('{')).toBe(true);
		const cooked = await bdJson(['cook', 'rel', '--var', 'version=1.2.0', '--var', 'colour=red']);
		expect(cooked).toMatchObject({formula: 'rel', description: 'Release 1.2.0 from main'});
		expect(cooked.steps.map((step: {title: string}) => step.title)).toEqual(['Write the changelog for 1.2.0', 'Bump the version to 1.2.0', 'Tag v1.2.0', 'Publish 1.2.0']);
		const missing = await bdIn(['cook', 'rel', '--mode=runtime']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe('bd: formula rel needs --var version=… — missing: version\n');
		expect((await bdIn(['cook', 'rel', '--mode', 'sideways'])).stderr).toContain('--mode sideways is not compile or runtime');
		expect((await bdIn(['cook', 'no-such-formula'])).code).toBe(3);
		const dry = await bdOk(['cook', 'rel', '--dry-run', '--prefix', 'mp-']);
		expect(dry).toContain('Dry run: would cook formula rel as proto mp-rel (compile-time mode)');
		expect(dry).toContain('{{version}}: (required)');
		const elsewhere = tempDir('search-path');
		writeFileSync(path.join(elsewhere, 'far.formula.json'), JSON.stringify({formula: 'far', steps: [{id: 'x', title: 'X'}]}));
		expect((await bdJson(['cook', 'far', '--search-path', elsewhere])).steps).toEqual([{id: 'x', title: 'X'}]);
	});

	it('bd cook prints JSON with no vars for every shipped formula', async () => {
		for (const name of ['polecat-work', 'branch-review', 'cut-release', 'red-green-refactor']) {
			const json = await bdJson(['cook', name]);
			expect(json.formula).toBe(name);
			expect(JSON.stringify(json.steps)).toContain('{{');
		}
	});

	it('a ledger formula shadows a shipped one of the same name, and bad TOML names file:line:col', async () => {
		const formulas = path.join(dir, '.beads', 'formulas');
		mkdirSync(formulas, {recursive: true});
		writeFileSync(path.join(formulas, 'branch-review.formula.toml'), 'formula = "branch-review"\ndescription = "Our own review"\n[[steps]]\nid = "look"\ntitle = "Look"\n');
		writeFileSync(path.join(formulas, 'broken.formula.toml'), 'formula = "broken"\n[[steps]\n');
		const listed = await bdJson(['formula', 'list']);
		expect(listed.find((entry: {name: string}) => entry.name === 'branch-review')).toMatchObject({source: 'ledger', description: 'Our own review', steps: 1});
		expect(listed.filter((entry: {name: string}) => entry.name === 'branch-review')).toHaveLength(1);
		const human = await bdOk(['formula', 'list']);
		expect(human).toMatch(/^branch-review\s+ledger\s+workflow\s+1 step\s+Our own review$/m);
		expect(human).toMatch(/^cut-release\s+shipped\s+workflow\s+5 steps\s+Release/m);
		const broken = await bdIn(['cook', 'broken']);
		expect(broken.code).toBe(1);
		expect(broken.stderr).toContain(`${path.join(formulas, 'broken.formula.toml')}:2:`);
	});
});

describe('bd mol', () => {
	it('pour → ready shows only the first step; closing it makes the next ready; progress counts', async () => {
		const poured = await bdJson(['mol', 'pour', 'rel', '--var', 'version=2.0', '--actor', 'bob']);
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
		expect(listed.find((molecule: {id: string}) => molecule.id === root)).toMatchObject({formula: 'rel', done: 1, total: 4});
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
		const wisp = await bdJson(['mol', 'wisp', 'red-green-refactor', '--var', 'behaviour=sum']);
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

describe('molecule life cycle from the command line', () => {
	it('bd close of the last step closes the root; mol current, ready and stale follow along', async () => {
		const poured = await bdJson(['mol', 'pour', 'rel', '--var', 'version=3.0', '--assignee', 'alice']);
		const root = poured.new_epic_id;
		const [current] = await bdJson(['mol', 'current']);
		expect(current).toMatchObject({molecule_id: root, assignee: 'alice', current_step: {id: `${root}.1`}, next_step: {id: `${root}.2`}, completed: 0, total: 4});
		expect(current.steps.map((step: {status: string}) => step.status)).toEqual(['ready', 'blocked', 'blocked', 'blocked']);
		expect(await bdJson(['mol', 'current', '--for', 'bob'])).toEqual([]);
		expect((await bdJson(['mol', 'current', '--for', 'alice']))[0]).toMatchObject({molecule_id: root});
		expect(await bdJson(['mol', 'ready', root])).toMatchObject({molecule_id: root, total_steps: 4, ready_steps: 1, steps: [{id: `${root}.1`}]});
		expect(await bdJson(['mol', 'progress'])).toMatchObject({id: root, total: 4, done: 0});
		expect(await bdOk(['mol', 'current', `${root}.2`])).toContain(`current: ${root}.1`);
		await bdOk(['close', `${root}.1`, `${root}.2`, `${root}.3`]);
		expect((await bdJson(['mol', 'stale'])).stale_molecules).toEqual([]);
		const last = await bdOk(['close', `${root}.4`]);
		expect(last).toContain(`Closed ${root}.4`);
		expect(last).toContain(`Closed ${root}: rel: Release 3.0 from main (all steps closed)`);
		expect((await bdJson(['show', root]))[0]).toMatchObject({status: 'closed'});
		expect((await bdIn(['mol', 'current', 'mp-zzzz'])).code).toBe(3);
	});

	it('squash --dry-run and --keep-children; burn several at once; wisp list and gc', async () => {
		const one = (await bdJson(['mol', 'pour', 'rel', '--var', 'version=4'])).new_epic_id;
		const two = (await bdJson(['mol', 'pour', 'rel', '--var', 'version=5'])).new_epic_id;
		await bdOk(['close', `${one}.1`, `${one}.2`, `${one}.3`, `${one}.4`]);
		expect(await bdJson(['mol', 'squash', one, '--dry-run'])).toMatchObject({molecule: one, would_remove: [`${one}.1`, `${one}.2`, `${one}.3`, `${one}.4`], root: 'closed'});
		expect((await bdJson(['show', `${one}.1`]))[0].id).toBe(`${one}.1`);
		const kept = await bdJson(['mol', 'squash', one, '--keep-children']);
		expect(kept).toMatchObject({removed: [], root: 'closed'});
		expect((await bdJson(['show', `${one}.1`]))[0].status).toBe('closed');
		const refused = await bdIn(['mol', 'burn', two, 'mp-nope']);
		expect(refused.code).toBe(3);
		expect((await bdJson(['show', two]))[0].id).toBe(two);
		const burned = await bdJson(['mol', 'burn', one, two]);
		expect(burned.map((item: {molecule: string}) => item.molecule)).toEqual([one, two]);

		const wisp = (await bdJson(['mol', 'wisp', 'rel', '--var', 'version=6'])).new_epic_id;
		const listed = await bdJson(['mol', 'wisp', 'list']);
		expect(listed.wisps.map((item: {id: string}) => item.id)).toContain(wisp);
		expect(listed.wisps.find((item: {id: string}) => item.id === wisp)).toMatchObject({old: false, type: 'molecule'});
		expect(await bdJson(['mol', 'wisp', 'gc', '--age', '1s'])).toMatchObject({deleted: []});
		expect((await bdOk(['mol', 'wisp', 'gc', '--age', '0s'])).trim().split('\n').at(-1)).toBe('Nothing deleted: add -f to delete them.');
		const collected = await bdJson(['mol', 'wisp', 'gc', '--age', '0s', '-f']);
		expect(collected.deleted).toContain(wisp);
		expect(readFileSync(path.join(dir, '.beads', 'wisps.jsonl'), 'utf8')).not.toContain(wisp);
		expect((await bdIn(['mol', 'wisp', 'gc', '--age', 'soon'])).stderr).toContain('--age soon is not a duration');
	});
});

describe('formulas in a town', () => {
	let town: TestTown;
	beforeAll(async () => {
		town = await makeTown();
	});

	it('a town formula shadows a shipped one, and gt sling <formula> --dry-run cooks without pouring', async () => {
		mkdirSync(path.join(town.town, '.beads', 'formulas'), {recursive: true});
		writeFileSync(path.join(town.town, '.beads', 'formulas', 'cut-release.formula.toml'), 'formula = "cut-release"\ndescription = "Town release"\n[[steps]]\nid = "go"\ntitle = "Go"\n');
		const listed = JSON.parse(await runOk('bd', ['formula', 'list', '--json'], {cwd: town.rigDir, env: town.vars}));
		expect(listed.find((entry: {name: string}) => entry.name === 'cut-release')).toMatchObject({source: 'town', description: 'Town release'});
		expect(listed.find((entry: {name: string}) => entry.name === 'red-green-refactor')).toMatchObject({source: 'shipped'});
		const dry = await runCli('gt', ['sling', 'polecat-work', 'calc', '--var', 'issue=ca-1', '--dry-run'], {cwd: town.town, env: town.vars});
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('Would pour polecat-work');
		const missing = await runInProcess('gt', ['sling', 'polecat-work', 'calc', '--dry-run'], {cwd: town.town, env: town.vars});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('formula polecat-work needs --var issue=…');
		const molecules = JSON.parse(await runOk('bd', ['mol', 'list', '--json'], {cwd: town.rigDir, env: town.vars}));
		expect(molecules).toEqual([]);
		expect(await runOk('gt', ['formula', 'show', 'cut-release'], {cwd: town.rigDir, env: town.vars})).toContain('Town release');
		const shown = await runOk('gt', ['formula', 'list'], {cwd: town.rigDir, env: town.vars});
		expect(shown).toMatch(/^cut-release\s+town/m);
		const dryRun = await runOk('gt', ['formula', 'run', 'triple-review', '--rig', 'calc', '--var', 'target=src/', '--dry-run'], {cwd: town.town, env: town.vars});
		expect(dryRun).toContain('Would run convoy formula triple-review in calc:');
		expect(dryRun).toContain('leg security: Security');
		expect(dryRun).toContain('synthesis: Synthesis of the reviews of src/');
	});

	it('gt mol step done closes a step, names the next, and the last one closes the root', async () => {
		const poured = JSON.parse(await runOk('bd', ['mol', 'pour', 'branch-review', '--var', 'target=main', '--json'], {cwd: town.rigDir, env: town.vars}));
		const root = poured.new_epic_id;
		const first = JSON.parse(await runOk('gt', ['mol', 'step', 'done', `${root}.1`, '--json'], {cwd: town.town, env: town.vars}));
		expect(first).toMatchObject({step_id: `${root}.1`, molecule_id: root, step_closed: true, complete: false});
		expect(first.action === 'parallel' || first.action === 'continue').toBe(true);
		const human = await runOk('bd', ['mol', 'current', root], {cwd: town.rigDir, env: town.vars});
		expect(human).toContain(`✓ ${root}.1`);
		let last = '';
		for (const step of Object.values(poured.id_mapping as Record<string, string>).filter(id => id !== `${root}.1`)) last = await runOk('gt', ['mol', 'step', 'done', step], {cwd: town.town, env: town.vars});
		expect(last).toContain('Every step is closed. Finish with `gt done`.');
		expect(last).toContain(`Closed ${root}: all its steps are closed`);
	});
});
