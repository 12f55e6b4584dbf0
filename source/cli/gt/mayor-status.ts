import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {mayorRef} from '../../core/agents/address.js';
import {findHookedWork} from '../../core/work/hook.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const info = await withRunningSessions(townRoot, async daemon => (await daemon?.sessions())?.find(session => session.id === 'mayor'));
	const hooked = await findHookedWork(townRoot, mayorRef(townRoot));
	if (flagBool(context, 'json')) {
		context.out.json({running: Boolean(info && info.state.state !== 'exited'), session: info ?? null, hooked: hooked?.bead.id ?? null});
		return;
	}
	if (!info) context.out.line('The Mayor is not running. Start it: gt mayor start');
	else context.out.line(`The Mayor (${info.agent}) is ${info.state.state}${info.state.detail ? `: ${info.state.detail}` : ''} — pid ${info.pid ?? '?'}, since ${info.startedAt}`);
	if (hooked) context.out.line(`Hooked: ${hooked.bead.id} ${safeText(hooked.bead.title)}`);
}
