import {openCurrentLedger} from '../../core/beads/resolve.js';
import {cook} from '../../core/formulas/cook.js';
import {flattenSteps, varsFromFlag} from '../../core/formulas/parse.js';
import {pour} from '../../core/formulas/pour.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

/** Shared by `bd mol pour` and `bd mol wisp`: they differ only in ephemeral. */
export async function pourCommand(context: CommandContext, ephemeral: boolean) {
	const cooked = cook(context.env, context.args[0]!, varsFromFlag(context.flags.var));
	const name = cooked.formula.formula;
	if (flagBool(context, 'dryRun')) {
		const steps = flattenSteps(cooked.formula.steps);
		const gates = steps.filter(({step}) => step.gate).length;
		if (flagBool(context, 'json')) {
			context.out.json({formula: name, phase: ephemeral ? 'vapor' : 'liquid', would_create: steps.length + gates + 1, steps: steps.map(({step, parent}) => ({id: step.id, title: step.title, ...(parent ? {parent} : {})}))});
			return;
		}
		context.out.line(`Dry run: would ${ephemeral ? 'wisp' : 'pour'} ${name}: ${steps.length + gates + 1} beads (root, ${steps.length} step${steps.length === 1 ? '' : 's'}${gates > 0 ? `, ${gates} gate${gates === 1 ? '' : 's'}` : ''})`);
		for (const {step} of steps) context.out.line(`  ${step.id}  ${safeText(step.title)}`);
		return;
	}
	const ledger = openCurrentLedger(context.env);
	const result = await pour(ledger, cooked, {ephemeral, assignee: flagString(context, 'assignee')}, actorOf(context));
	for (const warning of result.warnings) context.out.note(`bd: ${warning}`);
	if (flagBool(context, 'json')) {
		context.out.json({new_epic_id: result.root.id, id_mapping: result.steps, created: result.created, phase: result.phase, root: result.root});
		return;
	}
	const steps = result.created - 1;
	context.out.line(`${ephemeral ? 'Wisp' : 'Poured'} ${name} as ${result.root.id}: ${safeText(result.root.title)} (${steps} step${steps === 1 ? '' : 's'})`);
	context.out.line(`Progress: bd mol progress ${result.root.id}`);
}

export async function run(context: CommandContext) {
	await pourCommand(context, false);
}
