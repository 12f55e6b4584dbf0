// Cooking: a formula with its `extends` chain merged, its variables checked and
// filled in, and `{{var}}` placeholders substituted in the text of every step.
import type {Environment} from '../base/environment.js';
import {failure, usageError} from '../base/errors.js';
import {loadFormula} from './discover.js';
import {flattenSteps, validateSteps, type Formula, type FormulaStep, type FormulaVar} from './parse.js';

export type CookedFormula = {
	formula: string;
	description?: string;
	version: number;
	type: string;
	extends: string[];
	steps: FormulaStep[];
	/** The file of the formula asked for. */
	source: string;
	/** Every declared variable with its value (given, or the default). */
	vars: Record<string, string>;
	[key: string]: unknown;
};

const placeholder = /\{\{([a-zA-Z_][a-zA-Z0-9_]*)\}\}/g;
// Handlebars words, never variables.
const reserved = new Set(['else', 'this', 'root', 'index', 'key', 'first', 'last']);
/** Step text that gets substituted (labels and assignee never do). */
const textKeys = ['title', 'description', 'notes', 'design', 'acceptance_criteria'] as const;

/** Loads a formula and merges what it extends: parent first, the child overriding vars by name and steps by id. */
export function resolveFormula(env: Environment, nameOrPath: string, chain: string[] = []): Formula {
	const {formula} = loadFormula(env, nameOrPath);
	if (chain.includes(formula.formula)) throw failure(`formula "${formula.formula}" extends itself: ${[...chain, formula.formula].join(' → ')}`);
	if (formula.extends.length === 0) return formula;
	let vars: Record<string, FormulaVar> = {};
	let steps: FormulaStep[] = [];
	let inherited: Record<string, unknown> = {};
	for (const parentName of formula.extends) {
		const parent = resolveFormula(env, parentName, [...chain, formula.formula]);
		const {vars: parentVars, steps: parentSteps, file: _file, formula: _name, extends: _extends, ...rest} = parent;
		inherited = {...inherited, ...rest};
		vars = {...vars, ...parentVars};
		steps = mergeSteps(steps, parentSteps);
	}
	const merged: Formula = {...inherited, ...formula, vars: {...vars, ...formula.vars}, steps: mergeSteps(steps, formula.steps)};
	validateSteps(merged.steps, formula.file);
	return merged;
}

/** A later step with an earlier step's id takes its place; new ones go at the end. */
function mergeSteps(base: readonly FormulaStep[], overrides: readonly FormulaStep[]): FormulaStep[] {
	const result = [...base];
	const indexOf = new Map(result.map((step, index) => [step.id, index]));
	for (const step of overrides) {
		const index = indexOf.get(step.id);
		if (index === undefined) {
			indexOf.set(step.id, result.length);
			result.push(step);
		} else result[index] = step;
	}
	return result;
}

/** Variables named in `{{…}}` anywhere in the formula's text. */
export function referencedVars(formula: Formula): Set<string> {
	const names = new Set<string>();
	const scan = (text: unknown) => {
		if (typeof text !== 'string' || !text.includes('{{')) return;
		for (const match of text.matchAll(placeholder)) if (!reserved.has(match[1]!)) names.add(match[1]!);
	};
	scan(formula.description);
	for (const {step} of flattenSteps(formula.steps)) for (const key of textKeys) scan(step[key]);
	return names;
}

/**
 * Which declared variables must be given: `required = true`, or referenced in the
 * text with no default (Beads' rule). Undeclared placeholders are left as they are.
 */
export function requiredVars(formula: Formula): string[] {
	const referenced = referencedVars(formula);
	return Object.entries(formula.vars)
		.filter(([name, spec]) => spec.required === true || (spec.default === undefined && referenced.has(name)))
		.map(([name]) => name);
}

export function substitute(text: string, values: ReadonlyMap<string, string>): string {
	if (!text.includes('{{')) return text;
	return text.replace(placeholder, (whole, name: string) => values.get(name) ?? whole);
}

/** Checks the given vars against the formula and returns every declared var's value. */
export function bindVars(formula: Formula, given: Readonly<Record<string, string>>): Record<string, string> {
	const declared = Object.keys(formula.vars);
	const unknown = Object.keys(given).filter(name => !(name in formula.vars));
	if (unknown.length > 0) {
		throw usageError(`formula ${formula.formula} has no variable${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, declared.length > 0 ? `it takes: ${declared.join(', ')}` : 'it takes no variables');
	}
	const missing = requiredVars(formula).filter(name => given[name] === undefined);
	if (missing.length > 0) {
		throw usageError(`formula ${formula.formula} needs ${missing.map(name => `--var ${name}=…`).join(' ')}`, `missing: ${missing.join(', ')}`);
	}
	const values: Record<string, string> = {};
	for (const [name, spec] of Object.entries(formula.vars)) {
		const value = given[name] ?? spec.default;
		if (value !== undefined) values[name] = value;
	}
	return values;
}

function cookStep(step: FormulaStep, values: ReadonlyMap<string, string>): FormulaStep {
	const cooked: FormulaStep = {...step, children: step.children.map(child => cookStep(child, values))};
	for (const key of textKeys) {
		const text = step[key];
		if (typeof text === 'string') cooked[key] = substitute(text, values);
	}
	return cooked;
}

export function cookFormula(formula: Formula, given: Readonly<Record<string, string>>): CookedFormula {
	const vars = bindVars(formula, given);
	const values = new Map(Object.entries(vars));
	const {file, vars: _vars, steps, ...rest} = formula;
	return {
		...rest,
		...(formula.description !== undefined ? {description: substitute(formula.description, values)} : {}),
		source: file,
		vars,
		steps: steps.map(step => cookStep(step, values)),
	};
}

/** Resolve and cook in one go: what `bd cook`, `bd mol pour` and `gt sling` use. */
export function cook(env: Environment, nameOrPath: string, given: Readonly<Record<string, string>>): CookedFormula {
	return cookFormula(resolveFormula(env, nameOrPath), given);
}

export function countSteps(steps: readonly FormulaStep[]): number {
	return flattenSteps(steps).length;
}
