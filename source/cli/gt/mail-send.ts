// gt mail send <address> -s <subject> (-m <body> | --stdin): one message per
// recipient; the sender is the calling agent, or the human (overseer) outside agents.
import {readFileSync} from 'node:fs';
import {callerAddress, sendMail, toMessage} from '../../core/mail/mail.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** The body from -m or --stdin (exactly one of them), refused when empty. */
export function readBody(context: CommandContext, usage: string): string {
	const message = flagString(context, 'message');
	const fromStdin = flagBool(context, 'stdin');
	if (message !== undefined && fromStdin) throw usageError('give the body with -m or --stdin, not both', usage);
	if (message === undefined && !fromStdin) throw usageError('the message needs a body', 'give it with -m "<text>" or --stdin');
	const body = fromStdin ? readFileSync(0, 'utf8') : message!;
	if (body.trim() === '') throw usageError('the message body is empty', usage);
	return fromStdin ? body.replace(/\n+$/, '') : body;
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const usage = 'usage: gt mail send <address> -s "<subject>" -m "<body>"';
	const subject = flagString(context, 'subject');
	if (subject === undefined || subject.trim() === '') throw usageError('the message needs a subject', usage);
	const body = readBody(context, usage);
	const from = callerAddress(townRoot, context.env);
	const outgoing = {from, to: context.args[0]!, subject, body, priority: flagString(context, 'priority'), replyTo: flagString(context, 'replyTo')};
	const beads = await withLazySessions(townRoot, async sessions => sendMail(townRoot, outgoing, {actor: from, now: context.env.now()}, {sessions}));
	const messages = beads.map(toMessage);
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	if (messages.length === 1) context.out.line(`Sent ${messages[0]!.id} to ${messages[0]!.to}.`);
	else {
		context.out.line(`Sent ${messages.length} messages to ${context.args[0]!.trim()}:`);
		for (const message of messages) context.out.line(`  ${message.id}  ${message.to}`);
	}
	return 0;
}
