// gt mail thread <id>: a message and every reply in its thread, oldest first (any message of
// the thread names it). Nothing is marked read: gt mail read does that, one message at a time.
import {formatAge} from '../shared/agent-table.js';
import {thread} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const messages = await thread(townRoot, context.args[0]!);
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	const now = context.env.now().getTime();
	messages.forEach((message, index) => {
		if (index > 0) context.out.line('');
		context.out.line(`${safeText(message.id)}  ${safeText(message.from)} → ${safeText(message.to)}  ${formatAge(message.created_at, now)} ago${message.read ? '' : '  (unread)'}`);
		context.out.line(`Subject: ${safeText(message.subject)}`);
		context.out.line(safeBlock(message.body));
	});
	return 0;
}
