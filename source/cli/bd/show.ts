import {groupIdsByLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {idsOrCurrent} from './current.js';
import {beadDetail} from './format.js';
import {relationsOf, showExtra, type Relations} from './relations.js';
import {listedBeads, printShowList, showListOf, type ShowList} from './show-lists.js';
import type {Bead} from '../../core/beads/types.js';
import type {LedgerView} from '../../core/beads/read-cache/view.js';

type Shown = {detail: string[]; json: () => Record<string, unknown>; text: () => string};

export async function run(context: CommandContext) {
	// Read every ledger first so an unknown id fails before anything is printed.
	// No id (or --current): the bead you are on, as the original shows "the currently active issue".
	const wanted = await idsOrCurrent(context);
	const list = showListOf(context);
	if (list) return showLists(context, wanted, list);
	const byId = new Map<string, Shown>();
	for (const {ledger, ids} of groupIdsByLedger(context.env, wanted)) {
		// From the read index: only the shown beads' lines are parsed, and their relations looked up.
		const view = await ledger.view();
		for (const id of ids) {
			const relations = relationsOf(view, id);
			const others = await beadsElsewhere(context, ledger.dir, relations);
			const extra = showExtra(view, relations, other => others.get(other));
			byId.set(id, {
				detail: beadDetail(relations.bead, relations),
				json: () => JSON.parse(JSON.stringify({...relations.bead, ...extra})) as Record<string, unknown>,
				text: () => view.json(id, extra),
			});
		}
	}
	const shown = wanted.map(id => byId.get(id)!);
	if (!flagBool(context, 'json')) context.out.line(shown.map(entry => entry.detail.join('\n')).join('\n\n'));
	else if (context.out.isTerminal) context.out.json(shown.map(entry => entry.json()));
	else context.out.line(`[${shown.map(entry => entry.text()).join(',')}]`);
}

/** --short, --children, --refs, --thread: every id checked before anything is printed. */
async function showLists(context: CommandContext, wanted: readonly string[], list: ShowList): Promise<void> {
	const found: Array<{view: LedgerView; beads: Bead[]}> = [];
	for (const {ledger, ids} of groupIdsByLedger(context.env, wanted)) {
		const view = await ledger.view();
		for (const id of ids) found.push({view, beads: listedBeads(view, id, list)});
	}
	const empty = {short: 'No beads.', children: 'No children.', refs: 'Nothing refers to it.', thread: 'No messages.'}[list];
	if (list === 'short' || (flagBool(context, 'json') && found.length > 1)) {
		if (!flagBool(context, 'json')) {
			printShowList(context, found[0]!.view, found.flatMap(entry => entry.beads), empty);
			return;
		}
		context.out.json(found.flatMap(({view, beads}) => beads.map(bead => view.record(bead.id))));
		return;
	}
	for (const {view, beads} of found) printShowList(context, view, beads, empty);
}

/** The related beads this ledger does not hold, read from the other ledgers of the town (each once). */
async function beadsElsewhere(context: CommandContext, here: string, relations: Relations): Promise<Map<string, Bead>> {
	const found = new Map<string, Bead>();
	const wanted = [...relations.dependsOn, ...relations.dependents].filter(item => item.missing).map(item => item.id);
	if (wanted.length === 0) return found;
	for (const {ledger, ids} of groupIdsByLedger(context.env, wanted)) {
		if (ledger.dir === here) continue;
		try {
			const state = await ledger.read();
			for (const id of ids) {
				const bead = state.get(id);
				if (bead) found.set(id, bead);
			}
		} catch {
			// A ledger that cannot be read leaves its beads marked missing.
		}
	}
	return found;
}
