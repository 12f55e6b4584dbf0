import {listConvoys} from '../../core/convoys/convoy.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {progressBar, stateOf} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const all = flagBool(context, 'all');
	const convoys = await listConvoys(townRoot, {all});
	if (flagBool(context, 'json')) {
		context.out.json(convoys);
		return;
	}
	if (convoys.length === 0) {
		context.out.line(all ? 'No convoys. Create one with `gt convoy create <name> [bead…]`.' : 'No open convoys. `gt convoy list --all` includes landed ones.');
		return;
	}
	const shown = convoys.map(convoy => ({convoy, id: safeText(convoy.id), title: safeText(convoy.title)}));
	const idWidth = Math.max(...shown.map(row => row.id.length));
	const titleWidth = Math.min(40, Math.max(...shown.map(row => row.title.length)));
	for (const {convoy, id, title: full} of shown) {
		const title = full.length > titleWidth ? `${full.slice(0, titleWidth - 1)}…` : full;
		context.out.line(`${id.padEnd(idWidth)}  ${title.padEnd(titleWidth)}  ${progressBar(convoy.done, convoy.total)}  ${safeText(stateOf(convoy))}`);
	}
}
