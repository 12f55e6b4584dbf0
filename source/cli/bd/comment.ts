import {addComment} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import type {CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const [id, ...words] = context.args;
	if (!words.join(' ').trim()) throw usageError('a comment needs text', 'bd comment <id> "what you found"');
	const beads = await changeEach(context, [id!], (state, _ledger, beadId, who) => addComment(state, beadId, words.join(' '), who));
	reportChanged(context, beads, 'Commented on');
}
