import {openLedgerForId} from '../../core/beads/resolve.js';
import {moleculeProgress, requireMolecule} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const state = await openLedgerForId(context.env, id).read();
	const root = requireMolecule(state, id);
	const progress = moleculeProgress(state, root);
	if (flagBool(context, 'json')) {
		context.out.json({...root, progress: {total: progress.total, done: progress.done, percent: progress.percent, current: progress.current, next: progress.next}, steps: progress.steps});
		return;
	}
	const out = context.out;
	out.line(`${glyph(root.status)} ${root.id}  ${safeText(root.title)}`);
	out.line(`  ${[progress.formula ? `formula ${progress.formula}` : '', `${progress.done}/${progress.total} done`, root.ephemeral ? 'wisp' : ''].filter(Boolean).join(' · ')}`);
	if (progress.steps.length === 0) return;
	out.line('');
	const idWidth = Math.max(...progress.steps.map(step => step.id.length + 2 * (step.depth - 1)));
	for (const step of progress.steps) {
		const id = `${'  '.repeat(step.depth - 1)}${step.id}`;
		const marker = step.state === 'current' ? '  ← current' : step.state === 'next' ? '  ← next' : '';
		out.line(`  ${glyph(step.status)} ${id.padEnd(idWidth)}  ${safeText(step.title)}${marker}`);
	}
}
