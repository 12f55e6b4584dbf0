import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	// Counts only: the read index has every field they need, so no bead line is read.
	const stats = (await ledger.view({records: false})).stats(context.env.now());
	if (flagBool(context, 'json')) {
		context.out.json({prefix: ledger.prefix, ...stats});
		return;
	}
	const counts = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${count}`).join(' · ') || 'none';
	context.out.line(`Ledger ${ledger.prefix}: ${stats.total} beads (${stats.ephemeral} ephemeral)`);
	context.out.line(`  status: ${counts(stats.by_status)}`);
	context.out.line(`  type:   ${counts(stats.by_type)}`);
	context.out.line(`  ready ${stats.ready} · blocked ${stats.blocked}`);
}
