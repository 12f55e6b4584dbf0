// gt sync: commit the town's durable ledgers and config, fetch, merge, push.
import {requireTownRoot} from '../../core/base/paths.js';
import {syncTown} from '../../core/sync/town-sync.js';
import {printSyncResult} from '../shared/sync-report.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const json = flagBool(context, 'json');
	const result = await syncTown(townRoot, context.env, json || !context.out.isTerminal ? {} : {onStep: step => context.out.note(`${step}…`)});
	if (json) {
		context.out.json(result);
		return 0;
	}
	printSyncResult(context.out, result, {site: result.site});
	for (const rig of result.rigs) {
		context.out.line(rig.problem ? `  rig  ${rig.rig}: arrived, but its clone failed: ${rig.problem}` : `  rig  ${rig.rig}: arrived; cloned from ${rig.url} with its refinery worktree`);
	}
	return 0;
}
