import {addComment} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';
import {readTextFile} from './text-input.js';

export async function run(context: CommandContext) {
	const [id, ...words] = context.args;
	const file = flagString(context, 'file');
	const sources = [words.length > 0, file !== undefined, flagBool(context, 'stdin')].filter(Boolean).length;
	if (sources > 1) throw usageError('give the text as an argument, --file or --stdin, not several', 'bd comment <id> "what you found"');
	const text = file !== undefined ? readTextFile(context, file, 'file') : flagBool(context, 'stdin') ? readTextFile(context, '-', 'stdin') : words.join(' ');
	if (!text.trim()) throw usageError('a comment needs text', 'bd comment <id> "what you found"');
	const author = flagString(context, 'author');
	const beads = await changeEach(context, [id!], (state, _ledger, beadId, who) => addComment(state, beadId, text, author ? {...who, actor: author} : who));
	reportChanged(context, beads, 'Commented on');
}
