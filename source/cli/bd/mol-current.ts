// bd mol current [id]: where a molecule is: the step in progress (or the first
// ready one), the one after, and every step's state. Without an id: the molecules
// you work on (BD_ACTOR: an agent's address), as Beads walks up from your work.
import {openCurrentLedger, openLedgerForId} from '../../core/beads/resolve.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import {BlockedIndex} from '../../core/beads/queries.js';
import type {Bead} from '../../core/beads/types.js';
import {moleculeCurrent, moleculeOf, moleculesOf, type MoleculeCurrent} from '../../core/formulas/lifecycle.js';
import {notFound} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './context.js';
import {safeText} from '../../core/base/terminal-text.js';

/** The molecule an id names (a root or any of its steps), or the caller's molecules. */
export async function targetMolecules(context: CommandContext, id: string | undefined): Promise<{state: LedgerState; roots: Bead[]}> {
	if (id) {
		const state = await openLedgerForId(context.env, id).read();
		state.require(id);
		const root = moleculeOf(state, id);
		if (!root) throw notFound(`${id} is not a molecule or one of its steps`, '`bd mol list` shows the molecules');
		return {state, roots: [root]};
	}
	const state = await openCurrentLedger(context.env).read();
	return {state, roots: moleculesOf(state, flagString(context, 'for') ?? actorOf(context).actor)};
}

const marks: Record<string, string> = {done: '✓', current: '▶', ready: '○', blocked: '⧗', pending: '·'};

export function printCurrent(context: CommandContext, entry: MoleculeCurrent): void {
	const out = context.out;
	out.line(`${entry.molecule_id}  ${safeText(entry.molecule_title)}  ${entry.completed}/${entry.total} done${entry.assignee ? `  (${entry.assignee})` : ''}`);
	if (entry.current_step) out.line(`  current: ${entry.current_step.id}  ${safeText(entry.current_step.title)}  — when done: gt mol step done ${entry.current_step.id}`);
	if (entry.next_step) out.line(`  next:    ${entry.next_step.id}  ${safeText(entry.next_step.title)}`);
	if (entry.total > 100) {
		out.line(`  (${entry.total} steps: bd mol show ${entry.molecule_id} lists them)`);
		return;
	}
	for (const step of entry.steps) out.line(`  ${marks[step.status]} ${step.issue.id}  ${safeText(step.issue.title)}`);
}

export async function run(context: CommandContext) {
	const {state, roots} = await targetMolecules(context, context.args[0]);
	const blocked = new BlockedIndex(state);
	const entries = roots.map(root => moleculeCurrent(state, root, blocked));
	if (flagBool(context, 'json')) {
		context.out.json(entries);
		return;
	}
	if (entries.length === 0) {
		context.out.line(`No molecule is assigned to ${flagString(context, 'for') ?? actorOf(context).actor} here (give an id: bd mol current <id>).`);
		return;
	}
	entries.forEach((entry, index) => {
		if (index > 0) context.out.line('');
		printCurrent(context, entry);
	});
}
