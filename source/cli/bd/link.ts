// bd link <id1> <id2>: the original's shorthand for bd dep add <id1> <id2> (<id2>
// blocks <id1>), --type for another relation; the same checks and --json as bd dep add.
import {flagString, type CommandContext} from '../spec.js';
import {addEdge} from './dep-add.js';

export async function run(context: CommandContext) {
	const [id, dependsOn] = context.args as [string, string];
	await addEdge(context, id, dependsOn, flagString(context, 'type') ?? 'blocks');
}
