// bd mol stale: molecules whose every step is closed but whose root is still open
// (a hooked root waits for gt done; anything else was left behind).
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {staleMolecules} from '../../core/formulas/lifecycle.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const stale = staleMolecules(await openCurrentLedger(context.env).read());
	if (flagBool(context, 'json')) {
		context.out.json({stale_molecules: stale, total_count: stale.length});
		return;
	}
	if (stale.length === 0) {
		context.out.line('No stale molecules: every molecule with all steps closed is closed.');
		return;
	}
	for (const molecule of stale) {
		const blocking = molecule.blocking_count > 0 ? `, blocking ${molecule.blocking_issues!.join(', ')}` : '';
		context.out.line(`${molecule.id}  ${safeText(molecule.title)}  ${molecule.closed_children}/${molecule.total_children} steps closed${molecule.assignee ? `, on ${molecule.assignee}` : ''}${blocking}  → bd close ${molecule.id}`);
	}
}
