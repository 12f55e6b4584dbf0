// gt daemon run: the town daemon in the foreground, logging one line per event
// (its composition root is main/daemon.ts, handed in as context.processes).
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	await context.processes.runDaemon(requireTownRoot(context.env), context.env);
	return 0;
}
