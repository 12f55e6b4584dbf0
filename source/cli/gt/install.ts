// gt install <path> [--git] [--name] [--owner]
import {installTown} from '../../core/town/install.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const result = await installTown(
		{path: context.args[0]!, name: flagString(context, 'name'), owner: flagString(context, 'owner'), git: flagBool(context, 'git')},
		context.env,
	);
	const {out} = context;
	out.line(`Created town "${result.name}" at ${result.root}`);
	const details: Array<[string, string]> = [
		['owner', result.owner ?? '(none: pass --owner or set git user.email)'],
		['ledger', '.beads (HQ, prefix hq)'],
	];
	if (result.git) details.push(['git', result.commit ? `repository with first commit ${result.commit}` : 'repository initialized']);
	if (result.existingFiles > 0) details.push(['note', `the directory already held ${result.existingFiles} entr${result.existingFiles === 1 ? 'y' : 'ies'}; they were left as they were`]);
	for (const [key, value] of details) out.line(`  ${key.padEnd(7)}${value}`);
	out.line('');
	out.line('Next steps:');
	out.line(`  cd ${result.root}`);
	out.line('  gt rig add <name> <url-or-path>   add a project');
	out.line('  gt crew add <name> --rig <rig>    a workspace of your own in it');
	return 0;
}
