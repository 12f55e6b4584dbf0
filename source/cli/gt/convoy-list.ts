import {listConvoys} from '../../core/convoys/convoy.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {progressBar, stateOf} from './convoy-format.js';

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
	const idWidth = Math.max(...convoys.map(convoy => convoy.id.length));
	const titleWidth = Math.min(40, Math.max(...convoys.map(convoy => convoy.title.length)));
	for (const convoy of convoys) {
		const title = convoy.title.length > titleWidth ? `${convoy.title.slice(0, titleWidth - 1)}…` : convoy.title;
		context.out.line(`${convoy.id.padEnd(idWidth)}  ${title.padEnd(titleWidth)}  ${progressBar(convoy.done, convoy.total)}  ${stateOf(convoy)}`);
	}
}
