// gt hook restore <archived>: bring an archived hook back into a worktree (its old one,
// recreated when it is gone), on its branch at the archived tip, with its last
// checkpoint's files.
import {requireTownRoot} from '../../core/base/paths.js';
import {findArchived, listArchived, restoreArchived} from '../../core/work/hook-archive.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const hook = findArchived(await listArchived(townRoot, context.env.vars), context.args[0]!);
	const restored = await restoreArchived(townRoot, hook, context.env.vars);
	if (flagBool(context, 'json')) {
		context.out.json({archived: hook.ref, ...restored});
		return 0;
	}
	context.out.line(`Restored ${hook.agent}'s ${hook.bead} into ${restored.worktree} on ${restored.branch}${restored.checkpointRestored ? ', with its last checkpoint\'s files' : ''}. The archive stays (${hook.ref}).`);
	return 0;
}
