import {refineResult, isPlainRefinement} from '../../core/beads/refine.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printAnswer} from './list-output.js';
import {listRefinement} from './record-flags.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const filter = filterFromFlags(context, ledger);
	const refinement = listRefinement(context, ledger);
	const now = context.env.now();
	// The read index answers the coarse query; the ledger files are read only for JSON,
	// --long, or the finer filters and sorts, which need whole records.
	const view = await ledger.view({records: flagBool(context, 'json') || flagBool(context, 'long') || !isPlainRefinement(refinement)});
	// --ready: bd ready's own test (open, unblocked, not deferred), as the original's list --ready.
	const coarse = flagBool(context, 'ready') ? view.ready({...filter, statuses: undefined, includeClosed: false}, now) : view.list(filter);
	const empty = filter.includeClosed ? 'No beads.' : 'No open beads (use --all to include closed ones).';
	printAnswer(context, view, refineResult(view, coarse, refinement, now), {limit: limitOf(context, 50), empty: isPlainRefinement(refinement) ? empty : 'No beads match.'});
}
