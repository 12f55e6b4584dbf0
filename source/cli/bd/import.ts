import {readFileSync} from 'node:fs';
import {importBeads} from '../../core/beads/import-export.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {errnoCode, notFound, usageError} from '../../core/base/errors.js';
import {validateBeadId, validateDependencyTarget} from '../../core/base/names.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const given = context.args[0] ?? flagString(context, 'input');
	if (given === undefined) throw usageError('bd import needs the file to read', 'bd import <file>, or bd import -i <file>');
	if (context.args[0] !== undefined && flagString(context, 'input') !== undefined) throw usageError('give the file once: as the argument or with -i', 'bd import -i <file>');
	const file = resolveFrom(context.env, given);
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
		// The original's counts (created, skipped, ids, stale_skipped_ids), then ours by id.
		context.out.json({
			source: file,
			created: report.created.length,
			updated: report.updated.length,
			unchanged: report.unchanged.length,
			skipped: report.skippedOlder.length,
			ids: [...report.created, ...report.updated],
			stale_skipped_ids: report.skippedOlder,
			created_ids: report.created,
			updated_ids: report.updated,
			unchanged_ids: report.unchanged,
			dry_run: dryRun,
		});
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
