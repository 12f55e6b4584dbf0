// gt cat <bead-id> [--json]: one bead as gt show prints it, once the argument looks like a
// bead id (<prefix>-<id>, e.g. ca-a1b or hq-cv-x7k), as the original checks before it runs bd show.
import {usageError} from '../../core/base/errors.js';
import {prefixOfId, prefixPattern} from '../../core/beads/ids.js';
import {run as bdShow} from '../bd/show.js';
import type {CommandContext} from '../spec.js';
import {townRouted} from './show.js';

const looksLikeBeadId = (id: string) => {
	const prefix = prefixOfId(id);
	return prefix !== undefined && prefixPattern.test(prefix) && id.length > prefix.length + 1;
};

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	if (!looksLikeBeadId(id)) throw usageError(`invalid bead ID ${JSON.stringify(id)} (expected <prefix>-<id>)`, 'e.g. gt cat ca-a1b; `bd list` shows the ids');
	await bdShow(townRouted(context));
}
