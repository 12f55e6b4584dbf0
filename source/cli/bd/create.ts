import {createBead, parseDependencyList} from '../../core/beads/operations.js';
import {openCurrentLedger, openLedgerForId} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {validateBeadId, validateDependencyTarget} from '../../core/base/names.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';
import {descriptionOf, fieldFlags} from './bead-fields.js';
import {actorOf} from './context.js';
import {knownDependencyTypes} from './dep-add.js';

/** The original's --type=event fields, under its names (event_kind, actor, target, payload). */
function eventFields(context: CommandContext, type: string | undefined): Record<string, unknown> {
	const given = {event_kind: flagString(context, 'eventCategory'), actor: flagString(context, 'eventActor'), target: flagString(context, 'eventTarget'), payload: flagString(context, 'eventPayload')};
	if (Object.values(given).every(value => value === undefined)) return {};
	if (type?.toLowerCase() !== 'event') throw usageError('--event-actor, --event-category, --event-payload and --event-target need --type=event', 'add --type=event');
	return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

export async function run(context: CommandContext) {
	const title = flagString(context, 'title') ?? context.args.join(' ');
	if (!title.trim()) throw usageError('bd create needs a title', 'bd create "What to do" [-d description]');
	// The id check bd import makes too (base/names): one rule where ids enter.
	const id = flagString(context, 'id');
	if (id !== undefined) validateBeadId(id);
	const deps = parseDependencyList(flagList(context, 'deps'));
	const waitsFor = flagString(context, 'waitsFor');
	if (waitsFor) deps.push({type: 'waits-for', id: waitsFor});
	// The checks bd dep add makes: a known type, a well-formed target.
	for (const dep of deps) {
		if (!knownDependencyTypes.includes(dep.type)) throw usageError(`unknown dependency type ${JSON.stringify(dep.type)} in --deps`, `types: ${knownDependencyTypes.join(', ')}`);
		validateDependencyTarget(dep.id, '--deps: ');
	}
	const parent = flagString(context, 'parent');
	const who = actorOf(context);
	const type = flagString(context, 'type');
	const context_ = flagString(context, 'context');
	const described = descriptionOf(context);
	const description = context_ ? (described ? `${described}\n\n${context_}` : context_) : described;
	const notes = [flagString(context, 'notes'), flagString(context, 'appendNotes')].filter(Boolean).join('\n') || undefined;
	const skills = flagString(context, 'skills');
	const fields: Record<string, unknown> = {
		...fieldFlags(context, who.now),
		...eventFields(context, type),
		...(flagString(context, 'molType') ? {mol_type: flagString(context, 'molType')} : {}),
		...(flagString(context, 'wispType') ? {wisp_type: flagString(context, 'wispType')} : {}),
	};
	if (skills) fields.metadata = {...(fields.metadata as Record<string, unknown> | undefined), skills};
	// A child lives in its parent's ledger, wherever the command runs.
	const ledger = parent ? openLedgerForId(context.env, parent) : openCurrentLedger(context.env);
	const make = (state: Parameters<Parameters<typeof ledger.transact>[0]>[0]) => {
		// As the original: a child takes its parent's labels unless --no-inherit-labels.
		const inherited = parent && !flagBool(context, 'noInheritLabels') ? (state.get(parent)?.labels ?? []) : [];
		const bead = createBead(state, ledger, {
			title, description, type, notes, parent, deps, id,
			priority: flagString(context, 'priority'),
			assignee: flagString(context, 'assignee'),
			labels: [...inherited, ...flagList(context, 'label')],
			ephemeral: flagBool(context, 'ephemeral'),
			deferUntil: flagString(context, 'defer'),
			fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
		}, who);
		const gate = flagString(context, 'waitsForGate');
		if (waitsFor && gate) {
			// The fan-out gate's kind rides on the waits-for edge, where ready/blocked read it.
			const dependencies = (bead.dependencies ?? []).map(edge => (edge.type === 'waits-for' && edge.depends_on_id === waitsFor ? {...edge, metadata: {gate}} : edge));
			state.put({...bead, dependencies});
		}
		return state.require(bead.id);
	};
	const dryRun = flagBool(context, 'dryRun');
	// A dry run makes the bead in a state read from the files and never written back.
	const bead = dryRun ? make(await ledger.read()) : await ledger.transact(make);
	if (flagBool(context, 'json')) context.out.json(bead);
	else if (flagBool(context, 'silent')) context.out.line(bead.id);
	else context.out.line(`${dryRun ? 'Would create' : 'Created'} ${bead.id}: ${safeText(bead.title)}`);
}
