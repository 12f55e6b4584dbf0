import {connectSessions} from '../../core/sessions/over-daemon.js';
import {startMayor} from '../../core/work/mayor.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const control = await connectSessions(townRoot);
	try {
		const {info, started, resumed} = await startMayor(townRoot, control, {agent: flagString(context, 'agent'), fresh: flagBool(context, 'fresh')});
		const how = resumed ? ', resuming its last conversation; --fresh starts a new one' : '';
		context.out.line(started ? `Started the Mayor (${info.agent}, pid ${info.pid ?? '?'}${how}). Talk to it: gt mayor attach` : `The Mayor is already running (${info.agent}, ${info.state.state}). Talk to it: gt mayor attach`);
	} finally {
		control.close();
	}
}
