import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {validateDeclared, validateGraph} from '../../../source/core/formulas/graph.js';
import {parseFormulaText, parseVarAssignments, readFormulaFile} from '../../../source/core/formulas/parse.js';
import {tempDir} from '../../helpers/cli.js';

const parse = (text: string) => parseFormulaText(text, 'x.formula.toml');
const error = (text: string) => {
	try {
		const formula = parse(text);
		validateDeclared(formula);
		validateGraph(formula.steps, formula.file);
	} catch (thrown) {
		return (thrown as Error).message;
	}
	throw new Error('expected an error');
};

describe('parsing formulas', () => {
	it('reads every field, nested steps, depends_on beside needs, and keeps unknown keys', () => {
		const formula = parse(`
formula = "ship"
description = "Ship {{thing}}"
version = 2
agent = "claude"

[vars]
mode = "fast"

[vars.thing]
description = "What to ship"
required = true
enum = ["a", "b"]

[[steps]]
id = "build"
title = "Build {{thing}}"
type = "chore"
priority = 1
labels = ["ci"]
acceptance = "green"

[[steps.children]]
id = "compile"
title = "Compile"

[[steps]]
id = "ship"
title = "Ship it"
depends_on = ["build"]
`);
		expect(formula).toMatchObject({formula: 'ship', version: 2, type: 'workflow', agent: 'claude', extends: []});
		expect(formula.vars).toEqual({mode: {default: 'fast'}, thing: {description: 'What to ship', required: true, enum: ['a', 'b']}});
		expect(formula.steps[0]).toMatchObject({id: 'build', type: 'chore', priority: 1, labels: ['ci'], acceptance: 'green', needs: [], children: [{id: 'compile', title: 'Compile', needs: []}]});
		expect(formula.steps[1]).toMatchObject({needs: [], depends_on: ['build']});
	});

	it('names file, line and column for bad TOML', () => {
		const dir = tempDir('formula');
		const file = path.join(dir, 'bad.formula.toml');
		writeFileSync(file, 'formula = "bad"\n\n[[steps]]\nid = "a\ntitle = "A"\n');
		expect(() => readFormulaFile(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: `));
	});

	it('names the step and the missing dependency', () => {
		expect(error('formula = "f"\n[[steps]]\nid = "a"\ntitle = "A"\nneeds = ["ghost"]\n')).toBe('x.formula.toml: step "a" needs "ghost", which is not a step');
	});

	it('refuses cycles, naming the loop, including a parent that needs its own child', () => {
		const text = ['a', 'b', 'c'].map((id, index, all) => `[[steps]]\nid = "${id}"\ntitle = "${id}"\nneeds = ["${all[(index + 1) % 3]}"]\n`).join('');
		expect(error(`formula = "f"\n${text}`)).toMatch(/steps form a cycle in needs: (a → b → c → a|b → c → a → b|c → a → b → c)/);
		expect(error('formula = "f"\n[[steps]]\nid = "p"\ntitle = "P"\nneeds = ["k"]\n[[steps.children]]\nid = "k"\ntitle = "K"\n')).toMatch(/cycle in needs: /);
		expect(error('formula = "f"\n[[steps]]\nid = "a"\ntitle = "A"\nneeds = ["a"]\n')).toContain('step "a" needs itself');
	});

	it('refuses duplicate ids at any depth and a missing name; required with a default is left to cook and pour', () => {
		expect(error('formula = "f"\n[[steps]]\nid = "a"\ntitle = "A"\n[[steps.children]]\nid = "a"\ntitle = "again"\n')).toContain('two steps have the id "a"');
		expect(error('description = "no name"\n')).toContain('no formula name');
		expect(parse('formula = "f"\n[vars.v]\nrequired = true\ndefault = "x"\n').vars.v).toEqual({required: true, default: 'x'});
	});

	// Big enough that a quadratic check would run into the test's timeout.
	it('checks a 3,000-step chain with fan-in', {timeout: 10_000}, () => {
		const lines = ['formula = "big"'];
		for (let index = 0; index < 3000; index++) {
			const needs = index === 0 ? [] : [`s${index - 1}`, ...(index % 10 === 0 && index >= 20 ? [`s${index - 20}`] : [])];
			lines.push(`[[steps]]\nid = "s${index}"\ntitle = "Step ${index}"\nneeds = ${JSON.stringify(needs)}`);
		}
		expect(parse(lines.join('\n')).steps).toHaveLength(3000);
	});

	it('parses --var assignments, keeping = and commas in values', () => {
		expect(parseVarAssignments(['a=1', 'b=x=y,z'])).toEqual({a: '1', b: 'x=y,z'});
		expect(() => parseVarAssignments(['nope'])).toThrow('--var "nope" is not key=value');
	});
});
