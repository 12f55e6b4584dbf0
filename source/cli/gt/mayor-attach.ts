import {attachEndLine, attachSession} from '../../ui/attach.js';
import {connectSessions} from '../../core/sessions/over-daemon.js';
import {usageError} from '../../core/base/errors.js';
import {startMayor} from '../../core/work/mayor.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	if (!process.stdin.isTTY || !process.stdout.isTTY) throw usageError('gt mayor attach needs a terminal', 'run it in a terminal, or read the screen with `gt peek mayor`');
	const control = await connectSessions(townRoot);
	try {
		await startMayor(townRoot, control, {agent: flagString(context, 'agent')});
		const end = await attachSession(control.client, 'mayor', {stdin: process.stdin, stdout: process.stdout});
		if (end === 'exited') context.out.line('The Mayor exited. Start it again: gt mayor start');
		else if (end === 'gone') {
			context.out.line(attachEndLine(end, 'the Mayor')!);
			return 1;
		} else context.out.line('Detached. The Mayor keeps running (gt mayor attach to return).');
	} finally {
		control.close();
	}
}
