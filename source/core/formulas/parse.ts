// Formula files (`<name>.formula.toml`, or `.formula.json` as Beads also reads):
// parsed into a typed shape with the keys Beads and Gas Town define. Keys this tool
// does not act on are kept as they are, so a formula written for either round-trips
// through `bd cook`. Checks here are per key (types, ranges); the graph (ids, needs,
// loops) is checked once the formula is resolved (resolve.ts, graph.ts).
import path from 'node:path';
import {parseTomlText, readTextFile} from '../base/toml-file.js';
import {failure, usageError} from '../base/errors.js';

export const formulaSuffix = '.formula.toml';
export const jsonFormulaSuffix = '.formula.json';
/** TOML first, then JSON: the order Beads looks for a name in one directory. */
export const formulaSuffixes = [formulaSuffix, jsonFormulaSuffix] as const;

export type FormulaVar = {
	description?: string;
	required?: boolean;
	default?: string;
	enum?: string[];
	pattern?: string;
	type?: string;
	[key: string]: unknown;
};

export type StepGate = {type: string; id?: string; await_id?: string; timeout?: string; [key: string]: unknown};

export type LoopSpec = {count?: number; until?: string; max?: number; range?: string; var?: string; body: FormulaStep[]; [key: string]: unknown};

export type FormulaStep = {
	id: string;
	title: string;
	description?: string;
	notes?: string;
	type?: string;
	priority?: number;
	labels: string[];
	metadata?: Record<string, unknown>;
	needs: string[];
	depends_on: string[];
	waits_for?: string;
	assignee?: string;
	expand?: string;
	expand_vars?: Record<string, string>;
	condition?: string;
	children: FormulaStep[];
	gate?: StepGate;
	loop?: LoopSpec;
	on_complete?: Record<string, unknown>;
	[key: string]: unknown;
};

export type AdviceStep = {id: string; title?: string; description?: string; type?: string; [key: string]: unknown};
export type AdviceRule = {target: string; before?: AdviceStep; after?: AdviceStep; around?: {before?: AdviceStep[]; after?: AdviceStep[]}};
export type Pointcut = {glob?: string; type?: string; label?: string};
export type ExpandRule = {target: string; with: string; vars?: Record<string, string>};
export type MapRule = {select: string; with: string; vars?: Record<string, string>};
export type BranchRule = {from: string; steps: string[]; join: string};
export type GateRule = {before: string; condition: string};
export type BondPoint = {id: string; description?: string; after_step?: string; before_step?: string; parallel?: boolean};

export type ComposeRules = {
	bond_points?: BondPoint[];
	hooks?: Array<Record<string, unknown>>;
	expand?: ExpandRule[];
	map?: MapRule[];
	branch?: BranchRule[];
	gate?: GateRule[];
	aspects?: string[];
	[key: string]: unknown;
};

/** A convoy formula's leg: one polecat each (Gas Town's `gt formula run`). */
export type ConvoyLeg = {id: string; title: string; description?: string; focus?: string; agent?: string; [key: string]: unknown};

export type Formula = {
	formula: string;
	description?: string;
	version: number;
	type: string;
	extends: string[];
	vars: Record<string, FormulaVar>;
	steps: FormulaStep[];
	template?: FormulaStep[];
	compose?: ComposeRules;
	advice?: AdviceRule[];
	pointcuts?: Pointcut[];
	phase?: string;
	pour?: boolean;
	legs?: ConvoyLeg[];
	synthesis?: {title?: string; description?: string; depends_on?: string[]; [key: string]: unknown};
	/** The file it was read from. */
	file: string;
	[key: string]: unknown;
};

type Table = Record<string, unknown>;

export const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

export const formulaTypes = new Set(['workflow', 'expansion', 'aspect', 'convoy']);

/** A file's name without the suffix: `release.formula.toml` → `release`. */
export function formulaNameOf(file: string): string {
	const base = path.basename(file);
	const suffix = formulaSuffixes.find(candidate => base.endsWith(candidate));
	return suffix ? base.slice(0, -suffix.length) : base;
}

export function readFormulaFile(file: string): Formula {
	return parseFormulaText(readTextFile(file), file);
}

export function parseFormulaText(text: string, file: string): Formula {
	if (file.endsWith(jsonFormulaSuffix)) {
		let table: unknown;
		try {
			table = JSON.parse(text);
		} catch (error) {
			throw failure(`${file}: ${(error as Error).message}`, 'fix the formula file');
		}
		if (!isTable(table)) throw failure(`${file}: a JSON formula is one object`, 'fix the formula file');
		return formulaFromTable(table, file);
	}
	return formulaFromTable(parseTomlText(text, file, 'fix the formula file'), file);
}

