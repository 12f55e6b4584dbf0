import {countSteps, requiredVars, resolveFormula} from '../../core/formulas/cook.js';
import {requireFormula} from '../../core/formulas/discover.js';
import {flattenSteps} from '../../core/formulas/parse.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const name = context.args[0]!;
	const entry = requireFormula(context.env, name);
	const formula = resolveFormula(context.env, name);
	const required = requiredVars(formula);
	if (flagBool(context, 'json')) {
		context.out.json({...formula, name: entry.name, source: entry.source, required});
		return;
	}
	const out = context.out;
	out.line(`${formula.formula}  v${formula.version} · ${formula.type} · ${countSteps(formula.steps)} steps · ${entry.source} (${entry.file})`);
	if (formula.extends.length > 0) out.line(`  extends: ${formula.extends.join(', ')}`);
	if (formula.description) for (const line of formula.description.trim().split('\n')) out.line(`  ${line}`);
	const vars = Object.entries(formula.vars);
	if (vars.length > 0) {
		out.line('');
		out.line('Variables:');
		const width = Math.max(...vars.map(([varName]) => varName.length));
		for (const [varName, spec] of vars) {
			const how = required.includes(varName) ? 'required' : spec.default !== undefined ? `= ${JSON.stringify(spec.default)}` : 'optional';
			out.line(`  ${varName.padEnd(width)}  ${how.padEnd(12)}  ${spec.description ?? ''}`.trimEnd());
		}
	}
	const steps = flattenSteps(formula.steps);
	if (steps.length > 0) {
		out.line('');
		out.line('Steps:');
		const depthOf = new Map<string, number>();
		for (const {step, parent} of steps) depthOf.set(step.id, parent === undefined ? 0 : depthOf.get(parent)! + 1);
		const width = Math.max(...steps.map(({step}) => step.id.length + 2 * depthOf.get(step.id)!));
		for (const {step} of steps) {
			const id = `${'  '.repeat(depthOf.get(step.id)!)}${step.id}`;
			const needs = step.needs.length > 0 ? `  (needs ${step.needs.join(', ')})` : '';
			out.line(`  ${id.padEnd(width)}  ${safeText(step.title)}${needs}`);
		}
	}
}
