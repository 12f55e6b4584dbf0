// gt daemon run: the town daemon in the foreground, logging one line per event.
import {runDaemon} from '../../main/daemon.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	await runDaemon(requireTownRoot(context.env), context.env);
	return 0;
}
