// gt resume <agent>: continue a paused agent where it stopped (SIGCONT), or, when its
// process did not survive a daemon restart, start it again resuming its conversation.
import {requireTownRoot} from '../../core/base/paths.js';
import {resumeAgent} from '../../core/work/pause.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const info = await resumeAgent(townRoot, context.args[0]!, actorOf(context).actor);
	if (flagBool(context, 'json')) context.out.json(info);
	else context.out.line(`Resumed ${info.address} (${info.state.state}).`);
	return 0;
}
