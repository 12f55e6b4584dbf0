// bd mol ready [id]: the steps of a molecule that can start now (Beads' `bd ready
// --mol` object). --gated: molecules whose gate closed and whose guarded step is
// ready for someone to pick up (Beads' gate-resume dispatch).
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {BlockedIndex, isDone} from '../../core/beads/queries.js';
import {moleculeProgress} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {targetMolecules} from './mol-current.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	if (flagBool(context, 'gated')) {
		const state = await openCurrentLedger(context.env).read();
		const blocked = new BlockedIndex(state);
		const resumable = state.all().filter(bead => bead.issue_type === 'gate' && isDone(bead)).flatMap(gate => {
			const guarded = state.dependentsOf(gate.id).filter(edge => edge.type === 'blocks').map(edge => state.get(edge.issue_id)).filter(bead => bead && bead.status === 'open' && !bead.assignee && !blocked.isBlocked(bead));
			return guarded.map(step => ({gate: gate.id, step: step!.id, title: step!.title}));
		});
		if (flagBool(context, 'json')) context.out.json(resumable);
		else if (resumable.length === 0) context.out.line('No gated step is ready to resume.');
		else for (const item of resumable) context.out.line(`${item.step}  ${safeText(item.title)}  (gate ${item.gate} closed)`);
		return;
	}
	const {state, roots} = await targetMolecules(context, context.args[0]);
	const blocked = new BlockedIndex(state);
	const results = roots.map(root => {
		const progress = moleculeProgress(state, root, blocked);
		const ready = progress.steps.filter(step => step.state === 'current' && step.status === 'open');
		return {molecule_id: root.id, total_steps: progress.total, ready_steps: ready.length, steps: ready.map(step => ({id: step.id, title: step.title, status: step.status})), parallel_groups: ready.length > 1 ? [ready.map(step => step.id)] : []};
	});
	if (flagBool(context, 'json')) {
		context.out.json(context.args[0] ? results[0] : results);
		return;
	}
	if (results.length === 0) context.out.line('No molecule here is yours (give an id: bd mol ready <id>).');
	for (const result of results) {
		context.out.line(`${result.molecule_id}: ${result.ready_steps} of ${result.total_steps} steps ready`);
		for (const step of result.steps) context.out.line(`  ${step.id}  ${safeText(step.title)}`);
	}
}
