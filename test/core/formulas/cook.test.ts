import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Environment} from '../../../source/core/base/environment.js';
import {cook, cookFormula} from '../../../source/core/formulas/cook.js';
import {findFormula, formulaDirs, listFormulas, shippedFormulasDir} from '../../../source/core/formulas/discover.js';
import {formulaJson} from '../../../source/core/formulas/json.js';
import {flattenSteps, type FormulaStep} from '../../../source/core/formulas/parse.js';
import {tempDir} from '../../helpers/cli.js';

/** Files by name: `x` is written as x.formula.toml, `x.json` as x.formula.json. */
export function setup(files: Record<string, string>): Environment {
	const dir = tempDir('cook');
	const formulas = path.join(dir, '.beads', 'formulas');
	mkdirSync(formulas, {recursive: true});
	writeFileSync(path.join(dir, '.beads', 'config.toml'), 'prefix = "mp"\n');
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(formulas, name.endsWith('.json') ? `${name.slice(0, -5)}.formula.json` : `${name}.formula.toml`), text);
	const home = tempDir('home');
	return {cwd: dir, home, vars: {}, now: () => new Date()};
}

/** Every step as `id <- needs` (needs sorted), depth first. */
const shape = (steps: readonly FormulaStep[]) => flattenSteps(steps).map(({step}) => `${step.id}${step.needs.length > 0 ? ` <- ${[...step.needs].sort().join(',')}` : ''}`);

const release = `
formula = "rel"
description = "Release {{version}}"
[vars.version]
required = true
[vars.branch]
default = "main"
[vars.note]
description = "optional, unreferenced"
[[steps]]
id = "tag"
title = "Tag {{version}} on {{branch}} ({{unknown}})"
[[steps.children]]
id = "push"
title = "Push {{version}}"
labels = ["{{version}}"]
`;

const chain = (ids: string[], extra = '') => ids.map((id, index) => `[[steps]]\nid = "${id}"\ntitle = "${id} {{feature}}"\n${index > 0 ? `needs = ["${ids[index - 1]}"]\n` : ''}${extra}`).join('\n');
const base = `formula = "base"\n[vars.feature]\nrequired = true\n${chain(['design', 'implement', 'review', 'submit'])}`;
const polish = 'formula = "polish"\ntype = "expansion"\n[vars.rounds]\ndefault = "two"\n[[template]]\nid = "{target}.draft"\ntitle = "Draft {target.title}"\n[[template]]\nid = "{target}.refine"\ntitle = "Refine ({rounds})"\nneeds = ["{target}.draft"]\n';

