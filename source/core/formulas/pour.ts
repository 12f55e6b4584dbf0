// Pouring: a cooked formula becomes beads in one transaction. A root bead of type
// `molecule`, one child bead per step (<root>.N, nested steps under their step), and
// each `needs` as a `blocks` dependency between step beads. A wisp is the same,
// ephemeral (wisps.jsonl, never in git).
import type {Ledger} from '../beads/ledger.js';
import type {LedgerState} from '../beads/ledger-state.js';
import {createBead, type Actor} from '../beads/operations.js';
import type {Bead, Dependency} from '../beads/types.js';
import type {CookedFormula} from './cook.js';
import type {FormulaStep} from './parse.js';

export type PourResult = {
	root: Bead;
	/** Step id → bead id. */
	steps: Record<string, string>;
	created: number;
	phase: 'liquid' | 'vapor';
};

const stepTypes = new Set(['task', 'bug', 'feature', 'epic', 'chore']);

function stepType(step: FormulaStep): string {
	if (step.children.length > 0) return 'epic';
	return typeof step.type === 'string' && stepTypes.has(step.type) ? step.type : 'task';
}

/** A `title` var if the formula has one, else its name and the first line of its description. */
function rootTitle(cooked: CookedFormula): string {
	if (cooked.vars.title?.trim()) return cooked.vars.title.trim().slice(0, 200);
	const line = cooked.description?.split('\n')[0]?.trim();
	return (line ? `${cooked.formula}: ${line}` : cooked.formula).slice(0, 200);
}

export function pourInto(state: LedgerState, ledger: Ledger, cooked: CookedFormula, options: {ephemeral?: boolean}, who: Actor): PourResult {
	const ephemeral = options.ephemeral === true;
	const metadata = {source_formula: cooked.formula, vars: cooked.vars};
	const root = createBead(state, ledger, {
		title: rootTitle(cooked),
		description: cooked.description,
		type: 'molecule',
		ephemeral,
		idPrefix: `${ledger.prefix}-${ephemeral ? 'wisp' : 'mol'}`,
		metadata,
		fields: {source_formula: cooked.formula},
	}, who);

	// Ids are assigned here, in step order, rather than looked up per bead: the root is
	// new, so <root>.1… are free, and a few thousand steps stay linear.
	const ids = new Map<string, string>();
	const create = (steps: readonly FormulaStep[], parent: string) => {
		steps.forEach((step, index) => {
			const id = `${parent}.${index + 1}`;
			ids.set(step.id, id);
			createBead(state, ledger, {
				id,
				parent,
				title: step.title,
				description: step.description,
				notes: typeof step.notes === 'string' ? step.notes : undefined,
				type: stepType(step),
				priority: step.priority,
				labels: step.labels,
				assignee: typeof step.assignee === 'string' ? step.assignee : undefined,
				ephemeral,
				metadata: {source_formula: cooked.formula, step: step.id},
			}, who);
			create(step.children, id);
		});
	};
	create(cooked.steps, root.id);

	// The formula was checked for loops and missing steps when cooked, so the edges
	// go in directly instead of one graph search each.
	const at = who.now.toISOString();
	const addNeeds = (steps: readonly FormulaStep[]) => {
		for (const step of steps) {
			if (step.needs.length > 0) {
				const id = ids.get(step.id)!;
				const bead = state.require(id);
				const edges: Dependency[] = [...new Set(step.needs)].map(need => ({issue_id: id, depends_on_id: ids.get(need)!, type: 'blocks', created_at: at, created_by: who.actor}));
				state.put({...bead, dependencies: [...(bead.dependencies ?? []), ...edges]});
			}
			addNeeds(step.children);
		}
	};
	addNeeds(cooked.steps);
	return {root: state.require(root.id), steps: Object.fromEntries(ids), created: ids.size + 1, phase: ephemeral ? 'vapor' : 'liquid'};
}

export async function pour(ledger: Ledger, cooked: CookedFormula, options: {ephemeral?: boolean}, who: Actor): Promise<PourResult> {
	return ledger.transact(state => pourInto(state, ledger, cooked, options, who));
}
