import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {isLive} from '../../core/sessions/port.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const control = await sessionsIfRunning(townRoot);
	if (!control) {
		context.out.line('The Mayor is not running (the daemon is down).');
		return;
	}
	try {
		const mayor = (await control.sessions()).find(info => info.id === 'mayor');
		if (!mayor || !isLive(mayor)) {
			context.out.line('The Mayor is not running.');
			return;
		}
		await control.stop('mayor');
		context.out.line('Stopped the Mayor. Its hooked work (if any) stays on its hook; `gt mayor start` brings it back.');
	} finally {
		control.close();
	}
}
