// Formula files (`<name>.formula.toml`): parsed with smol-toml into a typed shape.
// Keys this tool does not act on are kept as they are, so a formula written for
// Beads or Gas Town round-trips through `bd cook --json`.
import path from 'node:path';
import {parseTomlText, readTomlFile} from '../base/toml-file.js';
import {failure, usageError} from '../base/errors.js';

export const formulaSuffix = '.formula.toml';

export type FormulaVar = {
	description?: string;
	required?: boolean;
	default?: string;
	[key: string]: unknown;
};

export type FormulaStep = {
	id: string;
	title: string;
	description?: string;
	needs: string[];
	type?: string;
	priority?: number;
	labels?: string[];
	children: FormulaStep[];
	[key: string]: unknown;
};

export type Formula = {
	formula: string;
	description?: string;
	version: number;
	type: string;
	extends: string[];
	vars: Record<string, FormulaVar>;
	steps: FormulaStep[];
	/** The file it was read from. */
	file: string;
	[key: string]: unknown;
};

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A file's name without the suffix: `release.formula.toml` → `release`. */
export const formulaNameOf = (file: string) => path.basename(file).slice(0, -formulaSuffix.length);

export function readFormulaFile(file: string): Formula {
	return formulaFromTable(readTomlFile(file, 'fix the formula file'), file);
}

export function parseFormulaText(text: string, file: string): Formula {
	return formulaFromTable(parseTomlText(text, file, 'fix the formula file'), file);
}

function stringList(value: unknown, what: string, file: string): string[] {
	if (value === undefined) return [];
	if (typeof value === 'string') return [value];
	if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) throw failure(`${file}: ${what} must be a list of strings`);
	return value as string[];
}