export function stringList(value: unknown, what: string, file: string): string[] {
	if (value === undefined) return [];
	if (typeof value === 'string') return [value];
	if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) throw failure(`${file}: ${what} must be a list of strings`);
	return [...(value as string[])];
}

function optionalString(table: Table, key: string, what: string, file: string): string | undefined {
	const value = table[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw failure(`${file}: ${what}.${key} must be a string`);
	return value;
}

function stringMap(value: unknown, what: string, file: string): Record<string, string> | undefined {
	if (value === undefined) return undefined;
	if (!isTable(value)) throw failure(`${file}: ${what} must be a table of strings`);
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
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
		if (spec.enum !== undefined) variable.enum = stringList(spec.enum, `vars.${name}.enum`, file);
		const pattern = optionalString(spec, 'pattern', `vars.${name}`, file);
		if (pattern) {
			try {
				new RegExp(pattern, 'u');
			} catch {
				throw failure(`${file}: vars.${name}.pattern ${JSON.stringify(pattern)} is not a valid regular expression`, 'fix the pattern');
			}
		}
		optionalString(spec, 'description', `vars.${name}`, file);
		vars[name] = variable;
	}
	return vars;
}

function parseSteps(value: unknown, where: string, file: string): FormulaStep[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw failure(`${file}: ${where} must be [[${where}]] tables`);
	return value.map((step, index) => parseStep(step, `${where} ${index + 1}`, file));
}

export function parseStep(value: unknown, where: string, file: string): FormulaStep {
	if (!isTable(value)) throw failure(`${file}: ${where} must be a table`);
	const id = value.id;
	if (typeof id !== 'string' || !id.trim()) throw failure(`${file}: ${where} has no id`, 'every step needs id = "…"');
	const label = `step "${id}"`;
	const title = optionalString(value, 'title', label, file);
	const {children, loop, gate, ...rest} = value;
	const step: FormulaStep = {
		...rest,
		id,
		title: title ?? '',
		labels: stringList(value.labels, `${label} labels`, file),
		needs: stringList(value.needs, `${label} needs`, file),
		depends_on: stringList(value.depends_on, `${label} depends_on`, file),
		children: parseSteps(children, `${label} children`, file),
	};
	for (const key of ['description', 'notes', 'type', 'waits_for', 'assignee', 'expand', 'condition']) optionalString(value, key, label, file);
	if (value.priority !== undefined && (!Number.isInteger(value.priority) || (value.priority as number) < 0 || (value.priority as number) > 4)) {
		throw failure(`${file}: ${label} priority must be 0-4`);
	}
	if (value.metadata !== undefined && !isTable(value.metadata)) throw failure(`${file}: ${label} metadata must be a table`);
	if (value.expand_vars !== undefined) step.expand_vars = stringMap(value.expand_vars, `${label} expand_vars`, file);
	if (value.on_complete !== undefined && !isTable(value.on_complete)) throw failure(`${file}: ${label} on_complete must be a table`);
	if (gate !== undefined) {
		if (!isTable(gate) || typeof gate.type !== 'string' || !gate.type) throw failure(`${file}: ${label} gate needs a type`, 'e.g. gate = { type = "gh:run", id = "ci.yml" }');
		step.gate = {...gate, type: gate.type};
		for (const key of ['id', 'await_id', 'timeout']) optionalString(gate, key, `${label} gate`, file);
	}
	if (loop !== undefined) {
		if (!isTable(loop)) throw failure(`${file}: ${label} loop must be a table`);
		for (const key of ['count', 'max']) {
			if (loop[key] !== undefined && (!Number.isInteger(loop[key]) || (loop[key] as number) < 0)) throw failure(`${file}: ${label} loop.${key} must be a whole number ≥ 0`);
		}
		for (const key of ['until', 'range', 'var']) optionalString(loop, key, `${label} loop`, file);
		step.loop = {...loop, body: parseSteps(loop.body, `${label} loop body`, file)};
	}
	return step;
}

function adviceStep(value: unknown, what: string, file: string): AdviceStep {
	if (!isTable(value) || typeof value.id !== 'string' || !value.id) throw failure(`${file}: ${what} needs an id`, 'e.g. id = "{step.id}-check"');
	return {...value, id: value.id};
}

function parseAdvice(value: unknown, file: string): AdviceRule[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) throw failure(`${file}: advice must be [[advice]] tables`);
	return value.map((rule, index) => {
		const what = `advice ${index + 1}`;
		if (!isTable(rule) || typeof rule.target !== 'string' || !rule.target) throw failure(`${file}: ${what} needs a target`, 'e.g. target = "implement" or "*.test"');
		const parsed: AdviceRule = {...rule, target: rule.target};
		if (rule.before !== undefined) parsed.before = adviceStep(rule.before, `${what} before`, file);
		if (rule.after !== undefined) parsed.after = adviceStep(rule.after, `${what} after`, file);
		if (rule.around !== undefined) {
			if (!isTable(rule.around)) throw failure(`${file}: ${what} around must be a table`);
			const list = (items: unknown, side: string) => (items === undefined ? undefined : Array.isArray(items) ? items.map(item => adviceStep(item, `${what} around.${side}`, file)) : [adviceStep(items, `${what} around.${side}`, file)]);
			parsed.around = {before: list(rule.around.before, 'before'), after: list(rule.around.after, 'after')};
		}
		return parsed;
	});
}

