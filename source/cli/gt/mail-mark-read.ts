// gt mail mark-read <id...>: the original's way to mark messages read without showing them
// (all ids are checked first; one that is not a message changes nothing).
import {callerAddress, inbox, markRead} from '../../core/mail/mail.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const me = callerAddress(townRoot, context.env);
	const all = flagBool(context, 'all');
	if (all === (context.args.length > 0)) throw usageError('name the messages, or give --all (not both)', 'gt mail mark-read <id...> | gt mail mark-read --all');
	const ids = all ? (await inbox(townRoot, me, {unread: true})).map(message => message.id) : context.args;
	const messages = await markRead(townRoot, ids, {actor: me, now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	for (const message of messages) context.out.line(`Read ${message.id}  ${safeText(message.subject)}`);
	return 0;
}
