// gt mail read <id>: shows a message and marks it read.
import {callerAddress, readMessage} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const message = await readMessage(townRoot, context.args[0]!, {actor: callerAddress(townRoot, context.env), now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json(message);
		return 0;
	}
	context.out.line(`${message.id}  P${message.priority}${message.archived_at ? '  (archived)' : ''}`);
	context.out.line(`From:    ${message.from}`);
	context.out.line(`To:      ${message.to}`);
	context.out.line(`Date:    ${message.created_at}`);
	if (message.reply_to) context.out.line(`Re:      ${message.reply_to}`);
	context.out.line(`Subject: ${message.subject}`);
	context.out.line('');
	context.out.line(message.body);
	return 0;
}
