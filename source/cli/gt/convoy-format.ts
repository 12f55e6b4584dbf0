// What the convoy commands share: who is acting, progress bars, and the one-line
// summary of a convoy.
import {actorFrom} from '../../core/beads/resolve.js';
import type {Actor} from '../../core/beads/operations.js';
import type {ConvoyStatus, TrackedBead} from '../../core/convoys/convoy.js';
import type {Landing} from '../../core/convoys/landing.js';
import type {CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export function actorOf(context: CommandContext): Actor {
	return {actor: context.env.vars.GT_AGENT || actorFrom(context.env), now: context.env.now()};
}

/** `███░░ 3/5`: five cells, so a list lines up whatever the sizes. */
export function progressBar(done: number, total: number, width = 5): string {
	// Rounded down: the bar is full only when everything is done.
	const filled = total === 0 ? 0 : Math.floor((done / total) * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`;
}

/** open, landed (closed by its last bead), or closed (by hand). */
export const stateOf = (convoy: ConvoyStatus) => (convoy.status === 'closed' ? (convoy.close_reason === 'landed' ? 'landed' : 'closed') : convoy.status);

export const trackedLine = (bead: TrackedBead, mark: string) => `  ${mark} ${safeText(bead.id)}  ${safeText(bead.title)}${bead.assignee ? ` — ${safeText(bead.assignee)}` : ''}${bead.rig ? `  (${safeText(bead.rig)})` : ''}`;

export function reportLanding(context: CommandContext, landing: Landing): void {
	context.out.line(`🚚 Convoy ${safeText(landing.convoy.id)} landed: ${safeText(landing.convoy.title)} (${landing.convoy.done}/${landing.convoy.total})`);
	if (landing.mailed.length > 0) context.out.line(`  mailed ${safeText(landing.mailed.join(', '))}`);
	for (const error of landing.mailErrors) context.out.note(`gt: landing mail not sent to ${safeText(error)}`);
}
