import {openCurrentLedger} from '../../core/beads/resolve.js';
import {cook} from '../../core/formulas/cook.js';
import {varsFromFlag} from '../../core/formulas/parse.js';
import {pour} from '../../core/formulas/pour.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

/** Shared by `bd mol pour` and `bd mol wisp`: they differ only in ephemeral. */
export async function pourCommand(context: CommandContext, ephemeral: boolean) {
	const cooked = cook(context.env, context.args[0]!, varsFromFlag(context.flags.var));
	const ledger = openCurrentLedger(context.env);
	const result = await pour(ledger, cooked, {ephemeral}, actorOf(context));
	if (flagBool(context, 'json')) {
		context.out.json({new_epic_id: result.root.id, id_mapping: result.steps, created: result.created, phase: result.phase, root: result.root});
		return;
	}
	const steps = result.created - 1;
	context.out.line(`${ephemeral ? 'Wisp' : 'Poured'} ${cooked.formula} as ${result.root.id}: ${safeText(result.root.title)} (${steps} step${steps === 1 ? '' : 's'})`);
	context.out.line(`Progress: bd mol progress ${result.root.id}`);
}

export async function run(context: CommandContext) {
	await pourCommand(context, false);
}
