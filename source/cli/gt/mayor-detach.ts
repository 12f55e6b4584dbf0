import {connectDaemon, isDaemonRunning} from '../../core/daemon/client.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	if (!(await isDaemonRunning(townRoot))) {
		context.out.line('Nobody is attached: the daemon is not running.');
		return;
	}
	const client = await connectDaemon(townRoot, {start: false});
	try {
		const {detached} = await client.request<{detached: number}>('session.detach', {id: 'mayor'});
		context.out.line(detached > 0 ? `Detached ${detached} terminal${detached === 1 ? '' : 's'} from the Mayor. It keeps running.` : 'Nobody is attached to the Mayor.');
	} finally {
		client.close();
	}
}
