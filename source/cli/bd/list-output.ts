// How bd list, bd search and bd ready print an answer: aligned rows (the default),
// a tree of children under their parents (--tree/--pretty), every bead in full
// (--long), or the records as JSON, each with what the command adds (ready's counts).
import {parentOf} from '../../core/beads/ledger-state.js';
import type {LedgerView, QueryResult} from '../../core/beads/read-cache/view.js';
import type {Bead} from '../../core/beads/types.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';
import {beadRows} from './format.js';
import {detailOf} from './relations.js';

export type ListOutput = {
	limit: number;
	/** What to say when nothing matched. */
	empty: string;
	/** Fields added to each bead's JSON record. */
	extra?: (bead: Bead) => Record<string, unknown>;
};

/** Children under their parents (when the parent is listed too), depth first, in the answer's order. */
export function treeRows(beads: readonly Bead[]): string[] {
	const listed = new Set(beads.map(bead => bead.id));
	const children = new Map<string, Bead[]>();
	const roots: Bead[] = [];
	for (const bead of beads) {
		const parent = parentOf(bead);
		if (parent && listed.has(parent) && parent !== bead.id) children.set(parent, [...(children.get(parent) ?? []), bead]);
		else roots.push(bead);
	}
	const ordered: Array<{bead: Bead; depth: number}> = [];
	const seen = new Set<string>();
	const visit = (bead: Bead, depth: number) => {
		if (seen.has(bead.id)) return;
		seen.add(bead.id);
		ordered.push({bead, depth});
		for (const child of children.get(bead.id) ?? []) visit(child, depth + 1);
	};
	for (const root of roots) visit(root, 0);
	// A parent loop has no root: list what is left flat rather than lose it.
	for (const bead of beads) visit(bead, 0);
	const rows = beadRows(ordered.map(entry => entry.bead));
	return rows.map((row, index) => {
		const depth = ordered[index]!.depth;
		return depth === 0 ? row : `${'   '.repeat(depth - 1)} └ ${row}`;
	});
}

export function printAnswer(context: CommandContext, view: LedgerView, answer: QueryResult, output: ListOutput): void {
	const {limit, extra} = output;
	if (flagBool(context, 'json')) {
		if (!extra) {
			if (context.out.isTerminal) context.out.json(answer.records(limit));
			// Compact JSON for programs: each bead's stored line is already exactly that.
			else context.out.line(answer.json(limit));
			return;
		}
		const records = answer.records(limit);
		const extras = records.map(extra);
		if (context.out.isTerminal) context.out.json(records.map((record, index) => ({...record, ...extras[index]})));
		else context.out.line(view.jsonArray(records.map(record => record.id), extras));
		return;
	}
	const beads = answer.beads(limit);
	if (beads.length === 0) {
		context.out.line(output.empty);
		return;
	}
	if (flagBool(context, 'plain')) beads.forEach((bead, index) => context.out.line(`${index + 1}. [P${bead.priority}] [${safeText(bead.issue_type)}] ${safeText(bead.id)}: ${safeText(bead.title)}`));
	else if (flagBool(context, 'long')) context.out.line(beads.map(bead => detailOf(view, bead.id).join('\n')).join('\n\n'));
	else for (const row of (flagBool(context, 'tree') || flagBool(context, 'pretty')) && !flagBool(context, 'flat') ? treeRows(beads) : beadRows(beads)) context.out.line(row);
	if (answer.length > beads.length) context.out.line(`… ${answer.length - beads.length} more (use -n 0 to show all)`);
}
