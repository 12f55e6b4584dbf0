// bd count: how many beads match bd list's filters, closed ones included (as the
// original: no status filter means every status; ephemeral beads are never counted).
// --by-status/-priority/-type/-assignee/-label: counts per group, with the original's
// names (P0…, "(unassigned)", "(no labels)") and its JSON ({count} or {total, groups}).
import {usageError} from '../../core/base/errors.js';
import {isPlainRefinement, refineResult} from '../../core/beads/refine.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagList, type CommandContext} from '../spec.js';
import {filterFromFlags} from './filters.js';
import {listRefinement} from './record-flags.js';

const groupings: Record<string, (bead: Bead) => string[]> = {
	byStatus: bead => [bead.status],
	byPriority: bead => [`P${bead.priority}`],
	byType: bead => [bead.issue_type],
	byAssignee: bead => [bead.assignee || '(unassigned)'],
	byLabel: bead => (bead.labels?.length ? bead.labels : ['(no labels)']),
};

export async function run(context: CommandContext) {
	const chosen = Object.keys(groupings).filter(name => flagBool(context, name));
	if (chosen.length > 1) throw usageError('only one --by-* flag can be given', 'e.g. bd count --by-status');
	const ledger = openCurrentLedger(context.env);
	// `-s all` (the original's word for no status filter) and no -s both count every status.
	const statuses = flagList(context, 'status');
	const flags = {...context.flags, status: statuses.includes('all') ? undefined : context.flags.status, all: true};
	const counting = {...context, flags};
	const filter = filterFromFlags(counting, ledger);
	const refinement = listRefinement(counting, ledger);
	const view = await ledger.view({records: !isPlainRefinement(refinement)});
	const answer = refineResult(view, view.list(filter), refinement, context.env.now());
	const json = flagBool(context, 'json');
	if (chosen.length === 0) {
		if (json) context.out.json({count: answer.length});
		else context.out.line(String(answer.length));
		return;
	}
	const counts = new Map<string, number>();
	for (const bead of answer.beads(0)) for (const group of groupings[chosen[0]!]!(bead)) counts.set(group, (counts.get(group) ?? 0) + 1);
	const groups = [...counts].map(([group, count]) => ({group, count})).sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
	if (json) {
		context.out.json({total: answer.length, groups});
		return;
	}
	context.out.line(`Total: ${answer.length}\n`);
	for (const {group, count} of groups) context.out.line(`${safeText(group)}: ${count}`);
}
