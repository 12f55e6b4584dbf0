import {addDependency} from '../../core/beads/operations.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {blockingDependencyTypes} from '../../core/beads/types.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';

/**
 * The dependency types this tool and Beads give a meaning: the blocking ones, and
 * the links that only inform. Anything else is a typo, refused here where it enters.
 */
export const knownDependencyTypes: readonly string[] = [...blockingDependencyTypes, 'related', 'relates-to', 'tracks', 'discovered-from', 'replies-to', 'duplicates', 'supersedes'];

export async function run(context: CommandContext) {
	const id = context.args[0];
	// The original's --blocked-by/--depends-on name the target instead of the second argument.
	const dependsOn = context.args[1] ?? flagString(context, 'blockedBy');
	if (!id || !dependsOn) throw usageError('bd dep add needs <id> <depends-on>', 'usage: bd dep add <id> <depends-on> (or --blocked-by <depends-on>)');
	if (flagString(context, 'file') !== undefined) throw usageError('bd dep add --file is not implemented here', 'add each edge with bd dep add <id> <depends-on>');
	await addEdge(context, id, dependsOn, flagString(context, 'type') ?? 'blocks');
}

/** Makes `id` depend on `dependsOn` (bd dep add, and bd dep <blocker> --blocks <id>). */
export async function addEdge(context: CommandContext, id: string, dependsOn: string, type: string): Promise<void> {
	if (!knownDependencyTypes.includes(type)) throw usageError(`unknown dependency type ${JSON.stringify(type)}`, `types: ${knownDependencyTypes.join(', ')}`);
	if (id === dependsOn) throw usageError(`${id} cannot depend on itself`, 'name the bead it waits for: bd dep add <id> <other-id>');
	const ledger = openLedgerForId(context.env, id);
	// A target in another ledger of the town must exist there (convoys track beads across rigs).
	if (!dependsOn.startsWith('external:')) {
		const targetLedger = openLedgerForId(context.env, dependsOn);
		if (targetLedger.dir !== ledger.dir) (await targetLedger.read()).require(dependsOn);
	}
	const added = await ledger.transact(state => addDependency(state, id, dependsOn, type, actorOf(context)));
	if (flagBool(context, 'json')) context.out.json({status: 'added', issue_id: id, depends_on_id: dependsOn, blocker_id: dependsOn, blocked_id: id, type, added: added !== undefined});
	else context.out.line(added ? `${id} now depends on ${dependsOn} (${type})` : `${id} already depends on ${dependsOn} (${type})`);
}
