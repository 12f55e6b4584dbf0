import {convoyStatus, listConvoys, type ConvoyStatus, type TrackedBead} from '../../core/convoys/convoy.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {progressBar, trackedLine} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

const groups: Array<{label: string; mark: string; holds: (bead: TrackedBead) => boolean}> = [
	{label: 'Ready/open', mark: '○', holds: bead => !bead.missing && !['in_progress', 'hooked', 'closed'].includes(bead.status)},
	{label: 'In progress/hooked', mark: '◐', holds: bead => bead.status === 'in_progress' || bead.status === 'hooked'},
	{label: 'Done', mark: '✓', holds: bead => bead.status === 'closed'},
	{label: 'Missing (no ledger holds them)', mark: '?', holds: bead => Boolean(bead.missing)},
];

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	// The original's `gt convoy status` with no id shows every active convoy.
	if (context.spec.path[1] === 'status' && context.args[0] === undefined) {
		const open = await listConvoys(townRoot);
		if (flagBool(context, 'json')) {
			context.out.json(open);
			return;
		}
		if (open.length === 0) context.out.line('No open convoys. `gt convoy list --all` includes landed ones.');
		open.forEach((convoy, index) => {
			if (index > 0) context.out.line();
			print(context, convoy);
		});
		return;
	}
	const convoy = await convoyStatus(townRoot, context.args[0]);
	if (flagBool(context, 'json')) {
		context.out.json(convoy);
		return;
	}
	if (convoy.defaulted) context.out.note(`(the most recent open convoy; name another with \`gt convoy show <id>\`)`);
	print(context, convoy);
}

function print(context: CommandContext, convoy: ConvoyStatus) {
	const state = safeText(convoy.status === 'closed' ? (convoy.close_reason === 'landed' ? 'landed' : `closed: ${convoy.close_reason ?? ''}`.replace(/: $/, '')) : convoy.status);
	context.out.line(`🚚 ${safeText(convoy.id)}: ${safeText(convoy.title)}  [${state}]`);
	context.out.line(`Progress: ${progressBar(convoy.done, convoy.total)}${convoy.owner ? `  owner ${safeText(convoy.owner)}` : ''}  created ${convoy.created_at}${convoy.closed_at ? `  closed ${convoy.closed_at}` : ''}`);
	if (convoy.tracked.length === 0) {
		context.out.line('  tracks nothing yet — gt convoy add --convoy ' + convoy.id + ' <bead…>');
		return;
	}
	for (const group of groups) {
		const beads = convoy.tracked.filter(group.holds);
		if (beads.length === 0) continue;
		context.out.line(`${group.label} (${beads.length}):`);
		for (const bead of beads) context.out.line(trackedLine(bead, group.mark));
	}
}
