import {openLedgerForId} from '../../core/beads/resolve.js';
import {squashMolecule} from '../../core/formulas/molecule.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const ledger = openLedgerForId(context.env, id);
	const who = actorOf(context);
	const result = await ledger.transact(state => squashMolecule(state, ledger, id, {summary: flagString(context, 'summary')}, who));
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	const steps = result.removed.length - (result.root === 'removed' ? 1 : 0);
	context.out.line(`Squashed ${id} into ${result.digest.id}: ${safeText(result.digest.title)} (${steps} step${steps === 1 ? '' : 's'} removed, root ${result.root})`);
}
