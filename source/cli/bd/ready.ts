import {usageError} from '../../core/base/errors.js';
import {isPlainRefinement, readyCounts, refineResult} from '../../core/beads/refine.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';
import {filterFromFlags} from './filters.js';
import {printAnswer} from './list-output.js';
import {readyRefinement} from './record-flags.js';
import {claimFirst} from './ready-claim.js';
import {readyHiddenTypes} from '../../core/beads/types.js';

/** The types the original's ready never lists (unless asked for with --type). */

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const claim = flagBool(context, 'claim');
	if (claim && flagString(context, 'assignee') !== undefined) throw usageError('--claim cannot be combined with --assignee', 'bd ready --claim takes the first ready bead for you');
	const filter = {...filterFromFlags(context, ledger), hiddenTypes: readyHiddenTypes, includeEphemeral: flagBool(context, 'includeEphemeral'), includeDeferred: flagBool(context, 'includeDeferred')};
	const refinement = readyRefinement(context, ledger);
	const now = context.env.now();
	const json = flagBool(context, 'json');
	const view = await ledger.view({records: json || claim || flagBool(context, 'long') || !isPlainRefinement(refinement)});
	const ready = refineResult(view, view.ready(filter, now), refinement, now);
	if (claim) return claimFirst(context, ledger, ready.beads(0));
	const extra = (bead: Bead) => readyCounts(view, bead);
	// The original's default of 100 holds for --json too, with a note when more are ready.
	const limit = context.flags.limit === undefined ? 100 : limitOf(context, 100);
	printAnswer(context, view, ready, {limit, empty: 'Nothing is ready: every open bead is blocked or deferred (see `bd blocked`).', extra});
	if (json && limit > 0 && ready.length > limit) context.out.note(`Showing ${limit} of ${ready.length} ready beads. Use --limit 0 for all, or --limit N to raise the cap.`);
}
