// gt mail archive <id...>: archives messages (all ids are checked first).
import {archive, callerAddress} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const messages = await archive(townRoot, context.args, {actor: callerAddress(townRoot, context.env), now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	for (const message of messages) context.out.line(`Archived ${message.id}  ${safeText(message.subject)}`);
	return 0;
}
