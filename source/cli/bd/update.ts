import {claimBead, updateBead} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';
import {closeFinishedParents} from '../../core/formulas/lifecycle.js';
import {reportLandings} from './close.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const changes = {
		status: flagString(context, 'status'),
		title: flagString(context, 'title'),
		description: flagString(context, 'description'),
		priority: flagString(context, 'priority'),
		assignee: flagString(context, 'assignee'),
		addLabels: flagList(context, 'addLabel'),
		removeLabels: flagList(context, 'removeLabel'),
		notes: flagString(context, 'notes'),
		appendNotes: flagString(context, 'appendNotes'),
		deferUntil: flagString(context, 'defer'),
	};
	if (changes.title !== undefined && !changes.title.trim()) throw usageError('a bead needs a title', 'give --title "What to do", or leave --title out');
	const claim = flagBool(context, 'claim');
	const anything = claim || Object.values(changes).some(value => (Array.isArray(value) ? value.length > 0 : value !== undefined));
	if (!anything) throw usageError('nothing to change', 'give --status, --title, --priority, --assignee, --add-label, --notes, --claim, …');
	const finished: string[] = [];
	const beads = await changeEach(context, context.args, (state, ledger, id, who) => {
		// Claim first: it is the compare-and-swap; other changes apply to the claimed bead.
		if (claim) claimBead(state, id, who);
		const rest = Object.values(changes).some(value => (Array.isArray(value) ? value.length > 0 : value !== undefined));
		const bead = rest ? updateBead(state, ledger, id, changes, who) : state.require(id);
		// As bd close: a molecule's root closes with its last step.
		if (bead.status === 'closed') finished.push(...closeFinishedParents(state, [id], who).map(parent => parent.id));
		return bead;
	});
	reportChanged(context, beads, claim ? 'Claimed' : 'Updated');
	if (changes.status !== undefined) await reportLandings(context, [...beads.filter(bead => bead.status === 'closed').map(bead => bead.id), ...finished]);
}
