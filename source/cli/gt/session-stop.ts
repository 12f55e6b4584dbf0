// gt session stop <agent> [--force]: end one agent's session. Its hook and worktree stay, so
// `gt up` (or `gt agents --all`) brings it back on the same work.
import {parseAgentRef} from '../../core/agents/address.js';
import {notFound} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {isLive} from '../../core/sessions/port.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const agent = parseAgentRef(townRoot, context.args[0]!);
	const stopped = await withRunningSessions(townRoot, async daemon => {
		const info = (await daemon?.sessions())?.find(session => session.id === agent.sessionId);
		if (!daemon || !isLive(info)) return false;
		await daemon.stop(agent.sessionId, {force: flagBool(context, 'force')});
		return true;
	});
	if (!stopped) throw notFound(`${agent.address} has no running session`, 'gt agents --all lists every agent and its state');
	context.out.line(`Stopped ${agent.address}; its hook and worktree are kept (gt up starts it again).`);
	return 0;
}
