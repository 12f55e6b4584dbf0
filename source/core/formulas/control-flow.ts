// Control flow, Beads' first cooking stage: loops unrolled into their iterations
// (`<loop>.iter<k>.<step>`, each iteration after the previous one; an `until` loop
// once, labelled for whoever re-runs it), then `compose.branch` fork/join wiring,
// then `compose.gate` labels. Where Beads drops an edge (a loop's own needs, and
// steps that needed the loop) this keeps it: the loop's needs go to the first
// iteration's first steps, and steps that needed the loop need its last step.
import {failure} from '../base/errors.js';
import {checkRuntimeCondition, parseRange, substituteBraces} from './conditions.js';
import {appendUnique, cloneStep, dependenciesOf, stepMap} from './graph.js';
import type {ComposeRules, FormulaStep, LoopSpec} from './parse.js';

/** Values for `{var}` in ranges; `strict` (runtime) when a missing one is an error. */
export type FlowVars = {values: Readonly<Record<string, string>>; strict: boolean};

function checkLoop(loop: LoopSpec, id: string): void {
	const where = `loop "${id}"`;
	if (loop.body.length === 0) throw failure(`${where} has no body`, 'add [[steps.loop.body]] steps');
	const kinds = [(loop.count ?? 0) > 0, Boolean(loop.until), Boolean(loop.range)].filter(Boolean).length;
	if (kinds === 0) throw failure(`${where} needs one of count, until or range`);
	if (kinds > 1) throw failure(`${where} has more than one of count, until and range`, 'keep one');
	if (loop.until && !loop.max) throw failure(`${where} has until but no max`, 'add max = N so it cannot run forever');
	if (loop.until) checkRuntimeCondition(loop.until, where);
}

/** Renames a body step (and its nested steps) for one iteration; needs inside the body follow. */
function iterationStep(step: FormulaStep, prefix: string, bodyIds: ReadonlySet<string>, iterVars: Readonly<Record<string, string>>): FormulaStep {
	const rename = (ids: readonly string[]) => ids.map(id => (bodyIds.has(id) ? `${prefix}${id}` : id));
	const copy = cloneStep(step);
	copy.id = `${prefix}${step.id}`;
	copy.title = substituteBraces(step.title, iterVars);
	if (step.description !== undefined) copy.description = substituteBraces(step.description, iterVars);
	copy.needs = rename(step.needs);
	copy.depends_on = rename(step.depends_on);
	if (Object.keys(iterVars).length > 0) copy.expand_vars = {...step.expand_vars, ...iterVars};
	copy.children = step.children.map(child => iterationStep(child, prefix, bodyIds, iterVars));
	return copy;
}

function bodyIdsOf(body: readonly FormulaStep[]): Set<string> {
	return new Set([...stepMap(body).keys()]);
}

type Unrolled = {steps: FormulaStep[]; last?: string};

/** Not `strict` (compile mode): a range that needs a value nobody gave stays a loop. */
function unroll(step: FormulaStep, vars: FlowVars, replaced: Map<string, string>): Unrolled | undefined {
	const loop = step.loop!;
	checkLoop(loop, step.id);
	const bodyIds = bodyIdsOf(loop.body);
	const iterations: FormulaStep[][] = [];
	if ((loop.count ?? 0) > 0) {
		for (let index = 1; index <= loop.count!; index++) iterations.push(loop.body.map(body => iterationStep(body, `${step.id}.iter${index}.`, bodyIds, {})));
	} else if (loop.range) {
		const range = parseRange(loop.range, vars.values, `loop "${step.id}"`);
		if ('missing' in range) {
			if (!vars.strict) return undefined;
			throw failure(`loop "${step.id}": range "${loop.range}" needs ${range.missing.map(name => `--var ${name}=…`).join(' ')}`, 'give the value, or a default in [vars]');
		}
		if (range.end < range.start) throw failure(`loop "${step.id}": range end ${range.end} is before its start ${range.start}`);
		if (range.end - range.start >= 10_000) throw failure(`loop "${step.id}": range ${range.start}..${range.end} makes more than 10,000 iterations`, 'use a smaller range');
		let index = 0;
		for (let value = range.start; value <= range.end; value++) {
			index++;
			const iterVars = loop.var ? {[loop.var]: String(value)} : {};
			iterations.push(loop.body.map(body => iterationStep(body, `${step.id}.iter${index}.`, bodyIds, iterVars)));
		}
	} else {
		const once = loop.body.map(body => iterationStep(body, `${step.id}.iter1.`, bodyIds, {}));
		once[0]!.labels.push(`loop:${JSON.stringify({until: loop.until, max: loop.max})}`);
		iterations.push(once);
	}
	// Nested loops inside the body, then each iteration after the previous one.
	const unrolled = iterations.map(iteration => applyLoopsTo(iteration, vars, replaced));
	for (let index = 1; index < unrolled.length; index++) {
		const previous = unrolled[index - 1]!;
		const first = unrolled[index]![0];
		if (first && previous.length > 0) appendUnique(first.needs, previous.at(-1)!.id);
	}
	const steps = unrolled.flat();
	if (steps.length === 0) return {steps};
	// The loop's own needs move to the first iteration's first steps (those needing nothing inside it).
	const firstIds = new Set(unrolled[0]!.map(item => item.id));
	const ownNeeds = dependenciesOf(step);
	if (ownNeeds.length > 0) {
		for (const first of unrolled[0]!) {
			if (!dependenciesOf(first).some(need => firstIds.has(need))) first.needs = [...ownNeeds.filter(need => !first.needs.includes(need)), ...first.needs];
		}
	}
	return {steps, last: steps.at(-1)!.id};
}

