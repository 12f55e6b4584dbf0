import {listConvoys} from '../../core/convoys/convoy.js';
import {refreshConvoys} from '../../core/convoys/landing.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf, reportLanding} from './convoy-format.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const id = context.args[0];
	const landings = await withLazySessions(townRoot, async sessions => refreshConvoys(townRoot, id, actorOf(context), {sessions}));
	if (flagBool(context, 'json')) {
		context.out.json({landed: landings.map(landing => ({...landing.convoy, mailed: landing.mailed, mail_errors: landing.mailErrors}))});
		return;
	}
	for (const landing of landings) reportLanding(context, landing);
	if (landings.length > 0) return;
	const open = (await listConvoys(townRoot)).filter(convoy => !id || convoy.id === id);
	if (id && open.length === 0) context.out.line(`${id} is already closed.`);
	else context.out.line(`Nothing to land: ${open.length} open convoy${open.length === 1 ? ' has' : 's have'} beads still open.`);
}
