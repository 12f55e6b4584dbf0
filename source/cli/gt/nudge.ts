// gt nudge <agent> <message...>: typed into the agent when it is idle, queued for its
// next idle moment otherwise. With the daemon down, queued for a recorded agent.
import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {daemonPaths, readSessionRecords} from '../../core/daemon/daemon-paths.js';
import {findAgent} from '../../core/sessions/agent-lookup.js';
import {enqueueNudge} from '../../core/daemon/nudge-queue.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {readFileSync} from 'node:fs';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const [ref, ...words] = context.args;
	// The original's --stdin spares an agent the shell quoting of a long message.
	const fromStdin = flagBool(context, 'stdin');
	if (fromStdin && (flagString(context, 'message') !== undefined || words.length > 0)) throw usageError('give the message as words, with -m or with --stdin: one of them', 'usage: gt nudge <agent> <message...>');
	const message = (fromStdin ? readFileSync(0, 'utf8') : flagString(context, 'message') ?? words.join(' ')).trim();
	if (message === '') throw usageError('the message is empty', 'usage: gt nudge <agent> <message...>');
	const daemon = await sessionsIfRunning(townRoot);
	if (daemon) {
		try {
			const agent = findAgent(await daemon.sessions(), ref!);
			const delivered = await daemon.nudge(agent.id, message);
			context.out.line(delivered === 'typed' ? `Typed into ${agent.address}.` : `Queued for ${agent.address} (${agent.state.state}); it is typed when the agent is idle.`);
			return 0;
		} finally {
			daemon.close();
		}
	}
	const paths = daemonPaths(townRoot);
	const agent = findAgent(readSessionRecords(paths.sessions).map(record => record.spec), ref!);
	enqueueNudge(paths.nudgeQueue, agent.id, message);
	context.out.line(`Queued for ${agent.address}; the daemon is not running, so it is typed after \`gt up\` brings the agent back.`);
	return 0;
}
