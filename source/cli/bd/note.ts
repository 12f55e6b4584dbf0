// bd note <id> [text...]: the original's shorthand for bd update <id> --append-notes;
// the text is the remaining words, --stdin or --file (one of them, and not empty).
import {updateBead} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {changeOne} from './assign.js';
import {readTextFile} from './text-input.js';

function noteText(context: CommandContext): string {
	const words = context.args.slice(1);
	const file = flagString(context, 'file');
	const stdin = flagBool(context, 'stdin');
	const given = [words.length > 0 ? 'text arguments' : '', file !== undefined ? '--file' : '', stdin ? '--stdin' : ''].filter(Boolean);
	if (given.length === 0) throw usageError('no note text given', 'bd note <id> "text", bd note <id> --stdin, or bd note <id> --file notes.txt');
	if (given.length > 1) throw usageError(`give ${given.join(' or ')}, not both`, 'the note comes from one place');
	const text = stdin ? readTextFile(context, '-', 'stdin') : file !== undefined ? readTextFile(context, file, 'file') : words.join(' ');
	if (!text.trim()) throw usageError('the note text is empty', 'give the text to append to the notes');
	return text;
}

export async function run(context: CommandContext) {
	const appendNotes = noteText(context);
	await changeOne(context, context.args[0]!, (state, ledger, id, who) => updateBead(state, ledger, id, {appendNotes}, who), bead => `Note added to ${bead.id}: ${safeText(bead.title)}`);
}
