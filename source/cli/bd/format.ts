// How beads look in human output: one aligned line per bead in lists, a block per
// bead in `bd show`. JSON output is the bead records themselves; everything a user
// wrote goes through safeText here, so no control character reaches the terminal.
import type {Blocker} from '../../core/beads/queries.js';
import type {Bead} from '../../core/beads/types.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';

const statusGlyph: Record<string, string> = {open: '○', in_progress: '◐', hooked: '⚓', blocked: '⊘', deferred: '❄', pinned: '📌', closed: '✓'};

export const glyph = (status: string) => statusGlyph[status] ?? '·';

function truncate(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Aligned rows: glyph id priority type status assignee title. */
export function beadRows(beads: readonly Bead[]): string[] {
	const shown = beads.map(bead => ({bead, id: safeText(bead.id), type: safeText(bead.issue_type), status: safeText(bead.status)}));
	const idWidth = Math.max(2, ...shown.map(row => row.id.length));
	const typeWidth = Math.max(4, ...shown.map(row => row.type.length));
	const statusWidth = Math.max(6, ...shown.map(row => row.status.length));
	return shown.map(({bead, id, type, status}) => {
		const assignee = bead.assignee ? ` @${safeText(bead.assignee)}` : '';
		const labels = bead.labels?.length ? ` [${safeText(bead.labels.join(', '))}]` : '';
		return `${glyph(bead.status)} ${id.padEnd(idWidth)}  P${bead.priority}  ${type.padEnd(typeWidth)}  ${status.padEnd(statusWidth)}  ${truncate(safeText(bead.title), 80)}${assignee}${labels}`;
	});
}

export function printList(out: {line(text?: string): void}, beads: readonly Bead[], total: number, empty: string): void {
	if (beads.length === 0) {
		out.line(empty);
		return;
	}
	for (const row of beadRows(beads)) out.line(row);
	if (total > beads.length) out.line(`… ${total - beads.length} more (use -n 0 to show all)`);
}

export type RelatedBead = {id: string; title: string; status: string; type: string; missing?: boolean};

export function beadDetail(bead: Bead, related: {dependsOn: RelatedBead[]; dependents: RelatedBead[]; blockers: Blocker[]; parent?: string}): string[] {
	// One-line fields are escaped as they are placed; blocks keep their newlines and tabs.
	const one = (text: string) => safeText(text);
	const lines = [`${glyph(bead.status)} ${one(bead.id)}  ${one(bead.title)}`];
	const facts = [`P${bead.priority}`, bead.issue_type, bead.status, bead.assignee ? `assignee ${bead.assignee}` : '', bead.ephemeral ? 'ephemeral' : ''].filter(Boolean).map(one);
	lines.push(`  ${facts.join(' · ')}`);
	if (bead.labels?.length) lines.push(`  labels: ${one(bead.labels.join(', '))}`);
	if (related.parent) lines.push(`  parent: ${one(related.parent)}`);
	lines.push(`  created ${one(bead.created_at)}${bead.created_by ? ` by ${one(bead.created_by)}` : ''} · updated ${one(bead.updated_at)}`);
	if (bead.closed_at) lines.push(`  closed ${one(bead.closed_at)}${bead.close_reason ? `: ${one(bead.close_reason)}` : ''}`);
	if (bead.defer_until) lines.push(`  deferred until ${one(bead.defer_until)}`);
	if (related.blockers.length > 0) lines.push(`  blocked by: ${related.blockers.map(blocker => `${one(blocker.id)} (${one(blocker.status)})`).join(', ')}`);
	const block = (title: string, text: string | undefined) => {
		if (!text) return;
		lines.push('', `${title}:`, ...safeBlock(text).split('\n').map(line => `  ${line}`));
	};
	block('Description', bead.description);
	block('Notes', bead.notes);
	const edgeLine = (arrow: string, item: RelatedBead) => `  ${arrow} ${one(item.id)}  ${item.missing ? '(not in this ledger)' : `${one(item.title)}  [${one(item.status)}]`}  (${one(item.type)})`;
	if (related.dependsOn.length > 0) lines.push('', 'Depends on:', ...related.dependsOn.map(item => edgeLine('→', item)));
	if (related.dependents.length > 0) lines.push('', 'Dependents:', ...related.dependents.map(item => edgeLine('←', item)));
	if (bead.comments?.length) {
		lines.push('', 'Comments:');
		for (const comment of bead.comments) lines.push(`  ${one(comment.author)} at ${one(comment.created_at)}:`, ...safeBlock(comment.text).split('\n').map(line => `    ${line}`));
	}
	return lines;
}

/**
 * What to say about a dependency target this ledger does not hold: an id with the
 * ledger's own prefix is missing (deleted, or never there), any other lives elsewhere.
 */
export function absentTarget(id: string, ledgerPrefix: string): string {
	return id.startsWith(`${ledgerPrefix}-`) ? '(missing from this ledger)' : '(in another ledger)';
}
