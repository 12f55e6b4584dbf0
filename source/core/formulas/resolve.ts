// Loading by name and resolving `extends`: parents in order, each resolved first;
// a parent's vars are inherited unless an earlier parent or the child declares the
// same name; parent steps come first and a child step with a parent step's id takes
// its place; compose rules are merged (bond points by id, the rest appended). One
// loader per cook caches every file it reads, so an expansion used many times is
// read once.
import type {Environment} from '../base/environment.js';
import {failure, isGtError, notFound} from '../base/errors.js';
import {requireFormula, type FormulaEntry} from './discover.js';
import {validateDeclared} from './graph.js';
import {readFormulaFile, type ComposeRules, type Formula, type FormulaStep} from './parse.js';

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

/**
 * Beads merges bond points by id and appends hooks, expand and map rules; it keeps
 * only the later formula's branch, gate and aspects. Here those are appended too,
 * so a child's aspects add to its parent's rather than silently replacing them.
 */
export function mergeCompose(base: ComposeRules | undefined, overlay: ComposeRules | undefined): ComposeRules | undefined {
	if (!overlay) return base;
	if (!base) return overlay;
	const merged: ComposeRules = {...base, ...overlay};
	for (const key of ['hooks', 'expand', 'map', 'branch', 'gate'] as const) {
		const list = [...(base[key] ?? []), ...(overlay[key] ?? [])];
		if (list.length > 0) (merged as Record<string, unknown>)[key] = list;
	}
	const aspects = [...new Set([...(base.aspects ?? []), ...(overlay.aspects ?? [])])];
	if (aspects.length > 0) merged.aspects = aspects;
	const points = [...(base.bond_points ?? [])];
	for (const point of overlay.bond_points ?? []) {
		const index = points.findIndex(existing => existing.id === point.id);
		if (index >= 0) points[index] = point;
		else points.push(point);
	}
	if (points.length > 0) merged.bond_points = points;
	return merged;
}

export class FormulaLoader {
	readonly #env: Environment;
	readonly #searchPaths: readonly string[];
	readonly #cache = new Map<string, {entry: FormulaEntry; formula: Formula}>();

	constructor(env: Environment, searchPaths: readonly string[] = []) {
		this.#env = env;
		this.#searchPaths = searchPaths;
	}

	/** The file behind a name (or a path), read once per loader. */
	entry(nameOrPath: string): {entry: FormulaEntry; formula: Formula} {
		const cached = this.#cache.get(nameOrPath);
		if (cached) return cached;
		const entry = requireFormula(this.#env, nameOrPath, this.#searchPaths);
		const loaded = {entry, formula: readFormulaFile(entry.file)};
		this.#cache.set(nameOrPath, loaded);
		return loaded;
	}

	load(nameOrPath: string): Formula {
		return this.entry(nameOrPath).formula;
	}

	/** The formula with its `extends` chain merged and checked (Beads' Validate). */
	resolve(nameOrPath: string): Formula {
		const resolved = this.#resolve(this.load(nameOrPath), []);
		validateDeclared(resolved);
		return resolved;
	}

	#resolve(formula: Formula, chain: readonly string[]): Formula {
		if (chain.includes(formula.formula)) throw failure(`formula "${formula.formula}" extends itself: ${[...chain, formula.formula].join(' → ')}`, 'remove one of those extends');
		if (formula.extends.length === 0) return formula;
		const vars: Formula['vars'] = {};
		let steps: FormulaStep[] = [];
		let compose: ComposeRules | undefined;
		let inherited: Record<string, unknown> = {};
		let advice: NonNullable<Formula['advice']> = [];
		for (const parentName of formula.extends) {
			let parent: Formula;
			try {
				parent = this.#resolve(this.load(parentName), [...chain, formula.formula]);
			} catch (error) {
				if (isGtError(error) && error.kind === 'notFound') {
					throw notFound(`formula "${formula.formula}" extends "${parentName}", which is not found`, '`bd formula list` shows the formulas found here');
				}
				throw error;
			}
			const {vars: parentVars, steps: parentSteps, compose: parentCompose, advice: parentAdvice, file: _file, formula: _name, extends: _extends, type: _type, version: _version, ...rest} = parent;
			inherited = {...inherited, ...rest};
			for (const [name, spec] of Object.entries(parentVars)) if (!(name in vars)) vars[name] = spec;
			steps = [...steps, ...parentSteps];
			compose = mergeCompose(compose, parentCompose);
			advice = [...advice, ...(parentAdvice ?? [])];
		}
		// A child without a description takes its parent's (Beads leaves it empty).
		const merged: Formula = {...inherited, ...formula, vars: {...vars, ...formula.vars}, steps: mergeSteps(steps, formula.steps)};
		const mergedCompose = mergeCompose(compose, formula.compose);
		if (mergedCompose) merged.compose = mergedCompose;
		else delete merged.compose;
		const mergedAdvice = [...advice, ...(formula.advice ?? [])];
		if (mergedAdvice.length > 0) merged.advice = mergedAdvice;
		return merged;
	}
}
