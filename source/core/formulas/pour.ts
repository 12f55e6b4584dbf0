// Pouring: a cooked formula becomes beads in one transaction, as Beads' subgraph:
// a root of type `molecule`; one bead per step (<root>.N, nested steps under their
// step, type epic when it has children); `needs`/`depends_on` as `blocks` edges; a
// step `gate` as a bead of type `gate` beside its step that blocks it (await_type,
// await_id, timeout); `waits_for` as a `waits-for` edge to the step whose children
// it waits on (children-of(x), else its first need) plus a `gate:<value>` label. A
// wisp is the same, ephemeral (wisps.jsonl, never in git).
import type {Ledger} from '../beads/ledger.js';
import type {LedgerState} from '../beads/ledger-state.js';
import {createBead, type Actor} from '../beads/operations.js';
import type {Bead, Dependency} from '../beads/types.js';
import type {Cooked} from './cook.js';
import {dependenciesOf, parseWaitsFor} from './graph.js';
import type {FormulaStep} from './parse.js';

export type PourResult = {
	root: Bead;
	/** Step id → bead id (gate beads as `gate-<step>`, as in Beads' id mapping). */
	steps: Record<string, string>;
	created: number;
	phase: 'liquid' | 'vapor';
	warnings: string[];
};

const stepTypes = new Set(['task', 'bug', 'feature', 'epic', 'chore']);

function stepType(step: FormulaStep): string {
	if (step.children.length > 0) return 'epic';
	return typeof step.type === 'string' && stepTypes.has(step.type) ? step.type : 'task';
}

/** A `title` var if the formula declares one, else its name and the first line of its description. */
function rootTitle(cooked: Cooked): string {
	const formula = cooked.formula;
	const title = 'title' in formula.vars ? cooked.values.title?.trim() : undefined;
	if (title) return title.slice(0, 200);
	const line = formula.description?.split('\n')[0]?.trim();
	return (line ? `${formula.formula}: ${line}` : formula.formula).slice(0, 200);
}

export type PourOptions = {ephemeral?: boolean; assignee?: string};

export function pourInto(state: LedgerState, ledger: Ledger, cooked: Cooked, options: PourOptions, who: Actor): PourResult {
	const ephemeral = options.ephemeral === true;
	const formula = cooked.formula;
	const name = formula.formula;
	const declared = Object.fromEntries(Object.entries(cooked.values).filter(([key]) => key in formula.vars));
	const description = 'desc' in formula.vars && cooked.values.desc ? cooked.values.desc : formula.description;
	const root = createBead(state, ledger, {
		title: rootTitle(cooked),
		description,
		type: 'molecule',
		ephemeral,
		assignee: options.assignee,
		idPrefix: `${ledger.prefix}-${ephemeral ? 'wisp' : 'mol'}`,
		metadata: {source_formula: name, vars: declared},
		fields: {source_formula: name},
	}, who);

	// Ids are assigned here, in step order, rather than looked up per bead: the root is
	// new, so <root>.1… are free, and a few thousand steps stay linear. A parent's gate
	// beads come after its steps, so step N is still <parent>.N.
	const ids = new Map<string, string>();
	const gates = new Map<string, string>();
	const create = (steps: readonly FormulaStep[], parent: string) => {
		steps.forEach((step, index) => {
			const id = `${parent}.${index + 1}`;
			ids.set(step.id, id);
			const labels = step.waits_for ? [...step.labels, `gate:${step.waits_for}`] : step.labels;
			createBead(state, ledger, {
				id,
				parent,
				title: step.title,
				description: step.description,
				notes: typeof step.notes === 'string' ? step.notes : undefined,
				type: stepType(step),
				priority: step.priority,
				labels,
				assignee: typeof step.assignee === 'string' ? step.assignee : undefined,
				ephemeral,
				metadata: {...step.metadata, source_formula: name, step: step.id},
			}, who);
		});
		let next = steps.length + 1;
		for (const step of steps) {
			if (!step.gate) continue;
			const gate = step.gate;
			const awaitId = gate.await_id || gate.id || '';
			const id = `${parent}.${next++}`;
			gates.set(step.id, id);
			createBead(state, ledger, {
				id,
				parent,
				title: `Gate: ${gate.type}${awaitId ? ` ${awaitId}` : ''}`,
				description: `Async gate for step ${step.id}: close it when ${gate.type}${awaitId ? ` ${awaitId}` : ''} is done (bd close ${id}).`,
				type: 'gate',
				ephemeral,
				metadata: {source_formula: name, gate_for: step.id},
				fields: {await_type: gate.type, ...(awaitId ? {await_id: awaitId} : {}), ...(gate.timeout ? {timeout: gate.timeout} : {})},
			}, who);
		}
		for (const step of steps) create(step.children, ids.get(step.id)!);
	};
	create(formula.steps, root.id);

	// The formula was checked for loops and missing steps when cooked, so the edges
	// go in directly instead of one graph search each.
	const at = who.now.toISOString();
	const edge = (from: string, to: string, type: string, metadata?: Record<string, unknown>): Dependency => ({issue_id: from, depends_on_id: to, type, created_at: at, created_by: who.actor, ...(metadata ? {metadata} : {})});
	const addEdges = (steps: readonly FormulaStep[]) => {
		for (const step of steps) {
			const id = ids.get(step.id)!;
			const edges: Dependency[] = [...new Set(dependenciesOf(step))].map(need => edge(id, ids.get(need)!, 'blocks'));
			const gate = gates.get(step.id);
			if (gate) edges.push(edge(id, gate, 'blocks'));
			const waits = step.waits_for ? parseWaitsFor(step.waits_for) : undefined;
			const spawner = waits ? waits.spawner ?? step.needs[0] : undefined;
			if (waits && spawner && ids.has(spawner)) edges.push(edge(id, ids.get(spawner)!, 'waits-for', {gate: waits.gate}));
			if (edges.length > 0) {
				const bead = state.require(id);
				state.put({...bead, dependencies: [...(bead.dependencies ?? []), ...edges]});
			}
			addEdges(step.children);
		}
	};
	addEdges(formula.steps);
	const mapping: Record<string, string> = Object.fromEntries(ids);
	for (const [step, gate] of gates) mapping[`gate-${step}`] = gate;
	const warnings = [...cooked.warnings];
	if (!ephemeral && formula.phase === 'vapor') warnings.push(`formula ${name} is meant to be a wisp (phase = "vapor"): next time consider bd mol wisp ${name}`);
	return {root: state.require(root.id), steps: mapping, created: ids.size + gates.size + 1, phase: ephemeral ? 'vapor' : 'liquid', warnings};
}

export async function pour(ledger: Ledger, cooked: Cooked, options: PourOptions, who: Actor): Promise<PourResult> {
	return ledger.transact(state => pourInto(state, ledger, cooked, options, who));
}
