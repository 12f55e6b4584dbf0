import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const daemon = await sessionsIfRunning(townRoot);
	if (!daemon) {
		context.out.line('Nobody is attached: the daemon is not running.');
		return;
	}
	try {
		const detached = await daemon.detach('mayor');
		context.out.line(detached > 0 ? `Detached ${detached} terminal${detached === 1 ? '' : 's'} from the Mayor. It keeps running.` : 'Nobody is attached to the Mayor.');
	} finally {
		daemon.close();
	}
}