function optionalString(table: Table, key: string, what: string, file: string): string | undefined {
	const value = table[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw failure(`${file}: ${what}.${key} must be a string`);
	return value;
}

function parseVars(value: unknown, file: string): Record<string, FormulaVar> {
	if (value === undefined) return {};
	if (!isTable(value)) throw failure(`${file}: [vars] must be a table`);
	const vars: Record<string, FormulaVar> = {};
	for (const [name, spec] of Object.entries(value)) {
		if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw failure(`${file}: variable name "${name}" is not valid`, 'use letters, digits and _');
		// `[vars] x = "v"` is shorthand for a default.
		if (typeof spec === 'string') {
			vars[name] = {default: spec};
			continue;
		}
		if (!isTable(spec)) throw failure(`${file}: vars.${name} must be a table or a string default`);
		const variable: FormulaVar = {...spec};
		if (spec.default !== undefined) variable.default = String(spec.default);
		if (spec.required !== undefined && typeof spec.required !== 'boolean') throw failure(`${file}: vars.${name}.required must be true or false`);
		if (spec.required && variable.default !== undefined) throw failure(`${file}: vars.${name} is required and also has a default`, 'drop one of them');
		optionalString(spec, 'description', `vars.${name}`, file);
		vars[name] = variable;
	}
	return vars;
}

function parseStep(value: unknown, where: string, file: string): FormulaStep {
	if (!isTable(value)) throw failure(`${file}: ${where} must be a table`);
	const id = value.id;
	if (typeof id !== 'string' || !id.trim()) throw failure(`${file}: ${where} has no id`, 'every step needs id = "…"');
	const label = `step "${id}"`;
	const title = optionalString(value, 'title', label, file);
	if (!title && value.expand === undefined) throw failure(`${file}: ${label} has no title`);
	const {depends_on: dependsOn, children, ...rest} = value;
	const step: FormulaStep = {
		...rest,
		id,
		title: title ?? id,
		needs: [...stringList(value.needs, `${label} needs`, file), ...stringList(dependsOn, `${label} depends_on`, file)],
		children: [],
	};
	optionalString(value, 'description', label, file);
	optionalString(value, 'type', label, file);
	if (value.priority !== undefined && (!Number.isInteger(value.priority) || (value.priority as number) < 0 || (value.priority as number) > 4)) {
		throw failure(`${file}: ${label} priority must be 0-4`);
	}
	if (value.labels !== undefined) step.labels = stringList(value.labels, `${label} labels`, file);
	if (children !== undefined) {
		if (!Array.isArray(children)) throw failure(`${file}: ${label} children must be [[steps.children]] tables`);
		step.children = children.map((child, index) => parseStep(child, `${label} child ${index + 1}`, file));
	}
	return step;
}

export function formulaFromTable(table: Table, file: string): Formula {
	const name = table.formula;
	if (typeof name !== 'string' || !name.trim()) throw failure(`${file}: no formula name`, 'add a line like formula = "release"');
	const version = table.version === undefined ? 1 : Number(table.version);
	if (!Number.isInteger(version) || version < 1) throw failure(`${file}: version must be a whole number ≥ 1`);
	const rawSteps = table.steps ?? [];
	if (!Array.isArray(rawSteps)) throw failure(`${file}: steps must be [[steps]] tables`);
	const {steps: _steps, vars: _vars, extends: _extends, ...rest} = table;
	const formula: Formula = {
		...rest,
		formula: name,
		version,
		type: typeof table.type === 'string' ? table.type : 'workflow',
		extends: stringList(table.extends, 'extends', file),
		vars: parseVars(table.vars, file),
		steps: rawSteps.map((step, index) => parseStep(step, `step ${index + 1}`, file)),
		file,
	};
	if (table.description !== undefined) formula.description = String(table.description);
	// With extends, needs may name a parent's steps: checked once the chain is merged.
	if (formula.extends.length === 0) validateSteps(formula.steps, file);
	return formula;
}

/** Every step, depth first, with its parent step's id. */
export function flattenSteps(steps: readonly FormulaStep[]): Array<{step: FormulaStep; parent?: string}> {
	const result: Array<{step: FormulaStep; parent?: string}> = [];
	const stack: Array<{step: FormulaStep; parent?: string}> = [];
	for (let index = steps.length - 1; index >= 0; index--) stack.push({step: steps[index]!});
	while (stack.length > 0) {
		const item = stack.pop()!;
		result.push(item);
		const children = item.step.children;
		for (let index = children.length - 1; index >= 0; index--) stack.push({step: children[index]!, parent: item.step.id});
	}
	return result;
}

/**
 * Ids unique across every level, every `needs` names a step, and no loops. The
 * graph counts a nested step as waiting for its parent (a parent is done only when
 * its children are), so a parent that needs its own child is a loop too. Linear:
 * maps for lookups and Kahn's algorithm rather than recursion.
 */
export function validateSteps(steps: readonly FormulaStep[], file: string): void {
	const flat = flattenSteps(steps);
	const byId = new Map<string, {step: FormulaStep; parent?: string}>();
	for (const item of flat) {
		if (byId.has(item.step.id)) throw failure(`${file}: two steps have the id "${item.step.id}"`, 'step ids must be unique, nested ones included');
		byId.set(item.step.id, item);
	}
	const edges = new Map<string, string[]>();
	for (const {step, parent} of flat) {
		const targets: string[] = [];
		for (const need of step.needs) {
			if (!byId.has(need)) throw failure(`${file}: step "${step.id}" needs "${need}", which is not a step`, `steps: ${[...byId.keys()].slice(0, 10).join(', ')}${byId.size > 10 ? ', …' : ''}`);
			if (need === step.id) throw failure(`${file}: step "${step.id}" needs itself`);
			targets.push(need);
		}
		if (parent !== undefined) {
			if (step.needs.includes(parent)) throw failure(`${file}: step "${step.id}" needs "${parent}", the step it is nested in`, 'nested steps already run inside their parent');
			targets.push(parent);
		}
		edges.set(step.id, targets);
	}
	// Kahn: count what each step waits for; release steps whose waits are all resolved.
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

/** `k=v` assignments from --var flags (values may hold `=` and commas). */
export function parseVarAssignments(values: readonly string[]): Record<string, string> {
	const vars: Record<string, string> = {};
	for (const value of values) {
		const index = value.indexOf('=');
		if (index <= 0) throw usageError(`--var "${value}" is not key=value`, 'e.g. --var version=1.2.0');
		vars[value.slice(0, index).trim()] = value.slice(index + 1);
	}
	return vars;
}

/** The raw values of a repeatable --var flag (not split on commas: values may hold them). */
export function varsFromFlag(value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	return parseVarAssignments((Array.isArray(value) ? value : [value]).map(String));
}
