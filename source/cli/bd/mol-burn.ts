import {openLedgerForId} from '../../core/beads/resolve.js';
import {burnMolecule, requireMolecule, stepsOf} from '../../core/formulas/molecule.js';
import {conflict} from '../../core/base/errors.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const ids = [...new Set(context.args)];
	const force = flagBool(context, 'force');
	// Every id is checked before any is burned: a typo in the last one burns nothing.
	for (const id of ids) {
		const state = await openLedgerForId(context.env, id).read();
		const root = requireMolecule(state, id);
		const working = [root, ...stepsOf(state, id).map(item => item.bead)].filter(bead => bead.status === 'in_progress' || bead.status === 'hooked');
		if (working.length > 0 && !force) throw conflict(`${working.map(bead => bead.id).join(', ')} ${working.length === 1 ? 'is' : 'are'} in progress`, `burn it anyway with --force: bd mol burn ${ids.join(' ')} -f`);
	}
	const who = actorOf(context);
	const results = [];
	for (const id of ids) {
		const ledger = openLedgerForId(context.env, id);
		results.push(await ledger.transact(state => burnMolecule(state, id, {force}, who)));
	}
	if (flagBool(context, 'json')) context.out.json(ids.length === 1 ? results[0] : results);
	else for (const result of results) context.out.line(`Burned ${result.molecule}: ${result.removed.length} bead${result.removed.length === 1 ? '' : 's'} removed`);
}
