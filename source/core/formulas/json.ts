// The JSON `bd cook` prints: Beads' resolved-formula shape (formula, description,
// version, type, vars as definitions, steps, template, compose, advice, pointcuts,
// phase, pour, source), keys in Beads' order and empty ones left out as Go's
// omitempty does. Keys only Gas Town or a user's tool reads are kept after them.
import type {Formula, FormulaStep, FormulaVar} from './parse.js';

const stepOrder = ['id', 'title', 'description', 'notes', 'type', 'priority', 'labels', 'metadata', 'depends_on', 'needs', 'waits_for', 'assignee', 'expand', 'expand_vars', 'condition', 'children', 'gate', 'loop', 'on_complete'];
const formulaOrder = ['formula', 'description', 'version', 'type', 'extends', 'vars', 'steps', 'template', 'compose', 'advice', 'pointcuts', 'phase', 'pour'];
const varOrder = ['description', 'default', 'required', 'enum', 'pattern', 'type'];

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

function ordered(source: Record<string, unknown>, order: readonly string[], convert: (key: string, value: unknown) => unknown, keep: (key: string) => boolean = () => false): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const key of order) {
		const value = source[key];
		if (!isEmpty(value) || keep(key)) result[key] = convert(key, value);
	}
	for (const [key, value] of Object.entries(source)) {
		if (order.includes(key) || isEmpty(value)) continue;
		result[key] = convert(key, value);
	}
	return result;
}

export function stepJson(step: FormulaStep): Record<string, unknown> {
	return ordered(step, stepOrder, (key, value) => {
		if (key === 'children') return (value as FormulaStep[]).map(stepJson);
		if (key === 'loop' && value && typeof value === 'object') {
			const loop = value as {body: FormulaStep[]};
			return {...loop, body: loop.body.map(stepJson)};
		}
		return value;
	}, key => key === 'id' || key === 'title');
}

function varJson(spec: FormulaVar): Record<string, unknown> {
	// An empty default still counts as a default (Beads keeps a pointer to "").
	return ordered(spec, varOrder, (_key, value) => value, key => key === 'default' && spec.default !== undefined);
}

export function formulaJson(formula: Formula): Record<string, unknown> {
	const {file, ...rest} = formula;
	const json = ordered(rest, formulaOrder, (key, value) => {
		if (key === 'steps' || key === 'template') return (value as FormulaStep[]).map(stepJson);
		if (key === 'vars') return Object.fromEntries(Object.entries(value as Record<string, FormulaVar>).map(([name, spec]) => [name, varJson(spec)]));
		return value;
	}, key => key === 'version' || key === 'type');
	json.source = file;
	return json;
}
