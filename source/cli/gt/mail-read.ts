// gt mail read <id>: shows a message and marks it read.
import {callerAddress, readMessage} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const message = await readMessage(townRoot, context.args[0]!, {actor: callerAddress(townRoot, context.env), now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json(message);
		return 0;
	}
	// Everything but --json through safeText: a message may hold terminal escapes.
	context.out.line(`${safeText(message.id)}  P${message.priority}${message.archived_at ? '  (archived)' : ''}`);
	context.out.line(`From:    ${safeText(message.from)}`);
	context.out.line(`To:      ${safeText(message.to)}`);
	context.out.line(`Date:    ${safeText(message.created_at)}`);
	if (message.reply_to) context.out.line(`Re:      ${safeText(message.reply_to)}`);
	context.out.line(`Subject: ${safeText(message.subject)}`);
	context.out.line('');
	context.out.line(safeBlock(message.body));
	return 0;
}
