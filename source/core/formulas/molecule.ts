// Molecules: a poured formula's root bead (type `molecule`) and its step beads.
// Progress reads them; squash replaces finished steps with one closed digest bead;
// burn deletes the lot.
import type {Ledger} from '../beads/ledger.js';
import type {LedgerState} from '../beads/ledger-state.js';
import {closeBead, createBead, type Actor} from '../beads/operations.js';
import {BlockedIndex, isDone} from '../beads/queries.js';
import type {Bead} from '../beads/types.js';
import {conflict} from '../base/errors.js';

export type StepState = 'done' | 'current' | 'next' | 'pending';

export type MoleculeStep = {id: string; step?: string; title: string; status: string; type: string; depth: number; state: StepState; blocked_by: string[]};

export type MoleculeProgress = {
	id: string;
	title: string;
	status: string;
	formula?: string;
	ephemeral: boolean;
	total: number;
	done: number;
	in_progress: number;
	percent: number;
	/** Steps being worked on or ready to start. */
	current: string[];
	/** Blocked steps that wait only on current ones. */
	next: string[];
	steps: MoleculeStep[];
};

export const isMolecule = (bead: Bead) => bead.issue_type === 'molecule';

export function requireMolecule(state: LedgerState, id: string): Bead {
	const bead = state.require(id);
	if (!isMolecule(bead)) throw conflict(`${id} is a ${bead.issue_type}, not a molecule`, '`bd mol list` shows the molecules');
	return bead;
}

/** `mp-mol-x.2.10` after `mp-mol-x.2.9`: ids compared by their numeric parts. */
function byChildIndex(a: Bead, b: Bead): number {
	const left = a.id.split('.');
	const right = b.id.split('.');
	for (let index = 1; index < Math.max(left.length, right.length); index++) {
		const difference = Number(left[index] ?? -1) - Number(right[index] ?? -1);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** The step beads under a root, depth first in step order, with their depth. */
export function stepsOf(state: LedgerState, rootId: string): Array<{bead: Bead; depth: number}> {
	const result: Array<{bead: Bead; depth: number}> = [];
	const stack: Array<{bead: Bead; depth: number}> = state.childrenOf(rootId).sort(byChildIndex).reverse().map(bead => ({bead, depth: 1}));
	while (stack.length > 0) {
		const item = stack.pop()!;
		result.push(item);
		for (const child of state.childrenOf(item.bead.id).sort(byChildIndex).reverse()) stack.push({bead: child, depth: item.depth + 1});
	}
	return result;
}

const isWorking = (bead: Bead) => bead.status === 'in_progress' || bead.status === 'hooked';

export function moleculeProgress(state: LedgerState, root: Bead, blocked = new BlockedIndex(state)): MoleculeProgress {
	const steps = stepsOf(state, root.id);
	const stateOf = new Map<string, StepState>();
	for (const {bead} of steps) {
		if (isDone(bead)) stateOf.set(bead.id, 'done');
		// A step with unfinished nested steps is worked through them, so they are current, not it.
		else if (state.childrenOf(bead.id).some(child => !isDone(child))) continue;
		else if (isWorking(bead) || (bead.status === 'open' && !blocked.isBlocked(bead))) stateOf.set(bead.id, 'current');
	}
	const listed: MoleculeStep[] = steps.map(({bead, depth}) => {
		const blockers = isDone(bead) ? [] : blocked.blockersOf(bead);
		let stepState = stateOf.get(bead.id);
		if (!stepState) stepState = blockers.length > 0 && blockers.every(blocker => stateOf.get(blocker.id) === 'current') ? 'next' : 'pending';
		const step = (bead.metadata as {step?: unknown} | undefined)?.step;
		return {id: bead.id, ...(typeof step === 'string' ? {step} : {}), title: bead.title, status: bead.status, type: bead.issue_type, depth, state: stepState, blocked_by: blockers.map(blocker => blocker.id)};
	});
	const done = listed.filter(step => step.state === 'done').length;
	const formula = typeof root.source_formula === 'string' ? root.source_formula : undefined;
	return {
		id: root.id,
		title: root.title,
		status: root.status,
		...(formula ? {formula} : {}),
		ephemeral: root.ephemeral === true,
		total: listed.length,
		done,
		in_progress: steps.filter(({bead}) => isWorking(bead)).length,
		percent: listed.length === 0 ? 100 : Math.round((done / listed.length) * 100),
		current: listed.filter(step => step.state === 'current').map(step => step.id),
		next: listed.filter(step => step.state === 'next').map(step => step.id),
		steps: listed,
	};
}

export function listMolecules(state: LedgerState, options: {all?: boolean} = {}): MoleculeProgress[] {
	const blocked = new BlockedIndex(state);
	const roots = state.all().filter(bead => isMolecule(bead) && (options.all || !isDone(bead)));
	return roots.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1)).map(root => moleculeProgress(state, root, blocked));
}

