// bd promote <wisp-id>: a wisp (ephemeral bead, in wisps.jsonl) becomes durable: the
// same record, id, labels, dependencies and comments, moved to issues.jsonl (git
// tracks it), with a comment recording the promotion. --json prints the bead.
import {addComment, updateBead} from '../../core/beads/operations.js';
import {conflict} from '../../core/base/errors.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagString, type CommandContext} from '../spec.js';
import {changeOne} from './assign.js';

export async function run(context: CommandContext) {
	const reason = flagString(context, 'reason')?.trim();
	const comment = `Promoted from wisp to permanent bead${reason ? `: ${reason}` : ''}`;
	await changeOne(context, context.args[0]!, (state, ledger, id, who) => {
		if (!state.require(id).ephemeral) throw conflict(`${id} is not a wisp (already durable)`, 'bd promote takes an ephemeral bead; bd list --ephemeral lists them');
		// The ledger keeps a bead without the flag in issues.jsonl.
		updateBead(state, ledger, id, {fields: {ephemeral: undefined}}, who);
		return addComment(state, id, comment, who);
	}, bead => `Promoted ${bead.id} to permanent bead: ${safeText(bead.title)}`);
}
