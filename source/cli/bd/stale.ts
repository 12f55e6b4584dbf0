// bd stale: durable beads nobody has touched for --days (30), oldest first: open and
// in-progress ones (or those of one --status), at most --limit (50). --json is the
// original's array of beads.
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagNumber, flagString, type CommandContext} from '../spec.js';
import {limitOf} from './context.js';

const day = 24 * 60 * 60 * 1000;
/** The statuses --status takes (as the original); without it, open and in_progress. */
const staleStatuses = ['open', 'in_progress', 'blocked', 'deferred'];

export async function run(context: CommandContext) {
	const days = flagNumber(context, 'days') ?? 30;
	if (!Number.isSafeInteger(days) || days < 1) throw usageError(`--days must be a whole number, 1 or more (got ${JSON.stringify(String(context.flags.days))})`, 'give -d 30 for beads not updated for a month');
	const status = flagString(context, 'status');
	if (status !== undefined && !staleStatuses.includes(status)) throw usageError(`invalid status "${status}" for bd stale`, `give one of ${staleStatuses.join(', ')}`);
	const limit = limitOf(context, 50);
	const now = context.env.now().getTime();
	const cutoff = now - days * day;
	const wanted = status ? [status] : ['open', 'in_progress'];
	const state = await openCurrentLedger(context.env).read();
	const stale = state.all()
		.filter(bead => !bead.ephemeral && wanted.includes(bead.status) && Date.parse(bead.updated_at) < cutoff)
		.sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id.localeCompare(b.id));
	const shown = limit > 0 ? stale.slice(0, limit) : stale;
	if (flagBool(context, 'json')) {
		context.out.json(shown);
		return;
	}
	if (shown.length === 0) {
		context.out.line(`No stale beads: every ${wanted.join(' or ')} bead was updated in the last ${days} days.`);
		return;
	}
	context.out.line(`Stale beads (${shown.length} not updated in ${days}+ days):`);
	for (const bead of shown) {
		const age = Math.floor((now - Date.parse(bead.updated_at)) / day);
		const assignee = bead.assignee ? `, on ${safeText(bead.assignee)}` : '';
		context.out.line(`${bead.id}  [P${bead.priority}] ${bead.status.padEnd(11)}  ${safeText(bead.title)}  (updated ${age} days ago${assignee})`);
	}
	if (shown.length < stale.length) context.out.line(`… and ${stale.length - shown.length} more (-n 0 shows all)`);
}