function applyLoopsTo(steps: readonly FormulaStep[], vars: FlowVars, replaced: Map<string, string>): FormulaStep[] {
	const result: FormulaStep[] = [];
	for (const step of steps) {
		if (!step.loop) {
			const copy = cloneStep(step);
			copy.children = applyLoopsTo(step.children, vars, replaced);
			result.push(copy);
			continue;
		}
		const unrolled = unroll(step, vars, replaced);
		if (!unrolled) {
			result.push(cloneStep(step));
			continue;
		}
		if (unrolled.last) replaced.set(step.id, unrolled.last);
		result.push(...unrolled.steps);
	}
	return result;
}

/** Replaces needs on removed steps by their stand-ins (followed through chains). */
export function redirectNeeds(steps: FormulaStep[], replaced: ReadonlyMap<string, string>): void {
	if (replaced.size === 0) return;
	const follow = (id: string) => {
		let current = id;
		for (let hops = 0; replaced.has(current) && hops < 100; hops++) current = replaced.get(current)!;
		return current;
	};
	const visit = (list: FormulaStep[]) => {
		for (const step of list) {
			step.needs = [...new Set(step.needs.map(follow))];
			step.depends_on = [...new Set(step.depends_on.map(follow))];
			visit(step.children);
		}
	};
	visit(steps);
}

export function applyLoops(steps: readonly FormulaStep[], vars: FlowVars): FormulaStep[] {
	const replaced = new Map<string, string>();
	const result = applyLoopsTo(steps, vars, replaced);
	redirectNeeds(result, replaced);
	return result;
}

/** `compose.branch`: every branch step needs `from`, `join` needs every branch step. */
export function applyBranches(steps: FormulaStep[], compose: ComposeRules | undefined): void {
	if (!compose?.branch?.length) return;
	const byId = stepMap(steps);
	const find = (id: string, what: string) => {
		const step = byId.get(id);
		if (!step) throw failure(`compose.branch: ${what} step "${id}" is not a step`, 'name steps of this formula (after loops are unrolled)');
		return step;
	};
	for (const branch of compose.branch) {
		find(branch.from, 'from');
		const join = find(branch.join, 'join');
		for (const id of branch.steps) appendUnique(find(id, 'branch').needs, branch.from);
		for (const id of branch.steps) appendUnique(join.needs, id);
	}
}

/** `compose.gate`: a `gate:{"condition":…}` label on the step it guards. */
export function applyComposeGates(steps: FormulaStep[], compose: ComposeRules | undefined): void {
	if (!compose?.gate?.length) return;
	const byId = stepMap(steps);
	for (const gate of compose.gate) {
		checkRuntimeCondition(gate.condition, `compose.gate before "${gate.before}"`);
		const step = byId.get(gate.before);
		if (!step) throw failure(`compose.gate: "${gate.before}" is not a step`);
		appendUnique(step.labels, `gate:${JSON.stringify({condition: gate.condition})}`);
	}
}

export function applyControlFlow(steps: readonly FormulaStep[], compose: ComposeRules | undefined, vars: FlowVars): FormulaStep[] {
	const result = applyLoops(steps, vars);
	applyBranches(result, compose);
	applyComposeGates(result, compose);
	return result;
}
