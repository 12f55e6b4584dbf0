// Checks over a formula's steps: what Beads' Validate checks once a formula is
// resolved (ids, titles, needs naming steps, waits_for, on_complete, bond points),
// and, once every transformation has run, that the final graph has unique ids,
// names only its own steps and has no loops. Linear: maps for lookups and Kahn's
// algorithm rather than recursion.
import {failure} from '../base/errors.js';
import {flattenSteps, type Formula, type FormulaStep} from './parse.js';

/** What a step waits on: `needs` and `depends_on` (both become blocking edges). */
export const dependenciesOf = (step: FormulaStep): string[] => (step.depends_on.length === 0 ? step.needs : step.needs.length === 0 ? step.depends_on : [...step.needs, ...step.depends_on]);

export type ParsedWaitsFor = {gate: 'all-children' | 'any-children'; spawner?: string};

export function parseWaitsFor(value: string): ParsedWaitsFor | undefined {
	if (value === 'all-children' || value === 'any-children') return {gate: value};
	const match = /^children-of\((.*)\)$/.exec(value);
	if (match) return {gate: 'all-children', spawner: match[1]!};
	return undefined;
}

function stepList(ids: Iterable<string>): string {
	const list = [...ids];
	return `steps: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`;
}

/** Beads' Validate on a resolved formula, one problem at a time with the step it is in. */
export function validateDeclared(formula: Formula): void {
	const file = formula.file;
	const flat = flattenSteps(formula.steps);
	const ids = new Set<string>();
	for (const {step} of flat) {
		if (ids.has(step.id)) throw failure(`${file}: two steps have the id "${step.id}"`, 'step ids must be unique, nested ones included');
		ids.add(step.id);
		if (!step.title && !step.expand) throw failure(`${file}: step "${step.id}" has no title`, 'add title = "…" (only a step with expand = "…" may go without)');
	}
	for (const {step} of flat) {
		for (const need of dependenciesOf(step)) {
			if (!ids.has(need)) throw failure(`${file}: step "${step.id}" needs "${need}", which is not a step`, stepList(ids));
		}
		if (step.waits_for !== undefined) {
			const parsed = parseWaitsFor(step.waits_for);
			if (!parsed) throw failure(`${file}: step "${step.id}" waits_for "${step.waits_for}" is not all-children, any-children or children-of(<step>)`);
			if (parsed.spawner !== undefined && !ids.has(parsed.spawner)) throw failure(`${file}: step "${step.id}" waits for children of "${parsed.spawner}", which is not a step`, stepList(ids));
		}
		const onComplete = step.on_complete;
		if (onComplete) {
			const forEach = onComplete.for_each;
			const bond = onComplete.bond;
			if (forEach !== undefined && !bond) throw failure(`${file}: step "${step.id}" on_complete has for_each but no bond`, 'name the formula to bond per item: bond = "…"');
			if (bond !== undefined && !forEach) throw failure(`${file}: step "${step.id}" on_complete has bond but no for_each`, 'e.g. for_each = "output.items"');
			if (typeof forEach === 'string' && !forEach.startsWith('output.')) throw failure(`${file}: step "${step.id}" on_complete.for_each must start with "output."`);
			if (onComplete.parallel === true && onComplete.sequential === true) throw failure(`${file}: step "${step.id}" on_complete cannot be both parallel and sequential`);
		}
	}
	for (const point of formula.compose?.bond_points ?? []) {
		if (point.after_step && point.before_step) throw failure(`${file}: bond point "${point.id}" has both after_step and before_step`, 'keep one');
		for (const target of [point.after_step, point.before_step]) {
			if (target && !ids.has(target)) throw failure(`${file}: bond point "${point.id}" names "${target}", which is not a step`, stepList(ids));
		}
	}
}

/**
 * The final graph: unique ids, every need a step, no loops. A nested step counts as
 * waiting for its parent (a parent is done only when its children are), so a parent
 * that needs its own child is a loop too.
 */
export function validateGraph(steps: readonly FormulaStep[], file: string): void {
	const flat = flattenSteps(steps);
	const byId = new Map<string, {step: FormulaStep; parent?: string}>();
	for (const item of flat) {
		if (byId.has(item.step.id)) throw failure(`${file}: two steps have the id "${item.step.id}"`, 'step ids must be unique, nested and generated ones (loops, expansions, advice) included');
		byId.set(item.step.id, item);
	}
	const edges = new Map<string, string[]>();
	for (const {step, parent} of flat) {
		const targets: string[] = [];
		for (const need of dependenciesOf(step)) {
			if (!byId.has(need)) throw failure(`${file}: step "${step.id}" needs "${need}", which is not a step`, stepList(byId.keys()));
			if (need === step.id) throw failure(`${file}: step "${step.id}" needs itself`);
			targets.push(need);
		}
		if (parent !== undefined) {
			if (targets.includes(parent)) throw failure(`${file}: step "${step.id}" needs "${parent}", the step it is nested in`, 'nested steps already run inside their parent');
			targets.push(parent);
		}
		edges.set(step.id, targets);
	}
	const waiting = new Map<string, number>();
	const waiters = new Map<string, string[]>();
	for (const [id, targets] of edges) {
		waiting.set(id, targets.length);
		for (const target of targets) {
			const list = waiters.get(target);
			if (list) list.push(id);
			else waiters.set(target, [id]);
		}
	}
	const queue = [...edges.keys()].filter(id => waiting.get(id) === 0);
	let resolved = 0;
	while (queue.length > 0) {
		const id = queue.pop()!;
		resolved++;
		for (const waiter of waiters.get(id) ?? []) {
			const left = waiting.get(waiter)! - 1;
			waiting.set(waiter, left);
			if (left === 0) queue.push(waiter);
		}
	}
	if (resolved === edges.size) return;
	// Every unresolved step waits on another unresolved one: walk until a step repeats.
	let current = [...waiting.entries()].find(([, left]) => left > 0)![0];
	const seenAt = new Map<string, number>();
	const path: string[] = [];
	while (!seenAt.has(current)) {
		seenAt.set(current, path.length);
		path.push(current);
		current = edges.get(current)!.find(target => waiting.get(target)! > 0)!;
	}
	const loop = [...path.slice(seenAt.get(current)!), current];
	throw failure(`${file}: steps form a cycle in needs: ${loop.join(' → ')}`, 'remove one of those needs');
}

/** A deep copy of steps (the transformations never change a loaded formula in place). */
export function cloneSteps(steps: readonly FormulaStep[]): FormulaStep[] {
	return steps.map(cloneStep);
}

export function cloneStep(step: FormulaStep): FormulaStep {
	const copy: FormulaStep = {...step, labels: [...step.labels], needs: [...step.needs], depends_on: [...step.depends_on], children: cloneSteps(step.children)};
	if (step.loop) copy.loop = {...step.loop, body: cloneSteps(step.loop.body)};
	return copy;
}

/** Every step by id, nested ones included (the first of a repeated id wins). */
export function stepMap(steps: readonly FormulaStep[]): Map<string, FormulaStep> {
	const map = new Map<string, FormulaStep>();
	for (const {step} of flattenSteps(steps)) if (!map.has(step.id)) map.set(step.id, step);
	return map;
}

export function appendUnique(list: string[], item: string): void {
	if (!list.includes(item)) list.push(item);
}
