// gt rig list [--json]
import {requireTownRoot} from '../../core/base/paths.js';
import {listRigs} from '../../core/town/rig-config.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const rigs = listRigs(requireTownRoot(context.env));
	if (flagBool(context, 'json')) {
		context.out.json(rigs.map(rig => ({
			name: rig.name,
			prefix: rig.prefix,
			default_branch: rig.defaultBranch,
			git_url: rig.gitUrl,
			path: rig.path,
			crew: rig.crew,
			polecats: rig.polecats,
		})));
		return 0;
	}
	if (rigs.length === 0) {
		context.out.line('No rigs yet. Add one with: gt rig add <name> <url-or-path>');
		return 0;
	}
	const rows = [
		['RIG', 'PREFIX', 'BRANCH', 'CREW', 'POLECATS', 'SOURCE'],
		...rigs.map(rig => [rig.name, rig.prefix, rig.defaultBranch, String(rig.crew.length), String(rig.polecats.length), rig.gitUrl]),
	];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) context.out.line(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
	return 0;
}
