// Advice, Beads' aspect-oriented part: a rule names target steps by glob (exact,
// `*.x`, `x.*`, `*`, or a shell pattern) and adds steps before, after or around
// each. Before-steps run in order and the target needs the last of them; after-steps
// run in order after the target. `{step.id}` and `{step.title}` name the target.
// Only steps that were there before the advice are targets, so advice never advises
// its own steps.
import {appendUnique, cloneStep} from './graph.js';
import type {AdviceRule, AdviceStep, FormulaStep, Pointcut} from './parse.js';

const globCache = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
	let regex = globCache.get(pattern);
	if (regex) return regex;
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index]!;
		if (char === '*') source += '[^/]*';
		else if (char === '?') source += '[^/]';
		else if (char === '[') {
			const end = pattern.indexOf(']', index + 1);
			if (end < 0) source += '\\[';
			else {
				const body = pattern.slice(index + 1, end).replace(/\\/g, '\\\\');
				source += `[${body.startsWith('^') ? `^${body.slice(1)}` : body}]`;
				index = end;
			}
		} else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
	}
	try {
		regex = new RegExp(`^${source}$`, 'u');
	} catch {
		regex = /^$/;
	}
	globCache.set(pattern, regex);
	return regex;
}

/** Beads' MatchGlob: a shell pattern, or `*`, `*.suffix`, `prefix.*`, or the exact id. */
export function matchGlob(pattern: string, id: string): boolean {
	if (pattern === '*' || pattern === id) return true;
	if (globRegex(pattern).test(id)) return true;
	if (pattern.startsWith('*.')) return id.endsWith(pattern.slice(1));
	if (pattern.endsWith('.*')) return id.startsWith(pattern.slice(0, -1));
	return false;
}

export function matchPointcut(pointcut: Pointcut, step: FormulaStep): boolean {
	if (pointcut.glob && !matchGlob(pointcut.glob, step.id)) return false;
	if (pointcut.type && step.type !== pointcut.type) return false;
	if (pointcut.label && !step.labels.includes(pointcut.label)) return false;
	return true;
}

const stepRef = (text: string, target: FormulaStep) => text.replaceAll('{step.id}', target.id).replaceAll('{step.title}', target.title);

function adviceToStep(advice: AdviceStep, target: FormulaStep): FormulaStep {
	const id = stepRef(advice.id, target);
	const step: FormulaStep = {id, title: stepRef(advice.title ?? '', target) || id, labels: [], needs: [], depends_on: [], children: []};
	if (advice.description) step.description = stepRef(advice.description, target);
	if (advice.type) step.type = advice.type;
	step.metadata = {advice_for: target.id};
	return step;
}

/**
 * Applies advice rules to every original step, nested ones included. With
 * `pointcuts` (an aspect's), a rule applies only to steps that also match one of
 * them: Beads parses pointcuts but never consults them; here they narrow.
 */
export function applyAdvice(steps: readonly FormulaStep[], rules: readonly AdviceRule[], pointcuts: readonly Pointcut[] = []): FormulaStep[] {
	if (rules.length === 0) return [...steps];
	const original = new Set<string>();
	const collect = (list: readonly FormulaStep[]) => {
		for (const step of list) {
			original.add(step.id);
			collect(step.children);
		}
	};
	collect(steps);
	const inScope = (step: FormulaStep) => pointcuts.length === 0 || pointcuts.some(pointcut => matchPointcut(pointcut, step));
	const visit = (list: readonly FormulaStep[]): FormulaStep[] => {
		const result: FormulaStep[] = [];
		for (const step of list) {
			if (!original.has(step.id)) {
				result.push(step);
				continue;
			}
			const before: FormulaStep[] = [];
			const after: FormulaStep[] = [];
			if (inScope(step)) {
				for (const rule of rules) {
					if (!matchGlob(rule.target, step.id)) continue;
					if (rule.before) before.push(adviceToStep(rule.before, step));
					for (const item of rule.around?.before ?? []) before.push(adviceToStep(item, step));
					if (rule.after) after.push(adviceToStep(rule.after, step));
					for (const item of rule.around?.after ?? []) after.push(adviceToStep(item, step));
				}
			}
			const target = cloneStep(step);
			for (let index = 1; index < before.length; index++) appendUnique(before[index]!.needs, before[index - 1]!.id);
			if (before.length > 0) appendUnique(target.needs, before.at(-1)!.id);
			after.forEach((item, index) => appendUnique(item.needs, index === 0 ? step.id : after[index - 1]!.id));
			target.children = visit(step.children);
			result.push(...before, target, ...after);
		}
		return result;
	};
	return visit(steps);
}
