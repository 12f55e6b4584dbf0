import {openLedgerForId} from '../../core/beads/resolve.js';
import {isDone} from '../../core/beads/queries.js';
import {requireMolecule, squashMolecule, stepsOf} from '../../core/formulas/molecule.js';
import {conflict} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const ledger = openLedgerForId(context.env, id);
	const keepChildren = flagBool(context, 'keepChildren');
	if (flagBool(context, 'dryRun')) {
		const state = await ledger.read();
		const root = requireMolecule(state, id);
		const steps = stepsOf(state, id).map(item => item.bead);
		const open = steps.filter(step => !isDone(step));
		if (open.length > 0) throw conflict(`${id} has ${open.length} unfinished step${open.length === 1 ? '' : 's'} (${open.slice(0, 3).map(step => step.id).join(', ')})`, `close them first, or discard it: bd mol burn ${id}`);
		const plan = {molecule: id, digest_title: `Digest: ${root.title}`, would_remove: keepChildren ? [] : steps.map(step => step.id), root: keepChildren || root.ephemeral !== true ? 'closed' : 'removed'};
		if (flagBool(context, 'json')) context.out.json(plan);
		else context.out.line(`Dry run: would squash ${id} into "${safeText(plan.digest_title)}" (${plan.would_remove.length} step${plan.would_remove.length === 1 ? '' : 's'} removed, root ${plan.root})`);
		return;
	}
	const who = actorOf(context);
	const result = await ledger.transact(state => squashMolecule(state, ledger, id, {summary: flagString(context, 'summary'), keepChildren}, who));
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	const steps = result.removed.length - (result.root === 'removed' ? 1 : 0);
	context.out.line(`Squashed ${id} into ${result.digest.id}: ${safeText(result.digest.title)} (${keepChildren ? 'steps kept' : `${steps} step${steps === 1 ? '' : 's'} removed`}, root ${result.root})`);
}
