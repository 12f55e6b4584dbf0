// The small languages inside formulas: a step's `condition` ("{{v}}", "!{{v}}",
// "{{v}} == a", "{{v}} != a"), a loop's `range` ("1..2^{n}", + - * / ^ and
// parentheses), and the runtime conditions of `until` loops and compose gates
// (checked for syntax here; they are evaluated by whoever runs the molecule).
import {failure} from '../base/errors.js';

const truthyFalse = new Set(['', 'false', '0', 'no', 'off']);

/** Beads' truthiness: non-empty and not false/0/no/off (any case). */
export const isTruthy = (value: string | undefined) => !truthyFalse.has((value ?? '').toLowerCase());

const unquote = (text: string) => (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith('\'') && text.endsWith('\''))) ? text.slice(1, -1) : text);

/** Whether a step with this condition is kept; an unknown form is an error naming it. */
export function evaluateStepCondition(condition: string | undefined, vars: Readonly<Record<string, string>>): boolean {
	const text = (condition ?? '').trim();
	if (!text) return true;
	let match = /^\{\{(\w+)\}\}$/.exec(text);
	if (match) return isTruthy(vars[match[1]!]);
	match = /^!\{\{(\w+)\}\}$/.exec(text);
	if (match) return !isTruthy(vars[match[1]!]);
	match = /^\{\{(\w+)\}\}\s*(==|!=)\s*(.+)$/.exec(text);
	if (match) {
		const equal = (vars[match[1]!] ?? '') === unquote(match[3]!.trim());
		return match[2] === '==' ? equal : !equal;
	}
	throw failure(`condition "${condition}" is not {{var}}, !{{var}}, {{var}} == value or {{var}} != value`, 'fix the step\'s condition');
}

const conditionForms = [
	/^file\.exists\(['"](.+)['"]\)$/,
	/^env\.\w+\s*(==|!=|>=|<=|>|<)\s*.+$/,
	/^(children|descendants|steps)\(\w+\)\.(all|any|count)\((.+)\)(\s*(==|!=|>=|<=|>|<)\s*\d+)?$/,
	/^steps\.\w+\s*(==|!=|>=|<=|>|<)\s*\d+$/,
	/^\w+(\.\w+)*\s*(==|!=|>=|<=|>|<)\s*.+$/,
];

/** Checks the syntax of a runtime condition (`until`, compose gates): Beads' forms. */
export function checkRuntimeCondition(condition: string, where: string): void {
	const text = condition.trim();
	if (!text) throw failure(`${where}: the condition is empty`);
	const aggregate = conditionForms[2]!.exec(text);
	if (aggregate) {
		checkRuntimeCondition(aggregate[3]!, where);
		return;
	}
	if (!conditionForms.some(form => form.test(text))) {
		throw failure(`${where}: condition "${condition}" is not understood`, 'use e.g. step.status == \'complete\', output.approved == true, children(x).all(status == \'complete\'), file.exists(\'p\'), env.X == 1');
	}
}

type Token = {kind: 'number'; value: number} | {kind: 'op'; value: string};

function tokenize(text: string, where: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index]!;
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		const previous = tokens.at(-1);
		const unary = char === '-' && (!previous || (previous.kind === 'op' && previous.value !== ')'));
		if (/\d/.test(char) || (unary && /\d/.test(text[index + 1] ?? ''))) {
			const match = /^-?\d+(\.\d+)?/.exec(text.slice(index))!;
			tokens.push({kind: 'number', value: Number(match[0])});
			index += match[0].length;
			continue;
		}
		if (!'+-*/^()'.includes(char)) throw failure(`${where}: "${char}" is not allowed in "${text}"`, 'ranges use numbers, {var}, + - * / ^ and parentheses');
		tokens.push({kind: 'op', value: char});
		index++;
	}
	return tokens;
}

/** Evaluates `+ - * / ^` with parentheses; `^` binds right, as in Beads. */
export function evaluateExpression(text: string, where: string): number {
	const tokens = tokenize(text, where);
	let position = 0;
	const peek = () => tokens[position];
	const isOp = (value: string) => peek()?.kind === 'op' && peek()!.value === value;
	const primary = (): number => {
		const token = peek();
		if (!token) throw failure(`${where}: "${text}" ends too early`);
		if (token.kind === 'number') {
			position++;
			return token.value;
		}
		if (token.value === '-') {
			position++;
			return -primary();
		}
		if (token.value === '(') {
			position++;
			const value = sum();
			if (!isOp(')')) throw failure(`${where}: a ")" is missing in "${text}"`);
			position++;
			return value;
		}
		throw failure(`${where}: unexpected "${token.value}" in "${text}"`);
	};
	const power = (): number => {
		const base = primary();
		if (isOp('^')) {
			position++;
			return base ** power();
		}
		return base;
	};
	const product = (): number => {
		let value = power();
		while (isOp('*') || isOp('/')) {
			const op = (tokens[position++] as {value: string}).value;
			const right = power();
			if (op === '/' && right === 0) throw failure(`${where}: division by zero in "${text}"`);
			value = op === '*' ? value * right : value / right;
		}
		return value;
	};
	const sum = (): number => {
		let value = product();
		while (isOp('+') || isOp('-')) {
			const op = (tokens[position++] as {value: string}).value;
			const right = product();
			value = op === '+' ? value + right : value - right;
		}
		return value;
	};
	const value = sum();
	if (position < tokens.length) throw failure(`${where}: unexpected "${(tokens[position] as {value: unknown}).value}" in "${text}"`);
	return Math.trunc(value);
}

/** Single-brace `{name}` placeholders (loop, range and expansion variables). */
export function substituteBraces(text: string, vars: Readonly<Record<string, string>>): string {
	if (!text.includes('{')) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** `start..end` with `{var}`s: the inclusive bounds, or the names of vars it still needs. */
export function parseRange(range: string, vars: Readonly<Record<string, string>>, where: string): {start: number; end: number} | {missing: string[]} {
	const match = /^(.+)\.\.(.+)$/.exec(range.trim());
	if (!match) throw failure(`${where}: range "${range}" is not start..end`, 'e.g. range = "1..3" or "1..2^{n}"');
	const substituted = substituteBraces(range, vars);
	const missing = [...substituted.matchAll(/\{(\w+)\}/g)].map(found => found[1]!);
	if (missing.length > 0) return {missing: [...new Set(missing)]};
	const [, start, end] = /^(.+)\.\.(.+)$/.exec(substituted.trim())!;
	return {start: evaluateExpression(start!.trim(), where), end: evaluateExpression(end!.trim(), where)};
}
