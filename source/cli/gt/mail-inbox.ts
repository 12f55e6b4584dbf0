// gt mail inbox [address]: messages for an address, newest first; by default the
// caller's own (GT_AGENT or the agent worktree we are in), the human's elsewhere.
import {formatAge, formatTable} from '../shared/agent-table.js';
import {callerAddress, canonicalAddress, inbox} from '../../core/mail/mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	// --identity/--address: the original's way to name the inbox.
	const named = context.args[0] ?? flagString(context, 'identity');
	const address = named ? canonicalAddress(townRoot, named) : callerAddress(townRoot, context.env);
	const messages = await inbox(townRoot, address, {unread: flagBool(context, 'unread'), all: flagBool(context, 'all')});
	// An agent that never existed has no inbox (one whose worktree is gone keeps its mail).
	if (named && messages.length === 0 && (await inbox(townRoot, address, {all: true})).length === 0) canonicalAddress(townRoot, named, {requireWorker: true});
	if (flagBool(context, 'json')) {
		context.out.json(messages);
		return 0;
	}
	const unread = messages.filter(message => !message.read).length;
	context.out.line(`Inbox of ${safeText(address)}: ${messages.length} message${messages.length === 1 ? '' : 's'}, ${unread} unread`);
	if (messages.length === 0) return 0;
	const now = context.env.now().getTime();
	const rows = messages.map(message => [
		message.archived_at ? '-' : message.read ? ' ' : '●',
		safeText(message.from),
		formatAge(message.created_at, now),
		safeText(message.priority < 2 ? `[P${message.priority}] ${safeText(message.subject)}` : message.subject),
		safeText(message.id),
	]);
	for (const line of formatTable(rows)) context.out.line(line);
	return 0;
}
