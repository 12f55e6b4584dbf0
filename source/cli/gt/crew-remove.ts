// gt crew remove <name> [--rig] [--force]
import {removeCrew} from '../../core/town/crew.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {selectRig} from '../../core/town/rig-config.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const rig = selectRig(townRoot, context.env, flagString(context, 'rig'));
	const result = await removeCrew(townRoot, {rig, name: context.args[0]!, force: flagBool(context, 'force')}, context.env);
	if (result.discarded.length > 0) context.out.note(`gt: discarded ${result.discarded.length} uncommitted file(s) in crew ${result.name}`);
	context.out.line(`Removed crew "${result.name}" from rig ${result.rig}`);
	if (result.branchKept) context.out.line(`  branch ${result.branch} kept: it has commits the default branch lacks`);
	return 0;
}
