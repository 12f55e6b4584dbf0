// gt install [path] [--git] [--name] [--owner], or gt install [path] --from <remote> [--site];
// with no path, the current directory (as the original's).
import {installTown} from '../../core/town/install.js';
import {joinTown} from '../../core/sync/join.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

async function join(context: CommandContext, target: string, from: string): Promise<number> {
	for (const flag of ['name', 'owner', 'git']) {
		if (context.flags[flag] !== undefined) throw usageError(`--${flag} does not go with --from: the town's name, owner and repository come from the remote`, `gt install ${target} --from ${from}`);
	}
	const site = flagString(context, 'site');
	const result = await joinTown({path: target, from, ...(site !== undefined ? {site} : {})}, context.env);
	const {out} = context;
	out.line(`Joined town "${result.name}" at ${result.root}`);
	out.line(`  remote  ${result.remote}`);
	out.line(`  site    ${result.site} (names this clone in claims: mp/polecats/nux@${result.site})`);
	for (const rig of result.rigs) {
		out.line(rig.problem ? `  rig     ${rig.rig}: ledger only; cloning ${rig.url || 'its project'} failed: ${rig.problem}` : `  rig     ${rig.rig}: cloned from ${rig.url}, refinery ready`);
	}
	if (result.rigs.some(rig => rig.problem)) out.line('  (a rig whose clone failed keeps its ledger; fix its git_url in rig.toml or the access, then `gt sync` clones it)');
	out.line('');
	out.line('Nothing was started here: the other machine\'s agents, sessions and hooks stay there.');
	out.line('Next steps:');
	out.line(`  cd ${result.root}`);
	out.line('  gt sync      after changes here, and to see the other machine\'s');
	out.line('  gt up        start this machine\'s daemon and Mayor');
	return 0;
}

export async function run(context: CommandContext): Promise<number> {
	const target = context.args[0] ?? '.';
	const from = flagString(context, 'from');
	if (from !== undefined) {
		if (!from.trim()) throw usageError('--from needs the git remote of a town', 'gt install <path> --from <url-or-path>');
		return join(context, target, from);
	}
	if (context.flags.site !== undefined) throw usageError('--site goes with --from (joining a town)', 'gt install <path> --from <remote> --site <name>; a town of your own gets its site at its first gt sync');
	const result = await installTown(
		{path: target, name: flagString(context, 'name'), owner: flagString(context, 'owner'), git: flagBool(context, 'git')},
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
	if (result.git) out.line('  git remote add origin <url>       then `gt sync`: more machines join with gt install <path> --from <url>');
	return 0;
}
