import {openLedgerForId} from '../../core/beads/resolve.js';
import {moleculeProgress, requireMolecule} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const state = await openLedgerForId(context.env, id).read();
	const progress = moleculeProgress(state, requireMolecule(state, id));
	const titleOf = new Map(progress.steps.map(step => [step.id, step.title]));
	if (flagBool(context, 'json')) {
		const {steps: _steps, ...summary} = progress;
		context.out.json({...summary, current_step_id: progress.current[0] ?? null});
		return;
	}
	const out = context.out;
	out.line(`${progress.id}  ${safeText(progress.title)}`);
	out.line(`  ${progress.done}/${progress.total} done (${progress.percent}%)${progress.in_progress > 0 ? `, ${progress.in_progress} in progress` : ''}`);
	const show = (label: string, ids: readonly string[]) => {
		if (ids.length === 0) out.line(`  ${label}  —`);
		ids.forEach((stepId, index) => out.line(`  ${index === 0 ? label : ' '.repeat(label.length)}  ${stepId}  ${titleOf.get(stepId)}`));
	};
	show('current:', progress.current);
	show('next:   ', progress.next);
}
