// bd mol wisp gc [--age 1h] [--closed] -f: deletes wisps (root and steps) not
// updated for --age, or with --closed the closed ones of any age. Without -f it
// only lists what it would delete.
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {isDone} from '../../core/beads/queries.js';
import {burnMolecule} from '../../core/formulas/molecule.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {wispRoots} from './mol-wisp-list.js';

const units: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

export function parseAge(text: string): number {
	const match = /^(\d+)([smhd])$/.exec(text.trim());
	if (!match) throw usageError(`--age ${text} is not a duration`, 'e.g. --age 30m, 1h, 2d');
	return Number(match[1]) * units[match[2]!]!;
}

export async function run(context: CommandContext) {
	const age = parseAge(flagString(context, 'age') ?? '1h');
	const closedOnly = flagBool(context, 'closed');
	const force = flagBool(context, 'force');
	const ledger = openCurrentLedger(context.env);
	const who = actorOf(context);
	const cutoff = who.now.getTime() - age;
	const pick = (state: Awaited<ReturnType<typeof ledger.read>>) => wispRoots(state.all()).filter(bead => (closedOnly ? isDone(bead) : Date.parse(bead.updated_at) < cutoff)).map(bead => bead.id);
	const candidates = force ? await ledger.transact(state => {
		const ids = pick(state);
		return ids.map(id => ({id, removed: burnMolecule(state, id, {force: true}, who).removed.length}));
	}) : pick(await ledger.read()).map(id => ({id, removed: 0}));
	if (flagBool(context, 'json')) {
		context.out.json({deleted: force ? candidates.map(item => item.id) : [], would_delete: force ? [] : candidates.map(item => item.id), count: candidates.length});
		return;
	}
	if (candidates.length === 0) {
		context.out.line(`No wisps to collect (${closedOnly ? 'none closed' : `none idle for ${flagString(context, 'age') ?? '1h'}`}).`);
		return;
	}
	for (const item of candidates) context.out.line(`${force ? 'Deleted' : 'Would delete'} ${item.id}${force ? ` (${item.removed} beads)` : ''}`);
	if (!force) context.out.line('Nothing deleted: add -f to delete them.');
}
