// Cooking, Beads' pipeline: resolve `extends`, then loops, branches and compose
// gates, the formula's own advice, inline expansions, compose expand and map, the
// aspects' advice, and (with values: runtime mode and every pour) step conditions
// and a standalone expansion's template. Compile mode (`bd cook x`) stops there and
// keeps every `{{placeholder}}`; runtime mode (`--mode=runtime`, any `--var`, and
// pour) binds the vars, checks them and substitutes them.
import type {Environment} from '../base/environment.js';
import {failure, GtError, isGtError, notFound, usageError} from '../base/errors.js';
import {applyAdvice} from './advice.js';
import {evaluateStepCondition} from './conditions.js';
import {applyControlFlow} from './control-flow.js';
import {applyComposeExpansions, applyInlineExpansions, materializeExpansion, type LoadFormula} from './expand.js';
import {dependenciesOf, validateGraph} from './graph.js';
import {flattenSteps, type Formula, type FormulaStep} from './parse.js';
import {FormulaLoader} from './resolve.js';

export type CookMode = 'compile' | 'runtime';

export type Cooked = {
	/** The resolved, transformed formula: its steps are the final graph. */
	formula: Formula;
	mode: CookMode;
	/** Runtime: every given var and every default (empty in compile mode). */
	values: Record<string, string>;
	/** Things a user should hear about (a vapor formula poured as a durable molecule…). */
	warnings: string[];
};

const placeholder = /\{\{([a-zA-Z_][a-zA-Z0-9_]*)\}\}/g;
// Handlebars words, never variables.
const reserved = new Set(['else', 'this', 'root', 'index', 'key', 'first', 'last']);
/** Step text that gets substituted (labels and assignee never do, as in Beads). */
const textKeys = ['title', 'description', 'notes', 'design', 'acceptance_criteria', 'acceptance'] as const;
const gateKeys = ['type', 'id', 'await_id', 'timeout'] as const;

function scanText(text: unknown, names: Set<string>): void {
	if (typeof text !== 'string' || !text.includes('{{')) return;
	for (const match of text.matchAll(placeholder)) if (!reserved.has(match[1]!)) names.add(match[1]!);
}

/** Variables named in `{{…}}` in the text a pour substitutes. */
export function referencedVars(description: string | undefined, steps: readonly FormulaStep[]): Set<string> {
	const names = new Set<string>();
	scanText(description, names);
	for (const {step} of flattenSteps(steps)) {
		for (const key of textKeys) scanText(step[key], names);
		if (step.gate) for (const key of gateKeys) scanText(step.gate[key], names);
	}
	return names;
}

/**
 * Which declared variables must be given: `required = true`, or referenced in the
 * text with no default (Beads' rule). Undeclared placeholders are left as they are.
 */
export function requiredVars(formula: Formula, steps: readonly FormulaStep[] = formula.steps): string[] {
	const referenced = referencedVars(formula.description, steps);
	return Object.entries(formula.vars)
		.filter(([name, spec]) => spec.default === undefined && (spec.required === true || referenced.has(name)))
		.map(([name]) => name);
}

export function substitute(text: string, values: Readonly<Record<string, string>>): string {
	if (!text.includes('{{')) return text;
	return text.replace(placeholder, (whole, name: string) => values[name] ?? whole);
}

/**
 * Given vars plus defaults. Vars the formula does not declare are kept for
 * substitution and otherwise ignored, as in Beads (callers pass a common set).
 * Beyond Beads: `enum` and `pattern` are enforced, on given values and defaults.
 */
export function bindVars(formula: Formula, given: Readonly<Record<string, string>>): Record<string, string> {
	const values: Record<string, string> = {...given};
	for (const [name, spec] of Object.entries(formula.vars)) {
		if (spec.required === true && spec.default !== undefined) throw failure(`formula ${formula.formula}: vars.${name} is required and also has a default`, `drop one of them in ${formula.file}`);
		if (values[name] === undefined && spec.default !== undefined) values[name] = spec.default;
		const value = values[name];
		if (value === undefined || value === '') continue;
		if (spec.enum?.length && !spec.enum.includes(value)) {
			throw usageError(`formula ${formula.formula}: --var ${name}=${value} is not one of ${spec.enum.join(', ')}`, `e.g. --var ${name}=${spec.enum[0]}`);
		}
		if (spec.pattern && !new RegExp(spec.pattern, 'u').test(value)) {
			throw usageError(`formula ${formula.formula}: --var ${name}=${value} does not match the pattern ${spec.pattern}`, spec.description ? `${name}: ${spec.description}` : 'give a value that matches');
		}
	}
	return values;
}

function substituteSteps(steps: readonly FormulaStep[], values: Readonly<Record<string, string>>): FormulaStep[] {
	return steps.map(step => {
		const cooked: FormulaStep = {...step, children: substituteSteps(step.children, values)};
		for (const key of textKeys) {
			const text = step[key];
			if (typeof text === 'string') cooked[key] = substitute(text, values);
		}
		if (step.gate) {
			const gate = {...step.gate};
			for (const key of gateKeys) if (typeof gate[key] === 'string') gate[key] = substitute(gate[key], values);
			cooked.gate = gate;
		}
		return cooked;
	});
}

function filterByCondition(steps: readonly FormulaStep[], values: Readonly<Record<string, string>>): FormulaStep[] {
	const result: FormulaStep[] = [];
	for (const step of steps) {
		let keep: boolean;
		try {
			keep = evaluateStepCondition(step.condition, values);
		} catch (error) {
			throw failure(`step "${step.id}": ${(error as Error).message}`, 'fix the step\'s condition');
		}
		if (keep) result.push({...step, children: filterByCondition(step.children, values)});
	}
	return result;
}

