// bd delete <id...>: as in Beads, without --force (or with --dry-run) it only
// previews: what would go, and the dependency links that would be dropped.
// --force deletes and drops them; --cascade also takes every bead that depends on
// them, recursively; --from-file reads more ids, one per line.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {usageError} from '../../core/base/errors.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import {deleteBead} from '../../core/beads/operations.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

function idsFromFile(context: CommandContext): string[] {
	const file = flagString(context, 'fromFile');
	if (file === undefined) return [];
	let text: string;
	try {
		text = readFileSync(path.resolve(context.env.cwd, file), 'utf8');
	} catch {
		throw usageError(`cannot read --from-file ${file}`, 'give a file with one bead id per line');
	}
	return text.split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'));
}

/** The ids and, with --cascade, every bead that depends on them, recursively (dependents first is not needed: links are dropped either way). */
function withDependents(state: LedgerState, ids: readonly string[]): string[] {
	const all = [...ids];
	for (let index = 0; index < all.length; index++) {
		for (const edge of state.dependentsOf(all[index]!)) if (!all.includes(edge.issue_id)) all.push(edge.issue_id);
	}
	return all;
}

export async function run(context: CommandContext) {
	const given = [...new Set([...context.args, ...idsFromFile(context)])];
	if (given.length === 0) throw usageError('nothing to delete', 'give bead ids, or --from-file <file> with one per line');
	const cascade = flagBool(context, 'cascade');
	// Work out the whole set first (every id checked), so a typo deletes nothing.
	const wanted: string[] = [];
	const preview: Array<{id: string; title: string; dependents: string[]}> = [];
	for (const {ledger, ids} of groupIdsByLedger(context.env, given)) {
		const state = await ledger.read();
		for (const id of ids) state.require(id);
		const set = cascade ? withDependents(state, ids) : ids;
		for (const id of set) {
			wanted.push(id);
			const dependents = [...new Set(state.dependentsOf(id).map(dependency => dependency.issue_id).filter(other => other !== id))];
			preview.push({id, title: state.require(id).title, dependents});
		}
	}
	if (flagBool(context, 'force') && !flagBool(context, 'dryRun')) {
		const beads = await changeEach(context, wanted, (state, _ledger, id, who) => deleteBead(state, id, {force: true}, who));
		reportChanged(context, beads, 'Deleted');
		return;
	}
	if (flagBool(context, 'json')) {
		context.out.json({dry_run: true, would_delete: preview.map(item => ({id: item.id, title: item.title, dependents: item.dependents}))});
		return;
	}
	for (const item of preview) {
		const links = item.dependents.length > 0 ? ` and the dependency links from ${item.dependents.join(', ')}` : '';
		context.out.line(`Would delete ${item.id}: ${safeText(item.title)}${links}`);
	}
	context.out.line(`Nothing was deleted. Run with --force${flagBool(context, 'dryRun') ? ' and without --dry-run' : ''} to delete ${preview.length === 1 ? 'it' : 'them'}.`);
}
