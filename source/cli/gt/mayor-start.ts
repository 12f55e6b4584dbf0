import {connectSessions} from '../../core/sessions/over-daemon.js';
import {startMayor} from '../../core/work/mayor.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const control = await connectSessions(townRoot);
	try {
		const {info, started} = await startMayor(townRoot, control, {agent: flagString(context, 'agent')});
		context.out.line(started ? `Started the Mayor (${info.agent}, pid ${info.pid ?? '?'}). Talk to it: gt mayor attach` : `The Mayor is already running (${info.agent}, ${info.state.state}). Talk to it: gt mayor attach`);
	} finally {
		control.close();
	}
}
