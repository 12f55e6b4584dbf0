// gt crew add <name> [--rig] [--json]
import {addCrew} from '../../core/town/crew.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {selectRig} from '../../core/town/rig-config.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const name = context.args[0]!;
	const rig = selectRig(townRoot, context.env, flagString(context, 'rig'));
	const crew = await addCrew(townRoot, {rig, name}, context.env);
	if (flagBool(context, 'json')) {
		context.out.json({rig: crew.rig, name: crew.name, path: crew.path, branch: crew.branch, reused_branch: crew.reusedBranch});
		return 0;
	}
	context.out.line(`Added crew "${crew.name}" in rig ${crew.rig}`);
	context.out.line(`  path    ${crew.path}`);
	context.out.line(`  branch  ${crew.branch}${crew.reusedBranch ? ' (existing branch, checked out again)' : ''}`);
	context.out.line('');
	context.out.line(`Next: cd ${crew.path}`);
	return 0;
}
