import {moleculeProgress} from '../../core/formulas/molecule.js';
import {notFound} from '../../core/base/errors.js';
import {actorOf} from './context.js';
import {targetMolecules} from './mol-current.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	// Without an id: the molecule you work on (your hook's), as in Beads.
	const {state, roots} = await targetMolecules(context, context.args[0]);
	if (roots.length === 0) throw notFound(`no molecule is assigned to ${actorOf(context).actor} here`, 'give an id: bd mol progress <id> (bd mol list shows them)');
	const progress = moleculeProgress(state, roots[0]!);
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
