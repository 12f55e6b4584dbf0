// bd show's list forms: --short (one line per bead), --children (the beads whose
// parent it is), --refs (every bead with an edge to it) and --thread (a message and
// its replies, oldest first), as rows or, with --json, the records.
import type {LedgerView} from '../../core/beads/read-cache/view.js';
import type {Bead} from '../../core/beads/types.js';
import {flagBool, type CommandContext} from '../spec.js';
import {beadRows} from './format.js';

export type ShowList = 'short' | 'children' | 'refs' | 'thread';

export function showListOf(context: CommandContext): ShowList | undefined {
	const chosen = (['children', 'refs', 'thread', 'short'] as const).filter(name => flagBool(context, name));
	return chosen[0];
}

/** The replies to `id`, and theirs, depth first. */
function thread(view: LedgerView, id: string, seen = new Set<string>([id])): string[] {
	const replies = view.dependentsOf(id).filter(edge => edge.type === 'replies-to' && !seen.has(edge.issue_id)).map(edge => edge.issue_id);
	for (const reply of replies) seen.add(reply);
	return replies.flatMap(reply => [reply, ...thread(view, reply, seen)]);
}

export function listedBeads(view: LedgerView, id: string, list: ShowList): Bead[] {
	const record = (other: string) => view.bead(other) ?? view.state.require(other);
	if (list === 'short') return [record(id)];
	if (list === 'children') return view.dependentsOf(id).filter(edge => edge.type === 'parent-child').map(edge => record(edge.issue_id));
	if (list === 'refs') return [...new Set(view.dependentsOf(id).map(edge => edge.issue_id))].map(record);
	const all = [id, ...thread(view, id)].map(record);
	return all.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

export function printShowList(context: CommandContext, view: LedgerView, beads: readonly Bead[], empty: string): void {
	if (flagBool(context, 'json')) context.out.json(beads.map(bead => view.record(bead.id)));
	else if (beads.length === 0) context.out.line(empty);
	else for (const row of beadRows(beads)) context.out.line(row);
}
