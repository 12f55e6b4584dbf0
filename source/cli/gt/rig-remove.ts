// gt rig remove <name> [--force]
import {requireTownRoot} from '../../core/base/paths.js';
import {removeRig} from '../../core/town/rig-lifecycle.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const result = await removeRig(townRoot, context.args[0]!, {force: flagBool(context, 'force')}, context.env);
	for (const warning of result.warnings) context.out.note(`gt: warning: ${warning}`);
	for (const lost of result.discarded) context.out.note(`gt: discarded ${lost}`);
	context.out.line(`Removed rig "${result.name}"${result.commit ? ` (town commit ${result.commit})` : ''}`);
	return 0;
}
