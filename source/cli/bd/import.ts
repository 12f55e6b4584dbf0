import {readFileSync} from 'node:fs';
import {importBeads} from '../../core/beads/import-export.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {errnoCode, notFound} from '../../core/base/errors.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const file = resolveFrom(context.env, context.args[0]!);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') throw notFound(`${file} does not exist`, 'give the path of a Beads JSONL export');
		throw error;
	}
	const ledger = openCurrentLedger(context.env);
	const dryRun = flagBool(context, 'dryRun');
	const report = await importBeads(ledger, text, file, {dryRun});
	if (flagBool(context, 'json')) {
		context.out.json({...report, dry_run: dryRun});
		return;
	}
	const verb = dryRun ? 'Would import' : 'Imported';
	context.out.line(`${verb} ${file}: ${report.created.length} new, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.skippedOlder.length} skipped (older than ours)`);
}
