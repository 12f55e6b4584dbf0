// bd where: the ledger bd uses from here (BEADS_DIR, the rig or town the directory is
// in, or the nearest .beads/ above), its prefix and its data file, as the original's
// {path, prefix, database_path}. No ledger: the original's error object for --json, and exit non-zero.
import path from 'node:path';
import {notFound} from '../../core/base/errors.js';
import {Ledger, ledgerFiles} from '../../core/beads/ledger.js';
import {currentLedgerDir} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const dir = currentLedgerDir(context.env);
	if (!dir || !Ledger.exists(dir)) {
		const error = notFound(dir ? `no beads ledger at ${dir} (BEADS_DIR)` : `no beads ledger in ${context.env.cwd} or above`, 'run `bd init` here, or cd into a town or a project with .beads/');
		if (flagBool(context, 'json')) context.out.json({error: 'no_beads_directory', message: error.message, hint: error.hint});
		throw error;
	}
	const ledger = Ledger.open(dir);
	const result = {path: ledger.dir, prefix: ledger.prefix, database_path: path.join(ledger.dir, ledgerFiles.durable)};
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	context.out.line(result.path);
	context.out.line(`  prefix: ${result.prefix}`);
	context.out.line(`  database: ${result.database_path}`);
}
