// bd assign <id> <name>: the original's shorthand for bd update <id> --assignee <name>;
// an empty name unassigns. --json prints the bead as it now is.
import {updateBead} from '../../core/beads/operations.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {Bead} from '../../core/beads/types.js';
import {flagBool, type CommandContext} from '../spec.js';
import {changeEach} from './context.js';

/** The original's single-bead shorthands: one bead changed, printed whole for --json, else one line. */
export async function changeOne(context: CommandContext, id: string, change: Parameters<typeof changeEach>[2], line: (bead: Bead) => string): Promise<void> {
	const [bead] = await changeEach(context, [id], change);
	if (flagBool(context, 'json')) context.out.json(bead);
	else context.out.line(line(bead!));
}

export async function run(context: CommandContext) {
	const [id, name] = context.args as [string, string];
	const assignee = name.trim();
	await changeOne(context, id, (state, ledger, beadId, who) => updateBead(state, ledger, beadId, {assignee}, who), bead =>
		assignee ? `Assigned ${bead.id} to ${safeText(assignee)}: ${safeText(bead.title)}` : `Unassigned ${bead.id}: ${safeText(bead.title)}`,
	);
}