/**
 * Needs on a step a condition dropped pass through it to what it needed, so
 * a → b → c without b still runs c after a. (Beads drops the edge: c would be ready
 * at once.)
 */
function bypassDropped(before: readonly FormulaStep[], after: FormulaStep[]): void {
	const kept = new Set(flattenSteps(after).map(({step}) => step.id));
	const needsOf = new Map(flattenSteps(before).map(({step}) => [step.id, dependenciesOf(step)]));
	const through = (id: string, seen: Set<string>): string[] => {
		if (kept.has(id)) return [id];
		if (seen.has(id)) return [];
		seen.add(id);
		return (needsOf.get(id) ?? []).flatMap(need => through(need, seen));
	};
	const visit = (list: FormulaStep[]) => {
		for (const step of list) {
			if (step.needs.some(need => !kept.has(need))) step.needs = [...new Set(step.needs.flatMap(need => through(need, new Set())))];
			if (step.depends_on.some(need => !kept.has(need))) step.depends_on = [...new Set(step.depends_on.flatMap(need => through(need, new Set())))];
			visit(step.children);
		}
	};
	visit(after);
}

export type CookOptions = {mode?: CookMode; vars?: Readonly<Record<string, string>>; loader?: FormulaLoader; showOnly?: boolean};

/** Resolves and cooks; runtime mode when asked or when any var is given. */
export function cookFormula(env: Environment, nameOrPath: string, options: CookOptions = {}): Cooked {
	const loader = options.loader ?? new FormulaLoader(env);
	return cookResolved(loader.resolve(nameOrPath), {mode: options.mode, vars: options.vars, showOnly: options.showOnly, load: name => loader.load(name)});
}

const noFormulas: LoadFormula = name => {
	throw notFound(`no formula "${name}"`, '`bd formula list` shows the ones found here');
};

/** `showOnly`: for bd formula show, which shows what cook and pour would refuse. */
export type CookResolvedOptions = {mode?: CookMode; vars?: Readonly<Record<string, string>>; load?: LoadFormula; showOnly?: boolean};

/** The pipeline over a resolved formula; `load` finds the expansions and aspects it names. */
export function cookResolved(resolved: Formula, options: CookResolvedOptions = {}): Cooked {
	try {
		return cookSteps(resolved, options);
	} catch (error) {
		// Errors from a stage (loops, expansions, advice) name the formula they are about.
		if (isGtError(error) && !error.message.startsWith('formula ') && !error.message.startsWith(resolved.file) && !error.message.includes('.formula.')) {
			throw new GtError(error.kind, `formula ${resolved.formula}: ${error.message}`, error.hint);
		}
		throw error;
	}
}

function cookSteps(resolved: Formula, options: CookResolvedOptions): Cooked {
	const given = options.vars ?? {};
	const mode: CookMode = options.mode ?? (Object.keys(given).length > 0 ? 'runtime' : 'compile');
	const runtime = mode === 'runtime';
	// As Beads: a var both required and defaulted is listed and shown, and refused by every cook and pour.
	if (!options.showOnly) {
		const both = Object.entries(resolved.vars).find(([, spec]) => spec.required === true && spec.default !== undefined);
		if (both) throw failure(`formula ${resolved.formula}: vars.${both[0]} is required and also has a default`, `drop one of them in ${resolved.file}`);
	}
	const values = runtime ? bindVars(resolved, given) : {};
	const load = options.load ?? noFormulas;
	const defaults = Object.fromEntries(Object.entries(resolved.vars).flatMap(([name, spec]) => (spec.default === undefined ? [] : [[name, spec.default]])));
	let steps = applyControlFlow(resolved.steps, resolved.compose, runtime ? {values, strict: true} : {values: defaults, strict: false});
	if (resolved.advice?.length) steps = applyAdvice(steps, resolved.advice, resolved.pointcuts);
	steps = applyInlineExpansions(steps, load);
	steps = applyComposeExpansions(steps, resolved.compose, load);
	for (const name of resolved.compose?.aspects ?? []) {
		const aspect = load(name);
		if (aspect.type !== 'aspect') throw failure(`formula ${resolved.formula}: "${name}" in compose.aspects is a ${aspect.type} formula, not an aspect`, 'list formulas of type = "aspect" there');
		if (aspect.advice?.length) steps = applyAdvice(steps, aspect.advice, aspect.pointcuts);
	}
	const warnings: string[] = [];
	if (runtime) {
		const unfiltered = steps;
		steps = filterByCondition(steps, values);
		if (countSteps(steps) !== countSteps(unfiltered)) bypassDropped(unfiltered, steps);
		steps = materializeExpansion({...resolved, steps}, values);
		const missing = requiredVars(resolved, steps).filter(name => values[name] === undefined);
		if (missing.length > 0) {
			throw usageError(`formula ${resolved.formula} needs ${missing.map(name => `--var ${name}=…`).join(' ')}`, `missing: ${missing.join(', ')}`);
		}
		steps = substituteSteps(steps, values);
	}
	validateGraph(steps, resolved.file);
	const formula: Formula = {...resolved, steps};
	if (runtime && formula.description !== undefined) formula.description = substitute(formula.description, values);
	return {formula, mode, values, warnings};
}

/** Runtime cooking: what `bd mol pour`, `bd mol wisp` and `gt sling` use. */
export function cook(env: Environment, nameOrPath: string, given: Readonly<Record<string, string>>, loader?: FormulaLoader): Cooked {
	return cookFormula(env, nameOrPath, {mode: 'runtime', vars: given, loader});
}

export function countSteps(steps: readonly FormulaStep[]): number {
	return flattenSteps(steps).length;
}