/** Deletes beads and every edge pointing at them, in one pass over the ledger. */
function removeAll(state: LedgerState, ids: ReadonlySet<string>, who: Actor): void {
	for (const bead of state.all()) {
		if (ids.has(bead.id) || !bead.dependencies?.some(dependency => ids.has(dependency.depends_on_id))) continue;
		const remaining = bead.dependencies.filter(dependency => !ids.has(dependency.depends_on_id));
		const updated: Bead = {...bead, dependencies: remaining, updated_at: who.now.toISOString()};
		if (remaining.length === 0) delete updated.dependencies;
		state.put(updated);
	}
	for (const id of ids) state.remove(id);
}

export type SquashResult = {molecule: string; digest: Bead; removed: string[]; root: 'closed' | 'removed'};

function digestText(root: Bead, steps: readonly Bead[]): string {
	const formula = typeof root.source_formula === 'string' ? ` from formula ${root.source_formula}` : '';
	const lines = [`Molecule ${root.id}${formula}: ${steps.length} step${steps.length === 1 ? '' : 's'}, all closed.`, ''];
	for (const step of steps) lines.push(`- [x] ${step.title} (${step.id}${step.close_reason ? `: ${step.close_reason}` : ''})`);
	return lines.join('\n');
}

/**
 * Only a finished molecule is squashed: open steps are refused (burn discards work
 * instead). A wisp's root and steps are removed and the digest is a durable bead of
 * its own; a durable molecule keeps its root, closed, with the digest as its child.
 */
export function squashMolecule(state: LedgerState, ledger: Ledger, id: string, options: {summary?: string; keepChildren?: boolean}, who: Actor): SquashResult {
	const root = requireMolecule(state, id);
	const steps = stepsOf(state, id).map(item => item.bead);
	const open = steps.filter(step => !isDone(step));
	if (open.length > 0) {
		throw conflict(`${id} has ${open.length} unfinished step${open.length === 1 ? '' : 's'} (${open.slice(0, 3).map(step => step.id).join(', ')}${open.length > 3 ? ', …' : ''})`, `close them first, or discard it: bd mol burn ${id}`);
	}
	// --keep-children: the steps stay (and the wisp's root with them, closed, as the digest's parent).
	const keep = options.keepChildren === true;
	const ephemeral = root.ephemeral === true && !keep;
	const digest = createBead(state, ledger, {
		title: `Digest: ${root.title}`.slice(0, 500),
		description: options.summary ?? digestText(root, steps),
		type: 'task',
		status: 'closed',
		...(ephemeral ? {} : {parent: id}),
		metadata: {squashed_from: id, ...(typeof root.source_formula === 'string' ? {source_formula: root.source_formula} : {}), steps: steps.length},
		fields: {close_reason: `Squashed from ${steps.length} step${steps.length === 1 ? '' : 's'}`},
	}, who);
	const removed = new Set(keep ? [] : steps.map(step => step.id));
	if (ephemeral) removed.add(id);
	removeAll(state, removed, who);
	if (!ephemeral) closeBead(state, id, {reason: `Squashed into ${digest.id}`, force: true}, who);
	return {molecule: id, digest: state.require(digest.id), removed: [...removed], root: ephemeral ? 'removed' : 'closed'};
}

export type BurnResult = {molecule: string; removed: string[]};

/** Deletes the root and every step; refuses steps someone is working on unless forced. */
export function burnMolecule(state: LedgerState, id: string, options: {force?: boolean}, who: Actor): BurnResult {
	const root = requireMolecule(state, id);
	const steps = stepsOf(state, id).map(item => item.bead);
	const working = [root, ...steps].filter(isWorking);
	if (working.length > 0 && !options.force) {
		throw conflict(`${working.map(bead => bead.id).join(', ')} ${working.length === 1 ? 'is' : 'are'} in progress`, `burn it anyway with --force: bd mol burn ${id} -f`);
	}
	const removed = new Set([id, ...steps.map(step => step.id)]);
	removeAll(state, removed, who);
	return {molecule: id, removed: [...removed]};
}
