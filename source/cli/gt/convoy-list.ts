// gt convoy list [--all | --status <s>] [--tree] [--json]: convoys with progress; --status
// filters as the original does (open, closed; landed is closed because it landed), --tree
// prints each convoy's tracked beads under it.
import {listConvoys} from '../../core/convoys/convoy.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {progressBar, stateOf, trackedLine} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

const statuses = ['open', 'closed', 'landed'];

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const status = flagString(context, 'status')?.toLowerCase();
	if (status !== undefined && !statuses.includes(status)) throw usageError(`--status must be one of ${statuses.join(', ')} (got "${status}")`, 'see gt convoy list --help');
	const all = flagBool(context, 'all') || status !== undefined;
	const convoys = (await listConvoys(townRoot, {all})).filter(convoy => {
		if (status === undefined) return true;
		if (status === 'landed') return convoy.status === 'closed' && convoy.close_reason === 'landed';
		return status === 'closed' ? convoy.status === 'closed' : convoy.status !== 'closed';
	});
	if (flagBool(context, 'json')) {
		context.out.json(convoys);
		return;
	}
	if (convoys.length === 0) {
		context.out.line(status ? `No ${status} convoys.` : all ? 'No convoys. Create one with `gt convoy create <name> [bead…]`.' : 'No open convoys. `gt convoy list --all` includes landed ones.');
		return;
	}
	const shown = convoys.map(convoy => ({convoy, id: safeText(convoy.id), title: safeText(convoy.title)}));
	const idWidth = Math.max(...shown.map(row => row.id.length));
	const titleWidth = Math.min(40, Math.max(...shown.map(row => row.title.length)));
	const tree = flagBool(context, 'tree');
	for (const {convoy, id, title: full} of shown) {
		const title = full.length > titleWidth ? `${full.slice(0, titleWidth - 1)}…` : full;
		context.out.line(`${id.padEnd(idWidth)}  ${title.padEnd(titleWidth)}  ${progressBar(convoy.done, convoy.total)}  ${safeText(stateOf(convoy))}`);
		if (!tree) continue;
		convoy.tracked.forEach((bead, index) => {
			const mark = bead.missing ? '?' : bead.status === 'closed' ? '✓' : bead.status === 'in_progress' || bead.status === 'hooked' ? '◐' : '○';
			context.out.line(`  ${index === convoy.tracked.length - 1 ? '└─' : '├─'} ${trackedLine(bead, mark).trimStart()}`);
		});
	}
}
