import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const json = flagBool(context, 'json');
	// The read index answers the query; full records are read only for the beads printed as JSON.
	const view = await openCurrentLedger(context.env).view({records: json});
	const beads = view.blocked();
	if (json) {
		const extra = (bead: (typeof beads)[number]) => ({blocked_by: bead.blocked_by, blocked_by_count: bead.blocked_by_count});
		if (context.out.isTerminal) context.out.json(beads.map(bead => ({...view.record(bead.id), ...extra(bead)})));
		else context.out.line(view.jsonArray(beads.map(bead => bead.id), beads.map(extra)));
		return;
	}
	if (beads.length === 0) {
		context.out.line('Nothing is blocked.');
		return;
	}
	const width = Math.max(...beads.map(bead => bead.id.length));
	for (const bead of beads) {
		const by = bead.blocked_by.map(blocker => `${blocker.id}${blocker.via === 'parent' ? ' (parent)' : ''}`).join(', ');
		context.out.line(`${glyph(bead.status)} ${bead.id.padEnd(width)}  P${bead.priority}  ${safeText(bead.title)}  ← ${by}`);
	}
}
