// bd dep <blocker> --blocks <blocked>: the original's shorthand for
// bd dep add <blocked> <blocker>. With no id it lists the dep commands.
import {usageError} from '../../core/base/errors.js';
import {groupHelp} from '../help.js';
import {flagString, type CommandContext} from '../spec.js';
import {addEdge} from './dep-add.js';

export async function run(context: CommandContext): Promise<number | void> {
	const blocker = context.args[0];
	if (blocker === undefined) {
		context.out.line(groupHelp(context.registry, 'dep'));
		return 2;
	}
	const blocked = flagString(context, 'blocks');
	if (blocked === undefined) throw usageError(`bd dep ${blocker} needs --blocks <id>`, `bd dep ${blocker} --blocks <id> makes <id> wait for ${blocker}; see bd dep --help for add, list, tree, …`);
	await addEdge(context, blocked, blocker, 'blocks');
}
