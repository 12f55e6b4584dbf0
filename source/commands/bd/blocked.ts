import {blockedBeads} from '../../core/beads/queries.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {glyph} from './format.js';

export async function run(context: CommandContext) {
	const beads = blockedBeads(await openCurrentLedger(context.env).read());
	if (flagBool(context, 'json')) {
		context.out.json(beads);
		return;
	}
	if (beads.length === 0) {
		context.out.line('Nothing is blocked.');
		return;
	}
	const width = Math.max(...beads.map(bead => bead.id.length));
	for (const bead of beads) {
		const by = bead.blocked_by.map(blocker => `${blocker.id}${blocker.via === 'parent' ? ' (parent)' : ''}`).join(', ');
		context.out.line(`${glyph(bead.status)} ${bead.id.padEnd(width)}  P${bead.priority}  ${bead.title}  ← ${by}`);
	}
}
