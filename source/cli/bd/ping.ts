// bd ping: a health check. Finds the ledger (.beads/), opens it, reads every bead, and
// reports how long each step took, as the original's {status, resolve_ms, store_ms,
// query_ms, total_ms}. Any failure: {status: "error", error, total_ms} and exit 1.
import {performance} from 'node:perf_hooks';
import {failure} from '../../core/base/errors.js';
import {Ledger} from '../../core/beads/ledger.js';
import {currentLedgerDir} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const start = performance.now();
	const elapsed = () => Math.round(performance.now() - start);
	const json = flagBool(context, 'json');
	const fail = (reason: string, hint: string) => {
		if (json) context.out.json({status: 'error', error: reason, total_ms: elapsed()});
		return failure(reason, hint);
	};
	const why = (error: unknown) => (error instanceof Error ? error.message : String(error));
	const dir = currentLedgerDir(context.env);
	if (!dir || !Ledger.exists(dir)) throw fail(dir ? `no beads ledger at ${dir}` : 'no .beads directory found', 'run `bd init` here, or cd into a town or a project with .beads/');
	const resolved = elapsed();
	let ledger: Ledger;
	try {
		ledger = Ledger.open(dir);
	} catch (error) {
		throw fail(`cannot open the ledger: ${why(error)}`, `check ${dir}/config.toml`);
	}
	const opened = elapsed();
	let count: number;
	try {
		count = (await ledger.read()).all().length;
	} catch (error) {
		throw fail(`read failed: ${why(error)}`, 'bd doctor or git diff .beads/ shows what is wrong with the files');
	}
	const total = elapsed();
	if (json) {
		context.out.json({status: 'ok', resolve_ms: resolved, store_ms: opened - resolved, query_ms: total - opened, total_ms: total, path: ledger.dir, issue_count: count});
		return;
	}
	context.out.line(`bd ping: ok (${total}ms, ${count} beads in ${ledger.dir})`);
}
