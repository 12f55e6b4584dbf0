import {usageError} from '../../core/base/errors.js';
import {containsText} from '../../core/beads/queries.js';
import {refineResult} from '../../core/beads/refine.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {BeadList} from '../../core/beads/read-cache/view.js';
import {flagList, flagString, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printAnswer} from './list-output.js';
import {listRefinement} from './record-flags.js';

export async function run(context: CommandContext) {
	const text = flagString(context, 'query') ?? context.args.join(' ');
	if (text.trim() === '') throw usageError('search needs the text to look for', 'bd search "login", or bd search --query "login"');
	const ledger = openCurrentLedger(context.env);
	// `-s all`, as the original: every status, closed ones too.
	const statuses = flagList(context, 'status');
	const all = statuses.includes('all');
	const filter = all ? {...filterFromFlags({...context, flags: {...context.flags, status: undefined}}, ledger), includeClosed: true} : filterFromFlags(context, ledger);
	const refinement = listRefinement(context, ledger);
	const now = context.env.now();
	const view = await ledger.view();
	const needle = text.toLowerCase();
	const matches = view.list(filter).records(0).filter(bead => containsText(bead, needle));
	printAnswer(context, view, refineResult(view, new BeadList(matches, view), refinement, now), {limit: limitOf(context, 50), empty: `No beads match "${text}".`});
}
