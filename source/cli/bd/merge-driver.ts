// bd merge-driver %O %A %B [%P]: the JSONL merge driver git runs for ledgers (registered
// by gt install --git, gt install --from and gt sync; see core/sync/setup.ts).
import {runMergeDriver} from '../../core/sync/driver.js';
import {conflictLabel} from '../../core/sync/merge-ledger.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const [base, ours, theirs, file] = context.args as [string, string, string, string | undefined];
	const report = runMergeDriver({base, ours, theirs, ...(file ? {path: file} : {})}, context.env.vars);
	for (const id of report.kept) context.out.note(`bd merge-driver: ${report.path}: ${id} was deleted on one side and edited on the other; kept with label ${conflictLabel}`);
	for (const claim of report.claims) {
		const winner = claim.winner === 'ours' ? claim.ours : claim.theirs;
		context.out.note(`bd merge-driver: ${report.path}: ${claim.id} was claimed on both sides; ${winner.holder} (first, ${winner.at}) keeps it`);
	}
	return 0;
}
