import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Environment} from '../../../source/core/base/environment.js';
import {cook} from '../../../source/core/formulas/cook.js';
import {findFormula, formulaDirs, listFormulas, shippedFormulasDir} from '../../../source/core/formulas/discover.js';
import {tempDir} from '../../helpers/cli.js';

function setup(files: Record<string, string>): Environment {
	const dir = tempDir('cook');
	const formulas = path.join(dir, '.beads', 'formulas');
	mkdirSync(formulas, {recursive: true});
	writeFileSync(path.join(dir, '.beads', 'config.toml'), 'prefix = "mp"\n');
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(formulas, `${name}.formula.toml`), text);
	const home = tempDir('home');
	return {cwd: dir, home, vars: {}, now: () => new Date()};
}

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

describe('cooking', () => {
	it('substitutes vars in nested steps, applies defaults, and leaves undeclared placeholders and labels alone', () => {
		const env = setup({rel: release});
		const cooked = cook(env, 'rel', {version: '1.2'});
		expect(cooked).toMatchObject({formula: 'rel', description: 'Release 1.2', vars: {version: '1.2', branch: 'main'}});
		expect(cooked.steps[0]!.title).toBe('Tag 1.2 on main ({{unknown}})');
		expect(cooked.steps[0]!.children[0]).toMatchObject({title: 'Push 1.2', labels: ['{{version}}']});
		expect(cook(env, 'rel', {version: '2', branch: 'dev'}).steps[0]!.title).toBe('Tag 2 on dev ({{unknown}})');
	});

	it('enforces required vars in one line and refuses unknown ones', () => {
		const env = setup({rel: release});
		expect(() => cook(env, 'rel', {})).toThrow('formula rel needs --var version=…');
		expect(() => cook(env, 'rel', {version: '1', colour: 'red'})).toThrow('formula rel has no variable colour');
	});

	it('merges extends: parent steps first, child replaces by id, vars overridden by name', () => {
		const env = setup({
			base: 'formula = "base"\ndescription = "Base"\n[vars.who]\ndefault = "a"\n[[steps]]\nid = "one"\ntitle = "One {{who}}"\n[[steps]]\nid = "two"\ntitle = "Two"\nneeds = ["one"]\n',
			child: 'formula = "child"\nextends = ["base"]\n[vars.who]\ndefault = "b"\n[[steps]]\nid = "two"\ntitle = "Two, better"\nneeds = ["one"]\n[[steps]]\nid = "three"\ntitle = "Three"\nneeds = ["two"]\n',
			loop: 'formula = "loop"\nextends = ["loop"]\n',
			broken: 'formula = "broken"\nextends = ["base"]\n[[steps]]\nid = "x"\ntitle = "X"\nneeds = ["nowhere"]\n',
		});
		const cooked = cook(env, 'child', {});
		expect(cooked.steps.map(step => [step.id, step.title])).toEqual([['one', 'One b'], ['two', 'Two, better'], ['three', 'Three']]);
		expect(cooked.description).toBe('Base');
		expect(() => cook(env, 'loop', {})).toThrow('formula "loop" extends itself');
		expect(() => cook(env, 'broken', {})).toThrow('step "x" needs "nowhere", which is not a step');
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
