// bd blocked: beads waiting on open blockers (ephemeral ones too, as the original
// lists them), with what blocks each. --json is the original's BlockedIssue:
// `blocked_by` as ids and `blocked_by_count`; `blockers` adds why (id, title, via).
import {ancestorIds} from '../../core/beads/record-filter.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const json = flagBool(context, 'json');
	const parent = flagString(context, 'parent');
	// The read index answers the query; full records are read only for the beads printed as JSON.
	const view = await openCurrentLedger(context.env).view({records: json});
	if (parent !== undefined) view.bead(parent) ?? view.state.require(parent);
	const beads = view.blocked().filter(bead => parent === undefined || ancestorIds(bead, id => view.bead(id)).includes(parent));
	if (json) {
		const extra = (bead: (typeof beads)[number]) => ({blocked_by: bead.blocked_by.map(blocker => blocker.id), blocked_by_count: bead.blocked_by_count, blockers: bead.blocked_by});
		if (context.out.isTerminal) context.out.json(beads.map(bead => ({...view.record(bead.id), ...extra(bead)})));
		else context.out.line(view.jsonArray(beads.map(bead => bead.id), beads.map(extra)));
		return;
	}
	if (beads.length === 0) {
		context.out.line(parent === undefined ? 'Nothing is blocked.' : `Nothing under ${parent} is blocked.`);
		return;
	}
	const width = Math.max(...beads.map(bead => bead.id.length));
	for (const bead of beads) {
		const by = bead.blocked_by.map(blocker => `${blocker.id}${blocker.via === 'parent' ? ' (parent)' : ''}`).join(', ');
		context.out.line(`${glyph(bead.status)} ${bead.id.padEnd(width)}  P${bead.priority}  ${safeText(bead.title)}  ← ${by}`);
	}
}
