// gt escalate list [--all] [--json]: the human's escalations (gt escalate, gt done
// --status escalated|deferred, the witness, failed merges), newest first.
import {requireTownRoot} from '../../core/base/paths.js';
import {listEscalations} from '../../core/mail/escalation.js';
import {formatAge, formatTable} from '../shared/agent-table.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const all = flagBool(context, 'all');
	const list = await listEscalations(townRoot, {all});
	if (flagBool(context, 'json')) {
		context.out.json(list.map(message => ({...message, acked: message.archived_at !== undefined})));
		return 0;
	}
	if (list.length === 0) {
		context.out.line(all ? 'No escalations.' : 'No open escalations. `gt escalate list --all` includes acknowledged ones.');
		return 0;
	}
	const now = context.env.now().getTime();
	const rows = [['ID', 'AGE', 'FROM', 'STATE', 'SUBJECT'], ...list.map(message => [message.id, formatAge(message.created_at, now), message.from, message.archived_at ? 'acked' : 'open', safeText(message.subject)])];
	for (const line of formatTable(rows)) context.out.line(line);
	return 0;
}
