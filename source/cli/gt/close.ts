// gt close [bead-id...] [bd close flags] [--cascade]: the original's pass-through to bd close
// (cli/bd/close.ts), from anywhere in the town (ids routed by prefix), with --comment as another
// name for --reason. --cascade first closes every open descendant of each bead, deepest first,
// forced, with the reason "Parent <id> closed (cascade)", as the original does.
import {failure} from '../../core/base/errors.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import {closeBead, type Actor} from '../../core/beads/operations.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {run as bdClose, reasonsFor, reportLandings} from '../bd/close.js';
import {actorOf} from '../bd/context.js';
import {idsOrCurrent} from '../bd/current.js';
import {flagBool, type CommandContext} from '../spec.js';
import {townRouted} from './show.js';

const maxDepth = 50;

type Cascaded = {parent: string; children: Bead[]};

/** Closes the open descendants of `ids` in `state`: each bead's children after their own children. */
function closeDescendants(state: LedgerState, ids: readonly string[], who: Actor): Cascaded[] {
	const closed: Cascaded[] = [];
	const seen = new Set<string>();
	const visit = (parent: string, depth: number) => {
		if (depth > maxDepth) throw failure(`--cascade: more than ${maxDepth} levels of children below ${parent}`, 'a parent-child cycle? see `bd dep tree`');
		if (seen.has(parent)) return;
		seen.add(parent);
		const open = state.childrenOf(parent).filter(child => child.status !== 'closed');
		for (const child of open) visit(child.id, depth + 1);
		if (open.length === 0) return;
		const reason = `Parent ${parent} closed (cascade)`;
		closed.push({parent, children: open.map(child => closeBead(state, child.id, {reason, force: true}, who))});
	};
	for (const id of ids) {
		state.require(id);
		visit(id, 0);
	}
	return closed;
}

async function cascade(context: CommandContext, ids: readonly string[]): Promise<void> {
	const who = actorOf(context);
	const groups = groupIdsByLedger(context.env, ids);
	// Rehearsed on a read first, with the beads themselves closed after their descendants: an unknown
	// id, or a bead that would not close (open blockers without --force), changes nothing.
	for (const {ledger, ids: group} of groups) {
		const state = await ledger.read();
		closeDescendants(state, group, who);
		for (const id of group) closeBead(state, id, {force: flagBool(context, 'force')}, who);
	}
	const cascaded: Cascaded[] = [];
	for (const {ledger, ids: group} of groups) cascaded.push(...(await ledger.transact(state => closeDescendants(state, group, who))));
	// stdout stays one JSON document (bd close's) under --json.
	const say = (text: string) => (flagBool(context, 'json') ? context.out.note(text) : context.out.line(text));
	for (const {parent, children} of cascaded) {
		context.out.note(`Cascade: closing ${children.length} children of ${parent}`);
		for (const child of children) say(`Closed ${child.id}: ${safeText(child.title)}`);
	}
	await reportLandings(context, cascaded.flatMap(entry => entry.children.map(child => child.id)));
}

export async function run(context: CommandContext) {
	const routed = townRouted(context);
	if (!flagBool(routed, 'cascade')) return bdClose(routed);
	const ids = await idsOrCurrent(routed);
	// The reasons are read and checked (one for all or one per id; --reason-file readable) before
	// anything cascades, then handed to bd close as given, so a bad one changes nothing.
	const reasons = reasonsFor({...routed, args: ids}, ids);
	const {reasonFile: _read, ...flags} = routed.flags;
	const explicit = {...routed, args: ids, flags: {...flags, reason: reasons.every(reason => reason === undefined) ? undefined : reasons.map(reason => reason ?? '')}};
	await cascade(explicit, ids);
	await bdClose(explicit);
}
