// gt mail mark-read <id...>: the original's way to mark messages read without showing them
// (all ids are checked first; one that is not a message changes nothing).
import {callerAddress, markRead} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const messages = await markRead(townRoot, context.args, {actor: callerAddress(townRoot, context.env), now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	for (const message of messages) context.out.line(`Read ${message.id}  ${safeText(message.subject)}`);
	return 0;
}
