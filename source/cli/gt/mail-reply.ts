// gt mail reply <id> (-m <body> | --stdin): answers the sender in the same thread.
import {callerAddress, getMessage, reply, toMessage} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagBool, type CommandContext} from '../spec.js';
import {readBody} from './mail-send.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const original = await getMessage(townRoot, context.args[0]!);
	const body = readBody(context, 'usage: gt mail reply <id> -m "<body>"');
	// Outside an agent the human answers as themselves; an agent answers as itself.
	const from = callerAddress(townRoot, context.env);
	const bead = await withLazySessions(townRoot, async sessions => reply(townRoot, original.id, {body, from}, {actor: from, now: context.env.now()}, {sessions}));
	const message = toMessage(bead);
	if (flagBool(context, 'json')) {
		context.out.json(message);
		return 0;
	}
	context.out.line(`Sent ${message.id} to ${message.to}: ${safeText(message.subject)}`);
	return 0;
}
