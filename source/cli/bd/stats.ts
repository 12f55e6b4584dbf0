// bd status (bd stats): counts. --json keeps our fields and adds the original's
// {summary: {total_issues, open_issues, …}} so scripts written for either read it.
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const now = context.env.now();
	const view = await ledger.view({records: false});
	// Counts only: the read index has every field they need, so no bead line is read.
	const stats = view.stats(now);
	const mine = flagBool(context, 'assigned') ? actorOf(context).actor : undefined;
	const durable = [...view.state.values()].filter(bead => !bead.ephemeral && (!mine || bead.assignee === mine));
	const count = (status: string) => durable.filter(bead => bead.status === status).length;
	const ready = mine ? view.ready({assignee: mine}, now).length : stats.ready;
	const blocked = view.blocked().filter(bead => !bead.ephemeral && (!mine || bead.assignee === mine)).length;
	const summary = {
		total_issues: durable.length, open_issues: count('open'), in_progress_issues: count('in_progress'), closed_issues: count('closed'),
		blocked_issues: blocked, deferred_issues: count('deferred'), ready_issues: ready, pinned_issues: count('pinned'),
		hooked_issues: count('hooked'), epics_eligible_for_closure: 0, average_lead_time_hours: 0,
	};
	if (flagBool(context, 'json')) {
		context.out.json({prefix: ledger.prefix, ...stats, summary});
		return;
	}
	const counts = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]).map(([name, value]) => `${name} ${value}`).join(' · ') || 'none';
	if (mine) {
		context.out.line(`Assigned to ${mine}: ${summary.total_issues} beads · open ${summary.open_issues} · in progress ${summary.in_progress_issues} · hooked ${summary.hooked_issues} · ready ${ready} · blocked ${blocked}`);
		return;
	}
	context.out.line(`Ledger ${ledger.prefix}: ${stats.total} beads (${stats.ephemeral} ephemeral)`);
	context.out.line(`  status: ${counts(stats.by_status)}`);
	context.out.line(`  type:   ${counts(stats.by_type)}`);
	context.out.line(`  ready ${stats.ready} · blocked ${stats.blocked}`);
}
