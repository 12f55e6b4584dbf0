import {readFileSync} from 'node:fs';
import {importBeads} from '../../core/beads/import-export.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {errnoCode, notFound} from '../../core/base/errors.js';
import {validateBeadId, validateDependencyTarget} from '../../core/base/names.js';
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
	checkIds(text, file);
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

/**
 * The ids an import brings in get the check `bd create --id` makes (base/names), and
 * so do its dependency targets, before anything is written: an id is a path part and
 * a branch name, and `../x` or `$(…)` must not become one. Lines that are not JSON
 * objects are left to importBeads, which names them.
 */
function checkIds(text: string, file: string): void {
	const rows = text.split('\n');
	for (let index = 0; index < rows.length; index++) {
		const line = rows[index]!.trim();
		if (!line.startsWith('{')) continue;
		let record: {id?: unknown; dependencies?: unknown};
		try {
			record = JSON.parse(line) as typeof record;
		} catch {
			continue;
		}
		const where = `${file}:${index + 1}: `;
		if (typeof record.id === 'string') validateBeadId(record.id, where);
		if (!Array.isArray(record.dependencies)) continue;
		for (const dependency of record.dependencies as Array<{issue_id?: unknown; depends_on_id?: unknown}>) {
			if (typeof dependency?.issue_id === 'string') validateBeadId(dependency.issue_id, where);
			if (typeof dependency?.depends_on_id === 'string') validateDependencyTarget(dependency.depends_on_id, where);
		}
	}
}
