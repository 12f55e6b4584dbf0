// bd mol wisp list: the ephemeral molecules (wisps) in this ledger, in Beads' JSON
// shape; `old` means not updated for 24 hours (a candidate for bd mol wisp gc).
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {isDone} from '../../core/beads/queries.js';
import type {Bead} from '../../core/beads/types.js';
import {isMolecule} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

const day = 24 * 60 * 60 * 1000;

export const wispRoots = (beads: Iterable<Bead>) => [...beads].filter(bead => isMolecule(bead) && bead.ephemeral === true);

export async function run(context: CommandContext) {
	const state = await openCurrentLedger(context.env).read();
	const now = context.env.now().getTime();
	const all = flagBool(context, 'all');
	const wisps = wispRoots(state.all()).filter(bead => all || !isDone(bead)).map(bead => ({
		id: bead.id, title: bead.title, status: bead.status, priority: bead.priority, type: bead.issue_type, labels: bead.labels ?? [],
		created_at: bead.created_at, updated_at: bead.updated_at, old: now - Date.parse(bead.updated_at) > day,
	}));
	const old = wisps.filter(wisp => wisp.old).length;
	if (flagBool(context, 'json')) {
		context.out.json({wisps, count: wisps.length, old_count: old});
		return;
	}
	if (wisps.length === 0) {
		context.out.line(`No ${all ? '' : 'open '}wisps here.`);
		return;
	}
	for (const wisp of wisps) context.out.line(`${wisp.id}  ${wisp.status.padEnd(11)}  ${safeText(wisp.title)}${wisp.old ? '  (old: not updated for a day)' : ''}`);
	context.out.line(`${wisps.length} wisp${wisps.length === 1 ? '' : 's'}${old > 0 ? `, ${old} old (bd mol wisp gc --age 24h -f)` : ''}`);
}
