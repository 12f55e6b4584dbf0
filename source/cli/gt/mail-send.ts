// gt mail send <address> -s <subject> (-m <body> | --stdin): one message per
// recipient; the sender is the calling agent, or the human (overseer) outside agents.
import {readFileSync} from 'node:fs';
import {callerAddress, resolveRecipients, sendMail, toMessage} from '../../core/mail/mail.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';

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

/** The address: the argument, --to, --self (the caller) or --human (overseer); exactly one of them. */
function recipient(context: CommandContext, from: string, usage: string): string {
	const given = [context.args[0], flagString(context, 'to'), flagBool(context, 'self') ? from : undefined, flagBool(context, 'human') ? 'overseer' : undefined]
		.filter((each): each is string => each !== undefined);
	if (given.length === 0) throw usageError('the message needs an address', usage);
	if (given.length > 1) throw usageError('give the address once: as the argument, --to, --self or --human', usage);
	return given[0]!;
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const usage = 'usage: gt mail send <address> -s "<subject>" -m "<body>"';
	const subject = flagString(context, 'subject');
	if (subject === undefined || subject.trim() === '') throw usageError('the message needs a subject', usage);
	const body = readBody(context, usage);
	const from = callerAddress(townRoot, context.env);
	const to = recipient(context, from, usage);
	const priority = flagBool(context, 'urgent') ? 0 : flagString(context, 'priority') ?? (context.flags.notify === true ? 1 : undefined);
	const outgoing = {from, to, subject, body, priority, replyTo: flagString(context, 'replyTo'), ...(context.flags.notify === false ? {notify: false} : {})};
	const who = {actor: from, now: context.env.now()};
	// Copies (--cc) are checked with the main address before anything is stored.
	const copies = flagList(context, 'cc');
	for (const address of copies) resolveRecipients(townRoot, address);
	const beads = await withLazySessions(townRoot, async sessions => {
		const sent = await sendMail(townRoot, outgoing, who, {sessions});
		for (const address of copies) sent.push(...await sendMail(townRoot, {...outgoing, to: address}, who, {sessions}));
		return sent;
	});
	const messages = beads.map(toMessage);
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	if (messages.length === 1) context.out.line(`Sent ${messages[0]!.id} to ${messages[0]!.to}.`);
	else {
		context.out.line(`Sent ${messages.length} messages to ${[to.trim(), ...copies].join(', ')}:`);
		for (const message of messages) context.out.line(`  ${message.id}  ${message.to}`);
	}
	return 0;
}
