import {createBead, parseDependencyList} from '../../core/beads/operations.js';
import {openCurrentLedger, openLedgerForId} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {validateBeadId, validateDependencyTarget} from '../../core/base/names.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {knownDependencyTypes} from './dep-add.js';

export async function run(context: CommandContext) {
	const title = flagString(context, 'title') ?? context.args.join(' ');
	if (!title.trim()) throw usageError('bd create needs a title', 'bd create "What to do" [-d description]');
	// The id check bd import makes too (base/names): one rule where ids enter.
	const id = flagString(context, 'id');
	if (id !== undefined) validateBeadId(id);
	const deps = parseDependencyList(flagList(context, 'deps'));
	// The checks bd dep add makes: a known type, a well-formed target.
	for (const dep of deps) {
		if (!knownDependencyTypes.includes(dep.type)) throw usageError(`unknown dependency type ${JSON.stringify(dep.type)} in --deps`, `types: ${knownDependencyTypes.join(', ')}`);
		validateDependencyTarget(dep.id, '--deps: ');
	}
	const parent = flagString(context, 'parent');
	// A child lives in its parent's ledger, wherever the command runs.
	const ledger = parent ? openLedgerForId(context.env, parent) : openCurrentLedger(context.env);
	const who = actorOf(context);
	const bead = await ledger.transact(state => createBead(state, ledger, {
		title,
		description: flagString(context, 'description'),
		type: flagString(context, 'type'),
		priority: flagString(context, 'priority'),
		assignee: flagString(context, 'assignee'),
		labels: flagList(context, 'label'),
		parent,
		deps,
		notes: flagString(context, 'notes'),
		ephemeral: flagBool(context, 'ephemeral'),
		deferUntil: flagString(context, 'defer'),
		id,
	}, who));
	if (flagBool(context, 'json')) context.out.json(bead);
	else if (flagBool(context, 'silent')) context.out.line(bead.id);
	else context.out.line(`Created ${bead.id}: ${safeText(bead.title)}`);
}
