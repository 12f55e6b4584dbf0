// gt dashboard [--port 8080] [--bind 127.0.0.1] [--open]: the web dashboard, loaded
// lazily (main/dashboard.ts) so no other command pays for the HTTP server.
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const portText = flagString(context, 'port') ?? '8080';
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port > 65535) throw usageError(`--port ${portText} is not a port`, 'give a number from 1 to 65535, or 0 for any free port');
	const bind = flagString(context, 'bind') ?? '127.0.0.1';
	if (!/^[A-Za-z0-9.:-]+$/.test(bind)) throw usageError(`--bind ${bind} is not an address`, 'give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0');
	return context.processes.runDashboard({townRoot, env: context.env, port, bind, open: flagBool(context, 'open'), line: text => context.out.line(text), note: text => context.out.note(text)});
}
