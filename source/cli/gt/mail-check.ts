// gt mail check [--inject]: unread mail for the caller. With --inject (agent hooks
// run it at each turn) it prints a compact block for the agent's context and marks
// those messages delivered, so the next turn does not repeat them. A hook must
// never fail the agent: with --inject every problem is a silent exit 0.
import {callerAddress, inbox, overseer, takePending, type MailMessage} from '../../core/mail/mail.js';
import {findTownRoot, requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function injectBlock(messages: readonly MailMessage[]): string {
	const lines = [
		`<mail> You have ${messages.length} new message${messages.length === 1 ? '' : 's'}:`,
		...messages.map(message => `- ${message.id} from ${message.from}${message.priority < 2 ? ` [P${message.priority}]` : ''}: ${oneLine(message.subject)}`),
		'Read with `gt mail read <id>`. </mail>',
	];
	return lines.join('\n');
}

export async function run(context: CommandContext): Promise<number> {
	if (flagBool(context, 'inject')) {
		try {
			const townRoot = findTownRoot(context.env);
			if (!townRoot) return 0;
			const address = callerAddress(townRoot, context.env, flagString(context, 'agent'));
			// Hooks belong to agents; the human's mail waits in their inbox.
			if (address === overseer) return 0;
			const messages = await takePending(townRoot, address, {actor: address, now: context.env.now()});
			if (messages.length === 0) return 0;
			if (flagBool(context, 'json')) context.out.json({address, messages});
			else context.out.line(injectBlock(messages));
		} catch {
			// Mail that cannot be read now is still there at the next turn.
		}
		return 0;
	}
	const townRoot = requireTownRoot(context.env);
	const address = callerAddress(townRoot, context.env, flagString(context, 'agent'));
	const messages = (await inbox(townRoot, address, {unread: true})).reverse();
	if (flagBool(context, 'json')) {
		context.out.json({address, unread: messages.length, messages});
		return 0;
	}
	if (messages.length === 0) {
		context.out.line(`No unread mail for ${address}.`);
		return 0;
	}
	context.out.line(`${messages.length} unread message${messages.length === 1 ? '' : 's'} for ${address}:`);
	for (const message of messages) context.out.line(`  ● ${message.id}  ${message.from}  ${safeText(message.subject)}`);
	return 0;
}