function tableList<T>(value: unknown, what: string, file: string, required: readonly string[]): T[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) throw failure(`${file}: ${what} must be a list of tables`);
	return value.map((item, index) => {
		if (!isTable(item)) throw failure(`${file}: ${what} ${index + 1} must be a table`);
		for (const key of required) if (item[key] === undefined || item[key] === '') throw failure(`${file}: ${what} ${index + 1} needs ${key}`);
		return item as T;
	});
}

function parseCompose(value: unknown, file: string): ComposeRules | undefined {
	if (value === undefined) return undefined;
	if (!isTable(value)) throw failure(`${file}: [compose] must be a table`);
	const compose: ComposeRules = {...value};
	const set = <K extends keyof ComposeRules>(key: K, parsed: ComposeRules[K] | undefined) => {
		if (parsed === undefined) delete compose[key];
		else compose[key] = parsed;
	};
	set('expand', tableList<ExpandRule>(value.expand, 'compose.expand', file, ['target', 'with']));
	set('map', tableList<MapRule>(value.map, 'compose.map', file, ['select', 'with']));
	set('branch', tableList<BranchRule>(value.branch, 'compose.branch', file, ['from', 'steps', 'join'])?.map(rule => ({...rule, steps: stringList(rule.steps, 'compose.branch steps', file)})));
	set('gate', tableList<GateRule>(value.gate, 'compose.gate', file, ['before', 'condition']));
	set('bond_points', tableList<BondPoint>(value.bond_points, 'compose.bond_points', file, ['id']));
	set('hooks', tableList<Record<string, unknown>>(value.hooks, 'compose.hooks', file, ['trigger', 'attach']));
	if (value.aspects !== undefined) compose.aspects = stringList(value.aspects, 'compose.aspects', file);
	return compose;
}

/** Gas Town's rule for a file without `type`: legs make a convoy, a lone template an expansion, lone advice an aspect. */
function inferType(table: Table): string {
	if (typeof table.type === 'string' && table.type) return table.type;
	const has = (key: string) => Array.isArray(table[key]) && (table[key] as unknown[]).length > 0;
	if (has('steps') || table.extends !== undefined) return 'workflow';
	if (has('legs')) return 'convoy';
	if (has('template')) return 'expansion';
	if (has('advice')) return 'aspect';
	return 'workflow';
}

export function formulaFromTable(table: Table, file: string): Formula {
	const name = table.formula;
	if (typeof name !== 'string' || !name.trim()) throw failure(`${file}: no formula name`, 'add a line like formula = "release"');
	const version = table.version === undefined ? 1 : Number(table.version);
	if (!Number.isInteger(version) || version < 1) throw failure(`${file}: version must be a whole number ≥ 1`);
	const type = inferType(table);
	if (!formulaTypes.has(type)) throw failure(`${file}: type "${type}" is not one of workflow, expansion, aspect, convoy`);
	if (table.phase !== undefined && table.phase !== 'liquid' && table.phase !== 'vapor') throw failure(`${file}: phase must be "liquid" or "vapor"`);
	const {steps, vars, extends: parents, template, compose, advice, pointcuts, legs, ...rest} = table;
	const formula: Formula = {...rest, formula: name, version, type, extends: stringList(parents, 'extends', file), vars: parseVars(vars, file), steps: parseSteps(steps, 'steps', file), file};
	if (table.description !== undefined) formula.description = String(table.description);
	if (template !== undefined) formula.template = parseSteps(template, 'template', file);
	const parsedCompose = parseCompose(compose, file);
	if (parsedCompose) formula.compose = parsedCompose;
	const parsedAdvice = parseAdvice(advice, file);
	if (parsedAdvice) formula.advice = parsedAdvice;
	if (pointcuts !== undefined) formula.pointcuts = tableList<Pointcut>(pointcuts, 'pointcuts', file, []) ?? [];
	if (legs !== undefined) {
		formula.legs = (tableList<ConvoyLeg>(legs, 'legs', file, ['id']) ?? []).map(leg => ({...leg, title: typeof leg.title === 'string' && leg.title ? leg.title : leg.id}));
	}
	if (table.synthesis !== undefined && !isTable(table.synthesis)) throw failure(`${file}: [synthesis] must be a table`);
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
