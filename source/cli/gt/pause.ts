// gt pause <agent> [-m why]: stop an agent where it is (its process group, SIGSTOP). It
// keeps its hook, worktree and conversation, uses no CPU, is not seen as stalled, and
// stays paused across a daemon restart; gt resume continues it.
import {requireTownRoot} from '../../core/base/paths.js';
import {pauseAgent} from '../../core/work/pause.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const info = await pauseAgent(townRoot, context.args[0]!, flagString(context, 'message')?.trim() || 'paused by hand', actorOf(context).actor);
	if (flagBool(context, 'json')) context.out.json(info);
	else context.out.line(`Paused ${info.address}${info.bead ? ` (hook: ${info.bead})` : ''}. It uses no CPU until \`gt resume ${info.address}\`.`);
	return 0;
}
