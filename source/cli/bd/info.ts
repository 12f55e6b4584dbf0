// bd info: which ledger bd uses here and what is in it, as the original's
// {database_path, mode, issue_count, config}; --schema adds {schema: {tables,
// schema_version, config, sample_issue_ids, detected_prefix}} (tables: its files).
import path from 'node:path';
import {ledgerFiles} from '../../core/beads/ledger.js';
import {prefixOfId} from '../../core/beads/ids.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	const beads = (await ledger.read()).all();
	const durable = beads.filter(bead => !bead.ephemeral);
	// The original's config is a string map: custom types and statuses comma-joined.
	const joined = (values: string[] | undefined) => (values?.length ? values.join(',') : undefined);
	const config: Record<string, string> = {issue_prefix: ledger.prefix};
	const customTypes = joined(ledger.config.custom_types);
	const customStatuses = joined(ledger.config.custom_statuses);
	if (customTypes) config['types.custom'] = customTypes;
	if (customStatuses) config['status.custom'] = customStatuses;
	const info: Record<string, unknown> = {
		database_path: path.join(ledger.dir, ledgerFiles.durable),
		mode: 'direct',
		issue_count: durable.length,
		wisp_count: beads.length - durable.length,
		path: ledger.dir,
		prefix: ledger.prefix,
		config,
	};
	const samples = durable.slice(0, 3).map(bead => bead.id);
	const schema = {
		tables: [ledgerFiles.durable, ledgerFiles.ephemeral, ledgerFiles.config],
		schema_version: process.env.GT_PACKAGE_VERSION ?? '0.0.0',
		config: {issue_prefix: ledger.prefix},
		sample_issue_ids: samples,
		detected_prefix: samples[0] ? (prefixOfId(samples[0]) ?? '') : '',
	};
	if (flagBool(context, 'schema')) info.schema = schema;
	if (flagBool(context, 'json')) {
		context.out.json(info);
		return;
	}
	context.out.line('Beads ledger');
	context.out.line(`  Database: ${String(info.database_path)}`);
	context.out.line(`  Prefix: ${ledger.prefix}`);
	context.out.line(`  Beads: ${durable.length} (and ${beads.length - durable.length} wisps)`);
	if (customTypes) context.out.line(`  Custom types: ${customTypes}`);
	if (customStatuses) context.out.line(`  Custom statuses: ${customStatuses}`);
	if (!flagBool(context, 'schema')) return;
	context.out.line(`  Files: ${schema.tables.join(', ')}`);
	context.out.line(`  Version: ${schema.schema_version}`);
	if (schema.detected_prefix) context.out.line(`  Detected prefix: ${schema.detected_prefix}`);
	if (samples.length > 0) context.out.line(`  Sample beads: ${samples.join(', ')}`);
}
