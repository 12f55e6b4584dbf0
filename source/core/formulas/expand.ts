// Expansions: an expansion formula's `[[template]]` stands in for a target step.
// `{target}`/`{target.id}`, `{target.title}`, `{target.description}` name the target
// and `{var}` the expansion's own vars (its defaults, overridden by the rule's). The
// template's first steps inherit the target's needs; steps that needed the target
// need the template's last step. Used by inline `expand = "…"` on a step (at most 5
// levels deep), `[[compose.expand]]` (one target), `[[compose.map]]` (every step a
// glob selects), and a standalone expansion poured on its own (target `main`).
import {failure} from '../base/errors.js';
import {matchGlob} from './advice.js';
import {substituteBraces} from './conditions.js';
import {cloneStep, dependenciesOf, stepMap} from './graph.js';
import {redirectNeeds} from './control-flow.js';
import {flattenSteps, type ComposeRules, type Formula, type FormulaStep} from './parse.js';

export const maxExpansionDepth = 5;

export type LoadFormula = (name: string) => Formula;

function targetRef(text: string, target: FormulaStep): string {
	if (!text.includes('{target')) return text;
	return text.replaceAll('{target}', target.id).replaceAll('{target.id}', target.id).replaceAll('{target.title}', target.title).replaceAll('{target.description}', target.description ?? '');
}

function expandTemplate(target: FormulaStep, template: readonly FormulaStep[], depth: number, vars: Readonly<Record<string, string>>): FormulaStep[] {
	if (depth > maxExpansionDepth) throw failure(`expanding "${target.id}" goes deeper than ${maxExpansionDepth} levels`, 'an expansion probably expands itself');
	const text = (value: string) => substituteBraces(targetRef(value, target), vars);
	return template.map(item => {
		const step = cloneStep(item);
		step.id = text(item.id);
		step.title = text(item.title);
		if (item.description !== undefined) step.description = text(item.description);
		if (item.assignee !== undefined) step.assignee = substituteBraces(item.assignee, vars);
		step.labels = item.labels.map(text);
		step.needs = item.needs.map(text);
		step.depends_on = item.depends_on.map(text);
		step.children = expandTemplate(target, item.children, depth + 1, vars);
		return step;
	});
}

/** The template's first steps (needing nothing inside it) take over the target's needs. */
function inheritNeeds(target: FormulaStep, expanded: FormulaStep[]): void {
	if (target.needs.length === 0 && target.depends_on.length === 0) return;
	const ids = new Set(expanded.map(step => step.id));
	for (const step of expanded) {
		if (dependenciesOf(step).some(need => ids.has(need))) continue;
		step.needs = [...target.needs, ...step.needs];
		step.depends_on = [...target.depends_on, ...step.depends_on];
	}
}

function expansionFormula(load: LoadFormula, name: string, where: string): Formula {
	const formula = load(name);
	if (formula.type !== 'expansion') throw failure(`${where}: "${name}" is a ${formula.type} formula, not an expansion`, 'expand with a formula of type = "expansion" that has [[template]] steps');
	if (!formula.template?.length) throw failure(`${where}: "${name}" has no [[template]] steps`);
	return formula;
}

function expansionVars(formula: Formula, overrides: Readonly<Record<string, string>> | undefined): Record<string, string> {
	const vars: Record<string, string> = {};
	for (const [name, spec] of Object.entries(formula.vars)) if (spec.default !== undefined) vars[name] = spec.default;
	return {...vars, ...overrides};
}

/** Replaces each step in `replacements` (wherever it is nested) by its expansion, in one pass. */
function replaceSteps(steps: readonly FormulaStep[], replacements: ReadonlyMap<string, readonly FormulaStep[]>): FormulaStep[] {
	const result: FormulaStep[] = [];
	for (const step of steps) {
		const replacement = replacements.get(step.id);
		if (replacement) result.push(...replacement);
		else if (step.children.length > 0) result.push({...step, children: replaceSteps(step.children, replacements)});
		else result.push(step);
	}
	return result;
}

