import {openLedgerForId} from '../../core/beads/resolve.js';
import {burnMolecule} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const ledger = openLedgerForId(context.env, id);
	const who = actorOf(context);
	const result = await ledger.transact(state => burnMolecule(state, id, {force: flagBool(context, 'force')}, who));
	if (flagBool(context, 'json')) context.out.json(result);
	else context.out.line(`Burned ${id}: ${result.removed.length} bead${result.removed.length === 1 ? '' : 's'} removed`);
}
