import {cookFormula, countSteps, requiredVars} from '../../core/formulas/cook.js';
import {flattenSteps, isTable, type FormulaVar} from '../../core/formulas/parse.js';
import {FormulaLoader} from '../../core/formulas/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

function howOf(name: string, spec: FormulaVar, required: readonly string[]): string {
	if (spec.required === true && spec.default !== undefined) return `required, = ${JSON.stringify(spec.default)} (conflict: cook and pour refuse it)`;
	if (required.includes(name)) return 'required';
	return spec.default !== undefined ? `= ${JSON.stringify(spec.default)}` : 'optional';
}

export async function run(context: CommandContext) {
	const name = context.args[0]!;
	const loader = new FormulaLoader(context.env);
	const {entry} = loader.entry(name);
	const resolved = loader.resolve(name);
	// The steps as they pour: after extends, loops, expansions and advice (placeholders kept).
	const composed = cookFormula(context.env, name, {mode: 'compile', loader, showOnly: true}).formula;
	const required = requiredVars(resolved);
	if (flagBool(context, 'json')) {
		const {file, ...rest} = resolved;
		context.out.json({...rest, name: entry.name, source: entry.source, file, required, steps: composed.steps});
		return;
	}
	const out = context.out;
	const count = countSteps(composed.steps);
	out.line(`${resolved.formula}  v${resolved.version} · ${resolved.type} · ${count} step${count === 1 ? '' : 's'} · ${entry.source} (${entry.file})`);
	if (resolved.extends.length > 0) out.line(`  extends: ${resolved.extends.join(', ')}`);
	if (resolved.phase) out.line(`  phase: ${resolved.phase}${resolved.phase === 'vapor' ? ' (meant as a wisp: bd mol wisp)' : ''}`);
	if (resolved.description) for (const line of resolved.description.trim().split('\n')) out.line(`  ${safeText(line)}`);
	const compose = resolved.compose;
	const composeLines = [
		...(compose?.expand ?? []).map(rule => `expand ${rule.target} with ${rule.with}`),
		...(compose?.map ?? []).map(rule => `map ${rule.select} with ${rule.with}`),
		...(compose?.branch ?? []).map(rule => `branch from ${rule.from} to ${rule.steps.join(', ')}, join at ${rule.join}`),
		...(compose?.gate ?? []).map(rule => `gate before ${rule.before}: ${rule.condition}`),
		...(compose?.aspects ?? []).map(aspect => `aspect ${aspect}`),
		...(resolved.advice ?? []).map(rule => `advice on ${rule.target}`),
		...(resolved.pointcuts ?? []).map(pointcut => `pointcut ${[pointcut.glob, pointcut.type && `type=${pointcut.type}`, pointcut.label && `label=${pointcut.label}`].filter(Boolean).join(' ')}`),
	];
	if (composeLines.length > 0) {
		out.line('');
		out.line('Composition:');
		for (const line of composeLines) out.line(`  ${safeText(line)}`);
	}
	const vars = Object.entries(resolved.vars);
	if (vars.length > 0) {
		out.line('');
		out.line('Variables (enum and pattern are checked at cook and pour; Beads only lists them):');
		const width = Math.max(...vars.map(([varName]) => varName.length));
		for (const [varName, spec] of vars) {
			const how = howOf(varName, spec, required);
			const checks = [spec.enum?.length ? `one of: ${spec.enum.join(', ')}` : '', spec.pattern ? `matches: ${spec.pattern}` : ''].filter(Boolean).join('; ');
			out.line(`  ${varName.padEnd(width)}  ${how.padEnd(12)}  ${safeText(spec.description ?? '')}${checks ? ` [${checks}]` : ''}`.trimEnd());
		}
	}
	const steps = flattenSteps(composed.steps);
	if (steps.length > 0) {
		out.line('');
		out.line('Steps:');
		const depthOf = new Map<string, number>();
		for (const {step, parent} of steps) depthOf.set(step.id, parent === undefined ? 0 : depthOf.get(parent)! + 1);
		const width = Math.max(...steps.map(({step}) => step.id.length + 2 * depthOf.get(step.id)!));
		for (const {step} of steps) {
			const id = `${'  '.repeat(depthOf.get(step.id)!)}${step.id}`;
			const needs = [...step.needs, ...step.depends_on];
			const extras = [needs.length > 0 ? `needs ${needs.join(', ')}` : '', step.gate ? `gate ${step.gate.type}` : '', step.waits_for ? `waits for ${step.waits_for}` : '', step.condition ? `if ${step.condition}` : '', step.loop ? 'loop' : ''].filter(Boolean);
			out.line(`  ${id.padEnd(width)}  ${safeText(step.title)}${extras.length > 0 ? `  (${extras.join('; ')})` : ''}`);
		}
	}
	const inputs = Object.entries(isTable(resolved.inputs) ? resolved.inputs : {});
	if (inputs.length > 0) {
		out.line('');
		out.line('Inputs (gt formula run --var name=value):');
		const width = Math.max(...inputs.map(([inputName]) => inputName.length));
		for (const [inputName, spec] of inputs) {
			const table = isTable(spec) ? spec : {};
			const how = table.required === true && table.default === undefined ? 'required' : table.default !== undefined ? `= ${JSON.stringify(String(table.default))}` : 'optional';
			out.line(`  ${inputName.padEnd(width)}  ${how.padEnd(12)}  ${safeText(String(table.description ?? ''))}`.trimEnd());
		}
	}
	const legs = resolved.legs ?? [];
	if (legs.length > 0) {
		out.line('');
		out.line(`Legs (gt formula run ${resolved.formula}: one polecat each${resolved.synthesis ? ', then the synthesis' : ''}):`);
		const width = Math.max(...legs.map(leg => leg.id.length));
		for (const leg of legs) out.line(`  ${leg.id.padEnd(width)}  ${safeText(leg.title)}`);
		if (resolved.synthesis) out.line(`  ${'synthesis'.padEnd(width)}  ${safeText(String(resolved.synthesis.title ?? 'Synthesis'))}  (after every leg)`);
	}
}
