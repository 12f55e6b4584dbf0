// bd duplicate <id> --of <canonical>: the original's "this one is the same as that
// one". A duplicates edge from the duplicate to the canonical bead, and the duplicate
// closed, in one transaction. bd supersede shares all of it (markReplaced).
import {addDependency, closeBead} from '../../core/beads/operations.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {reportLandings} from './close.js';
import {actorOf} from './context.js';

/** How one of the "closed in favour of another bead" commands names its parts. */
export type Replacement = {
	command: string;
	/** The flag naming the other bead, and its placeholder. */
	flag: string;
	value: string;
	/** The dependency type, from the replaced bead to the other one. */
	type: 'duplicates' | 'supersedes';
	/** "duplicate of", "superseded by": in messages and the close reason. */
	relation: string;
	/** The --json keys for the replaced bead and the other one (the original's). */
	keys: [string, string];
};

/** Links `<id>` to the bead its flag names and closes it; prints the original's line or JSON. */
export async function markReplaced(context: CommandContext, replacement: Replacement): Promise<void> {
	const {command, flag, value, type, relation, keys} = replacement;
	const id = context.args[0]!;
	const target = flagString(context, flag)?.trim();
	if (!target) throw usageError(`bd ${command} needs --${flag} ${value}`, `usage: bd ${command} <id> --${flag} ${value}`);
	if (target === id) throw usageError(`${id} cannot be marked ${relation} itself`, `name another bead: bd ${command} <id> --${flag} ${value}`);
	const ledger = openLedgerForId(context.env, id);
	// The other bead must exist: in this ledger, or in the one of the town its prefix routes to.
	const targetLedger = openLedgerForId(context.env, target);
	const elsewhere = targetLedger.dir !== ledger.dir;
	if (elsewhere) (await targetLedger.read()).require(target);
	const who = actorOf(context);
	const reason = `${relation[0]!.toUpperCase()}${relation.slice(1)} ${target}`;
	// The original closes it whatever blocks it or is under it: it is not done, it is replaced.
	await ledger.transact(state => {
		state.require(id);
		if (!elsewhere) state.require(target);
		addDependency(state, id, target, type, who);
		closeBead(state, id, {reason, force: true}, who);
	});
	if (flagBool(context, 'json')) context.out.json({[keys[0]]: id, [keys[1]]: target, status: 'closed'});
	else context.out.line(`Marked ${id} as ${relation} ${target} (closed)`);
	await reportLandings(context, [id]);
}

export async function run(context: CommandContext) {
	await markReplaced(context, {command: 'duplicate', flag: 'of', value: '<canonical>', type: 'duplicates', relation: 'duplicate of', keys: ['duplicate', 'canonical']});
}
