// gt down: stop every agent cleanly, then the daemon. Hooks and sessions.json stay,
// so `gt up` brings back every agent that still has work.
import {setTimeout as sleep} from 'node:timers/promises';
import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {daemonPaths, isRunningProcess, removeDeadDaemonSocket} from '../../core/daemon/daemon-paths.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const paths = daemonPaths(townRoot);
	const daemon = await sessionsIfRunning(townRoot);
	if (!daemon) {
		context.out.line('The daemon is not running; nothing to stop.');
		return 0;
	}
	const status = await daemon.status();
	const running = status.sessions.filter(info => info.state.state !== 'exited').length;
	await daemon.shutdown({stopAgents: true});
	// The daemon closes its socket once its agents are gone (3 s grace each, in parallel), then exits.
	await Promise.race([daemon.client.closed, sleep(20_000, undefined, {ref: false})]);
	daemon.close();
	const deadline = Date.now() + 5000;
	while (isRunningProcess(status.pid) && Date.now() < deadline) await sleep(50);
	const stillThere = isRunningProcess(status.pid);
	// Gone (a zombie counts): whatever socket it left must not catch the next `gt up`.
	if (!stillThere) removeDeadDaemonSocket(paths);
	context.out.line(`Stopped ${running} agent${running === 1 ? '' : 's'} and the daemon${stillThere ? ` (pid ${status.pid} is still exiting)` : ''}.`);
	if (running > 0) context.out.line('Hooked work stays on its hooks; `gt up` resumes it.');
	return 0;
}
