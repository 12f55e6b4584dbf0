// bd comments <id>: a bead's comments (the original's list; --json: the comment records).
import {openLedgerForId} from '../../core/beads/resolve.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const comments = (await openLedgerForId(context.env, id).read()).require(id).comments ?? [];
	if (flagBool(context, 'json')) {
		context.out.json(comments);
		return;
	}
	if (comments.length === 0) context.out.line(`No comments on ${id}.`);
	for (const comment of comments) context.out.line(`${safeText(comment.author)} at ${safeText(comment.created_at)}:\n${safeBlock(comment.text).split('\n').map(line => `  ${line}`).join('\n')}`);
}
