// gt crew list [--rig] [--json]
import {listCrew} from '../../core/town/crew.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const crew = await listCrew(townRoot, context.env, flagString(context, 'rig'));
	if (flagBool(context, 'json')) {
		context.out.json(crew.map(entry => ({
			rig: entry.rig,
			name: entry.name,
			path: entry.path,
			branch: entry.branch,
			dirty: entry.dirty ?? null,
			unmerged: entry.unmerged ?? null,
			...(entry.problem ? {problem: entry.problem} : {}),
		})));
		return 0;
	}
	if (crew.length === 0) {
		context.out.line('No crew yet. Add one with: gt crew add <name> --rig <rig>');
		return 0;
	}
	const state = (entry: (typeof crew)[number]) => {
		if (entry.problem) return `broken: ${entry.problem}`;
		const parts = [];
		if (entry.dirty) parts.push(`${entry.dirty} uncommitted`);
		if (entry.unmerged) parts.push(`${entry.unmerged} unmerged`);
		return parts.length > 0 ? parts.join(', ') : 'clean';
	};
	const rows = [['RIG', 'CREW', 'BRANCH', 'STATE'], ...crew.map(entry => [entry.rig, entry.name, entry.branch, state(entry)])];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) context.out.line(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
	return 0;
}