describe('cooking', () => {
	it('runtime: substitutes vars in nested steps, applies defaults, and leaves undeclared placeholders and labels alone', () => {
		const env = setup({rel: release});
		const cooked = cook(env, 'rel', {version: '1.2'});
		expect(cooked).toMatchObject({mode: 'runtime', values: {version: '1.2', branch: 'main'}});
		expect(cooked.formula.description).toBe('Release 1.2');
		expect(cooked.formula.steps[0]!.title).toBe('Tag 1.2 on main ({{unknown}})');
		expect(cooked.formula.steps[0]!.children[0]).toMatchObject({title: 'Push 1.2', labels: ['{{version}}']});
		expect(cook(env, 'rel', {version: '2', branch: 'dev'}).formula.steps[0]!.title).toBe('Tag 2 on dev ({{unknown}})');
	});

	it('compile mode keeps {{placeholders}} and needs no values; its JSON has vars as definitions', () => {
		const env = setup({rel: release});
		const cooked = cookFormula(env, 'rel');
		expect(cooked.mode).toBe('compile');
		expect(cooked.formula.steps[0]!.title).toBe('Tag {{version}} on {{branch}} ({{unknown}})');
		const json = formulaJson(cooked.formula);
		expect(Object.keys(json)).toEqual(['formula', 'description', 'version', 'type', 'vars', 'steps', 'source']);
		expect(json.vars).toEqual({version: {required: true}, branch: {default: 'main'}, note: {description: 'optional, unreferenced'}});
		expect((json.steps as Array<Record<string, unknown>>)[0]).toEqual({id: 'tag', title: 'Tag {{version}} on {{branch}} ({{unknown}})', children: [{id: 'push', title: 'Push {{version}}', labels: ['{{version}}']}]});
		// Any --var switches to runtime mode, as in Beads.
		expect(cookFormula(env, 'rel', {vars: {version: '3'}}).mode).toBe('runtime');
	});

	it('runtime refuses a missing required var in one line; vars it does not declare are ignored', () => {
		const env = setup({rel: release});
		expect(() => cook(env, 'rel', {})).toThrow('formula rel needs --var version=…');
		expect(cook(env, 'rel', {version: '1', colour: 'red'}).values.colour).toBe('red');
	});

	it('a var both required and defaulted shows, and is refused only at cook and pour time', () => {
		const env = setup({both: 'formula = "both"\n[vars.v]\nrequired = true\ndefault = "x"\n[[steps]]\nid = "a"\ntitle = "A {{v}}"\n'});
		expect(cookFormula(env, 'both', {showOnly: true}).formula.vars.v).toEqual({required: true, default: 'x'});
		expect(() => cook(env, 'both', {})).toThrow('formula both: vars.v is required and also has a default');
		expect(() => cookFormula(env, 'both')).toThrow('formula both: vars.v is required and also has a default');
	});

	it('enforces enum and pattern on given values and defaults (Beads only lists them)', () => {
		const env = setup({checked: 'formula = "checked"\n[vars.env]\nenum = ["dev", "prod"]\ndefault = "dev"\n[vars.version]\npattern = "^\\\\d+\\\\.\\\\d+$"\ndefault = "1.0"\n[[steps]]\nid = "a"\ntitle = "Deploy {{version}} to {{env}}"\n'});
		expect(cook(env, 'checked', {env: 'prod'}).formula.steps[0]!.title).toBe('Deploy 1.0 to prod');
		expect(() => cook(env, 'checked', {env: 'staging'})).toThrow('formula checked: --var env=staging is not one of dev, prod');
		expect(() => cook(env, 'checked', {version: 'v2'})).toThrow('--var version=v2 does not match the pattern ^\\d+\\.\\d+$');
	});

	it('merges extends: parent steps first, child replaces by id, vars overridden by name, cycles named', () => {
		const env = setup({
			base: 'formula = "base"\ndescription = "Base"\n[vars.who]\ndefault = "a"\n[[steps]]\nid = "one"\ntitle = "One {{who}}"\n[[steps]]\nid = "two"\ntitle = "Two"\nneeds = ["one"]\n',
			child: 'formula = "child"\nextends = ["base"]\n[vars.who]\ndefault = "b"\n[[steps]]\nid = "two"\ntitle = "Two, better"\nneeds = ["one"]\n[[steps]]\nid = "three"\ntitle = "Three"\nneeds = ["two"]\n',
			loop: 'formula = "loop"\nextends = ["loop"]\n',
			broken: 'formula = "broken"\nextends = ["base"]\n[[steps]]\nid = "x"\ntitle = "X"\nneeds = ["nowhere"]\n',
			orphan: 'formula = "orphan"\nextends = ["nobody"]\n',
		});
		const cooked = cook(env, 'child', {});
		expect(cooked.formula.steps.map(step => [step.id, step.title])).toEqual([['one', 'One b'], ['two', 'Two, better'], ['three', 'Three']]);
		expect(cooked.formula.description).toBe('Base');
		expect(() => cook(env, 'loop', {})).toThrow('formula "loop" extends itself');
		expect(() => cook(env, 'broken', {})).toThrow('step "x" needs "nowhere", which is not a step');
		expect(() => cook(env, 'orphan', {})).toThrow('formula "orphan" extends "nobody", which is not found');
	});

	it('reads .formula.json as Beads does, and a .formula.toml of the same name comes first', () => {
		const env = setup({
			'jsonly.json': JSON.stringify({formula: 'jsonly', steps: [{id: 'a', title: 'A'}, {id: 'b', title: 'B', needs: ['a']}]}),
			'both.json': JSON.stringify({formula: 'both', steps: [{id: 'j', title: 'From JSON'}]}),
			both: 'formula = "both"\n[[steps]]\nid = "t"\ntitle = "From TOML"\n',
		});
		expect(shape(cookFormula(env, 'jsonly').formula.steps)).toEqual(['a', 'b <- a']);
		expect(cookFormula(env, 'both').formula.steps[0]!.title).toBe('From TOML');
		expect(listFormulas(env).find(entry => entry.name === 'both')!.file).toMatch(/both\.formula\.toml$/);
		const onlyJson = setup({'solo.json': JSON.stringify({formula: 'solo', steps: [{id: 'x', title: 'X'}]})});
		expect(findFormula(onlyJson, 'solo')!.file).toMatch(/solo\.formula\.json$/);
		expect(() => cookFormula(setup({'bad.json': '{"formula": '}), 'bad')).toThrow(/bad\.formula\.json: /);
	});

	it('compose.expand replaces the target by the template: first steps take its needs, dependents need the last', () => {
		const env = setup({base, polish, fancy: 'formula = "fancy"\nextends = ["base"]\n[[compose.expand]]\ntarget = "implement"\nwith = "polish"\nvars = { rounds = "three" }\n'});
		const steps = cook(env, 'fancy', {feature: 'auth'}).formula.steps;
		expect(shape(steps)).toEqual(['design', 'implement.draft <- design', 'implement.refine <- implement.draft', 'review <- implement.refine', 'submit <- review']);
		expect(steps[1]!.title).toBe('Draft implement auth');
		expect(steps[2]!.title).toBe('Refine (three)');
	});

	it('compose.map expands every step a glob selects; a non-expansion is refused by name', () => {
		const env = setup({
			base, polish,
			mapped: 'formula = "mapped"\nextends = ["base"]\n[[compose.map]]\nselect = "*e*"\nwith = "polish"\n',
			wrong: 'formula = "wrong"\nextends = ["base"]\n[[compose.expand]]\ntarget = "design"\nwith = "base"\n',
		});
		const ids = shape(cook(env, 'mapped', {feature: 'x'}).formula.steps);
		expect(ids).toEqual(['design.draft', 'design.refine <- design.draft', 'implement.draft <- design.refine', 'implement.refine <- implement.draft', 'review.draft <- implement.refine', 'review.refine <- review.draft', 'submit <- review.refine']);
		expect(() => cook(env, 'wrong', {feature: 'x'})).toThrow('compose.expand "design": "base" is a workflow formula, not an expansion');
	});

	it('inline expand = "…" on a step, with expand_vars; steps that needed it need the template\'s last step', () => {
		const env = setup({polish, inline: 'formula = "inline"\n[[steps]]\nid = "plan"\ntitle = "Plan"\n[[steps]]\nid = "build"\nexpand = "polish"\nexpand_vars = { rounds = "one" }\nneeds = ["plan"]\n[[steps]]\nid = "ship"\ntitle = "Ship"\nneeds = ["build"]\n'});
		const steps = cookFormula(env, 'inline').formula.steps;
		expect(shape(steps)).toEqual(['plan', 'build.draft <- plan', 'build.refine <- build.draft', 'ship <- build.refine']);
		expect(steps[2]!.title).toBe('Refine (one)');
	});

	it('a standalone expansion pours its template against a synthetic main step', () => {
		const env = setup({polish});
		expect(cookFormula(env, 'polish').formula.steps).toEqual([]);
		const steps = cook(env, 'polish', {}).formula.steps;
		expect(shape(steps)).toEqual(['main.draft', 'main.refine <- main.draft']);
		expect(steps[0]!.title).toBe('Draft polish');
	});

	it('compose.aspects apply an aspect\'s advice around its targets; pointcuts narrow; the formula\'s own advice too', () => {
		const audit = 'formula = "audit"\ntype = "aspect"\n[[advice]]\ntarget = "*"\n[advice.around]\n[[advice.around.before]]\nid = "{step.id}-pre"\ntitle = "Scan before {step.title}"\n[[advice.around.after]]\nid = "{step.id}-post"\n[[pointcuts]]\nglob = "implement"\n[[pointcuts]]\nglob = "sub*"\n';
		const env = setup({
			base, audit,
			secure: 'formula = "secure"\nextends = ["base"]\n[compose]\naspects = ["audit"]\n',
			own: `formula = "own"\n${chain(['a', 'b'])}\n[[advice]]\ntarget = "b"\nbefore = { id = "b-first", title = "First" }\nafter = { id = "b-then", title = "Then" }\n`,
			notaspect: 'formula = "notaspect"\nextends = ["base"]\n[compose]\naspects = ["base"]\n',
		});
		const steps = cook(env, 'secure', {feature: 'x'}).formula.steps;
		expect(shape(steps)).toEqual(['design', 'implement-pre', 'implement <- design,implement-pre', 'implement-post <- implement', 'review <- implement', 'submit-pre', 'submit <- review,submit-pre', 'submit-post <- submit']);
		expect(steps[1]!.title).toBe('Scan before implement {{feature}}'.replace('{{feature}}', 'x'));
		expect(steps[3]!.title).toBe('implement-post');
		expect(shape(cookFormula(env, 'own').formula.steps)).toEqual(['a', 'b-first', 'b <- a,b-first', 'b-then <- b']);
		expect(() => cook(env, 'notaspect', {feature: 'x'})).toThrow('"base" in compose.aspects is a workflow formula, not an aspect');
	});

	it('loops: count unrolls chained iterations and keeps the loop\'s needs and dependents; range takes {var}; until is labelled', () => {
		const env = setup({looped: `formula = "looped"
[vars.n]
default = "2"
[[steps]]
id = "start"
title = "Start"
[[steps]]
id = "retry"
title = "Retry"
needs = ["start"]
[steps.loop]
count = 2
[[steps.loop.body]]
id = "try"
title = "Try"
[[steps.loop.body]]
id = "check"
title = "Check"
needs = ["try"]
[[steps]]
id = "moves"
title = "Moves"
needs = ["retry"]
[steps.loop]
range = "1..{n}^2"
var = "i"
[[steps.loop.body]]
id = "move"
title = "Move {i}"
[[steps]]
id = "poll"
title = "Poll"
[steps.loop]
until = "step.status == 'complete'"
max = 5
[[steps.loop.body]]
id = "look"
title = "Look"
[[steps]]
id = "end"
title = "End"
needs = ["moves", "poll"]
`});
		const steps = cook(env, 'looped', {}).formula.steps;
		expect(shape(steps)).toEqual([
			'start', 'retry.iter1.try <- start', 'retry.iter1.check <- retry.iter1.try', 'retry.iter2.try <- retry.iter1.check', 'retry.iter2.check <- retry.iter2.try',
			'moves.iter1.move <- retry.iter2.check', 'moves.iter2.move <- moves.iter1.move', 'moves.iter3.move <- moves.iter2.move', 'moves.iter4.move <- moves.iter3.move',
			'poll.iter1.look', 'end <- moves.iter4.move,poll.iter1.look',
		]);
		expect(steps[8]!.title).toBe('Move 4');
		expect(steps[9]!.labels).toEqual(['loop:{"until":"step.status == \'complete\'","max":5}']);
		expect(cook(env, 'looped', {n: '1'}).formula.steps.filter(step => step.id.startsWith('moves.'))).toHaveLength(1);
		// Compile mode: a range is unrolled with the defaults.
		expect(shape(cookFormula(env, 'looped').formula.steps)).toContain('moves.iter4.move <- moves.iter3.move');
		const bad = setup({bad: 'formula = "bad"\n[[steps]]\nid = "l"\ntitle = "L"\n[steps.loop]\nuntil = "done == true"\n[[steps.loop.body]]\nid = "x"\ntitle = "X"\n'});
		expect(() => cookFormula(bad, 'bad')).toThrow('loop "l" has until but no max');
	});

	it('conditions keep or drop steps at runtime ({{v}}, !{{v}}, ==, !=); needs pass through a dropped step', () => {
		const env = setup({cond: `formula = "cond"
[vars.deploy]
default = "false"
[vars.env]
default = "dev"
${chain(['build', 'deploy', 'announce'])}
[[steps]]
id = "skip-note"
title = "Note"
condition = "!{{deploy}}"
[[steps]]
id = "prod-only"
title = "Prod"
condition = "{{env}} == 'prod'"
[[steps]]
id = "not-dev"
title = "Not dev"
condition = "{{env}} != dev"
`.replace('id = "deploy"\n', 'id = "deploy"\ncondition = "{{deploy}}"\n')});
		expect(shape(cook(env, 'cond', {}).formula.steps)).toEqual(['build', 'announce <- build', 'skip-note']);
		expect(shape(cook(env, 'cond', {deploy: 'yes', env: 'prod'}).formula.steps)).toEqual(['build', 'deploy <- build', 'announce <- deploy', 'prod-only', 'not-dev']);
		// Compile mode keeps every step.
		expect(cookFormula(env, 'cond').formula.steps).toHaveLength(6);
		const bad = setup({bad: 'formula = "bad"\n[[steps]]\nid = "a"\ntitle = "A"\ncondition = "{{x}} > 3"\n'});
		expect(() => cook(bad, 'bad', {})).toThrow('step "a": condition "{{x}} > 3" is not {{var}}');
	});

	it('compose.branch forks from one step and joins at another; compose.gate labels the step it guards', () => {
		const env = setup({fork: `formula = "fork"
${['setup', 'lint', 'unit', 'e2e', 'merge'].map(id => `[[steps]]\nid = "${id}"\ntitle = "${id}"\n`).join('')}
[[compose.branch]]
from = "setup"
steps = ["lint", "unit", "e2e"]
join = "merge"
[[compose.gate]]
before = "merge"
condition = "unit.status == 'complete'"
`});
		const steps = cookFormula(env, 'fork').formula.steps;
		expect(shape(steps)).toEqual(['setup', 'lint <- setup', 'unit <- setup', 'e2e <- setup', 'merge <- e2e,lint,unit']);
		expect(steps[4]!.labels).toEqual(['gate:{"condition":"unit.status == \'complete\'"}']);
		const bad = setup({bad: 'formula = "bad"\n[[steps]]\nid = "a"\ntitle = "A"\n[[compose.branch]]\nfrom = "a"\nsteps = ["ghost"]\njoin = "a"\n'});
		expect(() => cookFormula(bad, 'bad')).toThrow('compose.branch: branch step "ghost" is not a step');
	});

	it('refuses duplicate ids made by composition, and waits_for values it does not know', () => {
		const env = setup({
			dup: 'formula = "dup"\n[[steps]]\nid = "a"\ntitle = "A"\n[[steps]]\nid = "b"\ntitle = "B"\n[[advice]]\ntarget = "*"\nafter = { id = "same" }\n',
			wait: 'formula = "wait"\n[[steps]]\nid = "a"\ntitle = "A"\nwaits_for = "some-children"\n',
		});
		expect(() => cookFormula(env, 'dup')).toThrow('two steps have the id "same"');
		expect(() => cookFormula(env, 'wait')).toThrow('step "a" waits_for "some-children" is not all-children, any-children or children-of(<step>)');
	});

	it('finds formulas in the ledger, then home, then shipped; a name found first shadows later ones', () => {
		const env = setup({release: 'formula = "release"\ndescription = "Mine"\n'});
		mkdirSync(path.join(env.home, '.beads', 'formulas'), {recursive: true});
		writeFileSync(path.join(env.home, '.beads', 'formulas', 'mine.formula.toml'), 'formula = "mine"\n');
		expect(formulaDirs(env).map(dir => dir.source)).toEqual(['ledger', 'home', 'shipped']);
		expect(shippedFormulasDir()).toMatch(/formulas$/);
		const listed = listFormulas(env);
		expect(listed.find(entry => entry.name === 'release')).toMatchObject({source: 'ledger'});
		expect(listed.find(entry => entry.name === 'mine')).toMatchObject({source: 'home'});
		expect(listed.find(entry => entry.name === 'polecat-work')).toMatchObject({source: 'shipped'});
		expect(findFormula(env, 'nothing')).toBeUndefined();
	});
});
