// How beads look in human output: one aligned line per bead in lists, a block per
// bead in `bd show`. JSON output is the bead records themselves.
import type {Blocker} from '../../core/beads/queries.js';
import type {Bead} from '../../core/beads/types.js';

const statusGlyph: Record<string, string> = {open: '○', in_progress: '◐', hooked: '⚓', blocked: '⊘', deferred: '❄', pinned: '📌', closed: '✓'};

export const glyph = (status: string) => statusGlyph[status] ?? '·';

function truncate(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Aligned rows: glyph id priority type status assignee title. */
export function beadRows(beads: readonly Bead[]): string[] {
	const idWidth = Math.max(2, ...beads.map(bead => bead.id.length));
	const typeWidth = Math.max(4, ...beads.map(bead => bead.issue_type.length));
	const statusWidth = Math.max(6, ...beads.map(bead => bead.status.length));
	return beads.map(bead => {
		const assignee = bead.assignee ? ` @${bead.assignee}` : '';
		const labels = bead.labels?.length ? ` [${bead.labels.join(', ')}]` : '';
		return `${glyph(bead.status)} ${bead.id.padEnd(idWidth)}  P${bead.priority}  ${bead.issue_type.padEnd(typeWidth)}  ${bead.status.padEnd(statusWidth)}  ${truncate(bead.title, 80)}${assignee}${labels}`;
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
	const lines = [`${glyph(bead.status)} ${bead.id}  ${bead.title}`];
	const facts = [`P${bead.priority}`, bead.issue_type, bead.status, bead.assignee ? `assignee ${bead.assignee}` : '', bead.ephemeral ? 'ephemeral' : ''].filter(Boolean);
	lines.push(`  ${facts.join(' · ')}`);
	if (bead.labels?.length) lines.push(`  labels: ${bead.labels.join(', ')}`);
	if (related.parent) lines.push(`  parent: ${related.parent}`);
	lines.push(`  created ${bead.created_at}${bead.created_by ? ` by ${bead.created_by}` : ''} · updated ${bead.updated_at}`);
	if (bead.closed_at) lines.push(`  closed ${bead.closed_at}${bead.close_reason ? `: ${bead.close_reason}` : ''}`);
	if (bead.defer_until) lines.push(`  deferred until ${bead.defer_until}`);
	if (related.blockers.length > 0) lines.push(`  blocked by: ${related.blockers.map(blocker => `${blocker.id} (${blocker.status})`).join(', ')}`);
	const block = (title: string, text: string | undefined) => {
		if (!text) return;
		lines.push('', `${title}:`, ...text.split('\n').map(line => `  ${line}`));
	};
	block('Description', bead.description);
	block('Notes', bead.notes);
	const edgeLine = (arrow: string, item: RelatedBead) => `  ${arrow} ${item.id}  ${item.missing ? '(not in this ledger)' : `${item.title}  [${item.status}]`}  (${item.type})`;
	if (related.dependsOn.length > 0) lines.push('', 'Depends on:', ...related.dependsOn.map(item => edgeLine('→', item)));
	if (related.dependents.length > 0) lines.push('', 'Dependents:', ...related.dependents.map(item => edgeLine('←', item)));
	if (bead.comments?.length) {
		lines.push('', 'Comments:');
		for (const comment of bead.comments) lines.push(`  ${comment.author} at ${comment.created_at}:`, ...comment.text.split('\n').map(line => `    ${line}`));
	}
	return lines;
}