/** Inline `expand = "…"` on steps; steps that needed an expanded step need its last step. */
export function applyInlineExpansions(steps: readonly FormulaStep[], load: LoadFormula): FormulaStep[] {
	// Most formulas expand nothing inline: then there is nothing to copy.
	if (!flattenSteps(steps).some(({step}) => step.expand)) return [...steps];
	const replaced = new Map<string, string>();
	const visit = (list: readonly FormulaStep[], depth: number): FormulaStep[] => {
		if (depth > maxExpansionDepth) throw failure(`inline expansions go deeper than ${maxExpansionDepth} levels`, 'an expansion probably expands itself');
		const result: FormulaStep[] = [];
		for (const step of list) {
			if (!step.expand) {
				result.push({...cloneStep(step), children: visit(step.children, depth)});
				continue;
			}
			const where = `step "${step.id}" expand`;
			const formula = expansionFormula(load, step.expand, where);
			const expanded = expandTemplate(step, formula.template!, 0, expansionVars(formula, step.expand_vars));
			inheritNeeds(step, expanded);
			const processed = visit(expanded, depth + 1);
			if (processed.length > 0) replaced.set(step.id, processed.at(-1)!.id);
			result.push(...processed);
		}
		return result;
	};
	const result = visit(steps, 0);
	redirectNeeds(result, replaced);
	return result;
}

function expandTarget(target: FormulaStep, formula: Formula, overrides: Readonly<Record<string, string>> | undefined, replaced: Map<string, string>): FormulaStep[] {
	const expanded = expandTemplate(target, formula.template!, 0, expansionVars(formula, overrides));
	inheritNeeds(target, expanded);
	if (expanded.length > 0) replaced.set(target.id, expanded.at(-1)!.id);
	return expanded;
}

/**
 * `[[compose.expand]]`, then `[[compose.map]]`; a step is expanded at most once.
 * The steps are this cook's own copies, so needs are redirected in place, once at
 * the end (a chain of stand-ins is followed), and a map replaces all its targets in
 * one pass: a 3,000-step formula with hundreds of targets stays linear.
 */
export function applyComposeExpansions(steps: readonly FormulaStep[], compose: ComposeRules | undefined, load: LoadFormula): FormulaStep[] {
	let result = [...steps];
	if (!compose?.expand?.length && !compose?.map?.length) return result;
	const expanded = new Set<string>();
	const replaced = new Map<string, string>();
	for (const rule of compose.expand ?? []) {
		const byId = stepMap(result);
		const target = byId.get(rule.target);
		if (!target) throw failure(`compose.expand: target "${rule.target}" is not a step`, `steps: ${[...byId.keys()].slice(0, 10).join(', ')}${byId.size > 10 ? ', …' : ''}`);
		if (expanded.has(rule.target)) continue;
		const formula = expansionFormula(load, rule.with, `compose.expand "${rule.target}"`);
		result = replaceSteps(result, new Map([[target.id, expandTarget(target, formula, rule.vars, replaced)]]));
		expanded.add(rule.target);
	}
	for (const rule of compose.map ?? []) {
		const formula = expansionFormula(load, rule.with, `compose.map "${rule.select}"`);
		const replacements = new Map<string, FormulaStep[]>();
		for (const step of stepMap(result).values()) {
			if (!matchGlob(rule.select, step.id) || expanded.has(step.id)) continue;
			replacements.set(step.id, expandTarget(step, formula, rule.vars, replaced));
			expanded.add(step.id);
		}
		if (replacements.size > 0) result = replaceSteps(result, replacements);
	}
	redirectNeeds(result, replaced);
	return result;
}

/** A standalone expansion poured on its own: its template against a synthetic `main` step. */
export function materializeExpansion(formula: Formula, vars: Readonly<Record<string, string>>): FormulaStep[] {
	if (formula.type !== 'expansion' || !formula.template?.length || formula.steps.length > 0) return formula.steps;
	const target: FormulaStep = {id: 'main', title: formula.formula, labels: [], needs: [], depends_on: [], children: []};
	if (formula.description !== undefined) target.description = formula.description;
	return expandTemplate(target, formula.template, 0, {...expansionVars(formula, undefined), ...vars});
}
