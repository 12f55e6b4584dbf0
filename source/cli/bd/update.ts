import {claimBead, resolveType, setParent, updateBead} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';
import {closeFinishedParents} from '../../core/formulas/lifecycle.js';
import type {Bead} from '../../core/beads/types.js';
import {descriptionOf, fieldFlags} from './bead-fields.js';
import {reportLandings} from './close.js';
import {actorOf, changeEach, reportChanged} from './context.js';
import {idsOrCurrent} from './current.js';

/** --set-metadata k=v and --unset-metadata k over the bead's metadata object. */
function metadataChange(context: CommandContext): ((bead: Bead) => Record<string, unknown> | undefined) | undefined {
	const sets = flagList(context, 'setMetadata').map(pair => {
		const index = pair.indexOf('=');
		if (index <= 0) throw usageError(`--set-metadata takes key=value (got "${pair}")`, 'e.g. --set-metadata team=platform');
		return [pair.slice(0, index), pair.slice(index + 1)] as const;
	});
	const unsets = flagList(context, 'unsetMetadata');
	if (sets.length === 0 && unsets.length === 0) return undefined;
	return bead => {
		const base = typeof bead.metadata === 'object' && bead.metadata !== null && !Array.isArray(bead.metadata) ? {...(bead.metadata as Record<string, unknown>)} : {};
		for (const [key, value] of sets) base[key] = value;
		for (const key of unsets) delete base[key];
		return Object.keys(base).length > 0 ? base : undefined;
	};
}

export async function run(context: CommandContext) {
	const who = actorOf(context);
	const description = descriptionOf(context);
	if (description === '' && (flagString(context, 'bodyFile') !== undefined || flagBool(context, 'stdin')) && !flagBool(context, 'allowEmptyDescription')) {
		throw usageError('the description read is empty; it would clear the description', 'add --allow-empty-description to clear it, or check the file');
	}
	const fields = fieldFlags(context, who.now);
	if (flagBool(context, 'ephemeral') && flagBool(context, 'persistent')) throw usageError('give --ephemeral or --persistent, not both');
	if (flagBool(context, 'ephemeral')) fields.ephemeral = true;
	if (flagBool(context, 'persistent')) fields.ephemeral = undefined;
	if (flagString(context, 'awaitId') !== undefined) fields.await_id = flagString(context, 'awaitId') || undefined;
	const changes = {
		status: flagString(context, 'status'),
		title: flagString(context, 'title'),
		description,
		priority: flagString(context, 'priority'),
		assignee: flagString(context, 'assignee'),
		addLabels: flagList(context, 'addLabel'),
		removeLabels: flagList(context, 'removeLabel'),
		notes: flagString(context, 'notes'),
		appendNotes: flagString(context, 'appendNotes'),
		deferUntil: flagString(context, 'defer'),
		...(Object.keys(fields).length > 0 ? {fields} : {}),
	};
	if (changes.title !== undefined && !changes.title.trim()) throw usageError('a bead needs a title', 'give --title "What to do", or leave --title out');
	const type = flagString(context, 'type');
	const parent = flagString(context, 'parent');
	const setLabels = context.flags.setLabels === undefined ? undefined : flagList(context, 'setLabels');
	const metadata = metadataChange(context);
	const claim = flagBool(context, 'claim');
	const given = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined);
	const rest = Object.values(changes).some(given);
	if (!claim && !rest && type === undefined && parent === undefined && setLabels === undefined && !metadata) {
		throw usageError('nothing to change', 'give --status, --title, --priority, --assignee, --add-label, --notes, --design, --parent, --claim, …');
	}
	const session = flagString(context, 'session') ?? context.env.vars.CLAUDE_SESSION_ID;
	const finished: string[] = [];
	const ids = await idsOrCurrent(context);
	const beads = await changeEach(context, ids, (state, ledger, id, actor) => {
		// Claim first: it is the compare-and-swap; other changes apply to the claimed bead.
		if (claim) claimBead(state, id, actor);
		if (parent !== undefined) setParent(state, id, parent, actor);
		const extra: Record<string, unknown> = {};
		if (type !== undefined) extra.issue_type = resolveType(ledger, type);
		if (setLabels !== undefined) extra.labels = setLabels.length > 0 ? [...new Set(setLabels)].sort() : undefined;
		if (metadata) extra.metadata = metadata(state.require(id));
		if (changes.status === 'closed' && session) extra.closed_by_session = session;
		const all = {...changes, fields: {...changes.fields, ...extra}};
		const bead = rest || Object.keys(extra).length > 0 ? updateBead(state, ledger, id, all, actor) : state.require(id);
		// As bd close: a molecule's root closes with its last step.
		if (bead.status === 'closed') finished.push(...closeFinishedParents(state, [id], actor).map(done => done.id));
		return bead;
	});
	reportChanged(context, beads, claim ? 'Claimed' : 'Updated');
	if (changes.status !== undefined) await reportLandings(context, [...beads.filter(bead => bead.status === 'closed').map(bead => bead.id), ...finished]);
}
