// bd children <parent-id>: as the original, bd list --parent <id> with every status, so
// closed children show too. The parent must exist; its children are read from the ledger
// that holds it (routed by prefix in a town), at every depth, as bd list --parent has them.
import {notFound} from '../../core/base/errors.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import type {CommandContext} from '../spec.js';
import {run as runList} from './list.js';

export async function run(context: CommandContext) {
	const parent = context.args[0]!;
	const ledger = openLedgerForId(context.env, parent);
	if (!(await ledger.view({records: false})).bead(parent)) throw notFound(`no bead "${parent}" in ${ledger.label}`, '`bd list` shows the ids');
	const env = {...context.env, vars: {...context.env.vars, BEADS_DIR: ledger.dir}};
	await runList({...context, env, args: [], flags: {...context.flags, parent, all: true, limit: 0}});
}
