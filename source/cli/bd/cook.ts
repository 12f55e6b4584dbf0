import {cook} from '../../core/formulas/cook.js';
import {flattenSteps, varsFromFlag} from '../../core/formulas/parse.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const cooked = cook(context.env, context.args[0]!, varsFromFlag(context.flags.var));
	if (flagBool(context, 'json')) {
		context.out.json(cooked);
		return;
	}
	const steps = flattenSteps(cooked.steps);
	const vars = Object.entries(cooked.vars).map(([name, value]) => `${name}=${value}`).join(' ');
	context.out.line(`${cooked.formula}  v${cooked.version} · ${steps.length} steps${vars ? ` · ${vars}` : ''}`);
	const depthOf = new Map<string, number>();
	for (const {step, parent} of steps) depthOf.set(step.id, parent === undefined ? 0 : depthOf.get(parent)! + 1);
	const width = Math.max(0, ...steps.map(({step}) => step.id.length + 2 * depthOf.get(step.id)!));
	for (const {step} of steps) {
		const id = `${'  '.repeat(depthOf.get(step.id)!)}${step.id}`;
		context.out.line(`  ${id.padEnd(width)}  ${safeText(step.title)}${step.needs.length > 0 ? `  (needs ${step.needs.join(', ')})` : ''}`);
	}
}
