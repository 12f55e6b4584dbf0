// A molecule's life once poured: agents close steps as they go (`gt mol step done`,
// `bd close <step>`); a step with nested steps closes with its last one, and the root
// with its last step, as in Beads (all in the same transaction as the close). A root
// on an agent's hook is the exception: `gt done` finishes it (merge request, hook
// cleared), so it is left for that. `gt done` closes what the agent left open, and
// the merge landing closes the root and the issue it was poured for (`--var issue=`).
import type {LedgerState} from '../beads/ledger-state.js';
import {parentOf} from '../beads/ledger-state.js';
import {closeBead, type Actor} from '../beads/operations.js';
import {BlockedIndex, isDone} from '../beads/queries.js';
import type {Bead} from '../beads/types.js';
import {conflict} from '../base/errors.js';
import {isMolecule, moleculeProgress, stepsOf} from './molecule.js';

/** The molecule root a bead belongs to (itself if it is one), walking parents up to 50 levels. */
export function moleculeOf(state: LedgerState, id: string): Bead | undefined {
	let bead = state.get(id);
	for (let depth = 0; bead && depth <= 50; depth++) {
		if (isMolecule(bead)) return bead;
		const parent = parentOf(bead);
		bead = parent ? state.get(parent) : undefined;
	}
	return undefined;
}

const isStep = (bead: Bead) => typeof (bead.metadata as {step?: unknown} | undefined)?.step === 'string';

/**
 * After `closedIds` closed: each parent that is a molecule step or root, not done,
 * with every child done, closes too, up the chain. A hooked root is left to `gt done`.
 * Returns the beads it closed.
 */
export function closeFinishedParents(state: LedgerState, closedIds: readonly string[], who: Actor): Bead[] {
	const closed: Bead[] = [];
	const queue = [...closedIds];
	const seen = new Set<string>();
	while (queue.length > 0) {
		const bead = state.get(queue.shift()!);
		const parentId = bead && isDone(bead) ? parentOf(bead) : undefined;
		if (!parentId || seen.has(parentId)) continue;
		seen.add(parentId);
		const parent = state.get(parentId);
		if (!parent || isDone(parent) || !(isMolecule(parent) || isStep(parent))) continue;
		if (parent.status === 'hooked') continue;
		if (state.childrenOf(parentId).some(child => !isDone(child))) continue;
		const reason = isMolecule(parent) ? 'all steps closed' : 'all nested steps closed';
		closed.push(closeBead(state, parentId, {reason, force: true}, who));
		queue.push(parentId);
	}
	return closed;
}

/** Closes every step and gate of a molecule still open (gt done, a landed merge). */
export function closeOpenSteps(state: LedgerState, rootId: string, reason: string, who: Actor): string[] {
	const open = stepsOf(state, rootId).map(item => item.bead).filter(bead => !isDone(bead));
	// Deepest first, so a step's nested steps close before it.
	open.sort((a, b) => b.id.split('.').length - a.id.split('.').length);
	for (const bead of open) closeBead(state, bead.id, {reason, force: true}, who);
	return open.map(bead => bead.id);
}

/** The bead a molecule was poured for (`--var issue=<id>`), if any. */
export function issueOfMolecule(root: Bead): string | undefined {
	const issue = (root.metadata as {vars?: {issue?: unknown}} | undefined)?.vars?.issue;
	return typeof issue === 'string' && /^[a-z][a-z0-9-]*-[a-z0-9.]+$/.test(issue) ? issue : undefined;
}

export type StepDoneResult = {
	step_id: string;
	molecule_id: string;
	step_closed: boolean;
	next_step_id?: string;
	next_step_title?: string;
	/** More than one step became ready: they can run in parallel. */
	parallel_steps?: string[];
	complete: boolean;
	/** continue | parallel | done | no_more_ready, as Gas Town's gt mol step done. */
	action: 'continue' | 'parallel' | 'done' | 'no_more_ready';
	auto_closed: string[];
};

/** `gt mol step done <step>`: close it, close what finished with it, name the next ready step. */
export function completeStep(state: LedgerState, stepId: string, who: Actor): StepDoneResult {
	const step = state.require(stepId);
	const root = moleculeOf(state, stepId);
	if (!root || root.id === stepId) throw conflict(`${stepId} is not a step of a molecule`, '`bd mol current` shows your molecule and its steps');
	const wasOpen = !isDone(step);
	if (wasOpen) closeBead(state, stepId, {reason: `done by ${who.actor}`}, who);
	const autoClosed = closeFinishedParents(state, [stepId], who).map(bead => bead.id);
	const progress = moleculeProgress(state, state.require(root.id), new BlockedIndex(state));
	const ready = progress.steps.filter(item => item.state === 'current' && item.status !== 'in_progress');
	const complete = progress.done === progress.total;
	const base = {step_id: stepId, molecule_id: root.id, step_closed: wasOpen, complete, auto_closed: autoClosed};
	if (complete) return {...base, action: 'done'};
	if (ready.length === 0) return {...base, action: 'no_more_ready'};
	const next = ready[0]!;
	return {...base, next_step_id: next.id, next_step_title: next.title, ...(ready.length > 1 ? {parallel_steps: ready.map(item => item.id)} : {}), action: ready.length > 1 ? 'parallel' : 'continue'};
}

export type CurrentStep = {issue: {id: string; title: string; status: string}; status: 'done' | 'current' | 'ready' | 'blocked' | 'pending'; is_current: boolean};

export type MoleculeCurrent = {
	molecule_id: string;
	molecule_title: string;
	assignee?: string;
	current_step?: {id: string; title: string; status: string};
	next_step?: {id: string; title: string; status: string};
	steps: CurrentStep[];
	completed: number;
	total: number;
};

/** Beads' `bd mol current` entry: the step in progress (or the first ready one) and the one after. */
export function moleculeCurrent(state: LedgerState, root: Bead, blocked = new BlockedIndex(state)): MoleculeCurrent {
	const progress = moleculeProgress(state, root, blocked);
	const brief = (id: string) => {
		const bead = state.require(id);
		return {id: bead.id, title: bead.title, status: bead.status};
	};
	const steps: CurrentStep[] = progress.steps.map(item => {
		const status: CurrentStep['status'] = item.state === 'done' ? 'done' : item.status === 'in_progress' ? 'current' : item.state === 'current' ? 'ready' : item.blocked_by.length > 0 ? 'blocked' : 'pending';
		return {issue: {id: item.id, title: item.title, status: item.status}, status, is_current: item.status === 'in_progress'};
	});
	const current = steps.find(step => step.status === 'current') ?? steps.find(step => step.status === 'ready');
	const next = steps.find(step => step !== current && step.status === 'ready') ?? steps.find(step => step !== current && step.status !== 'done' && progress.next.includes(step.issue.id));
	return {
		molecule_id: root.id,
		molecule_title: root.title,
		...(root.assignee ? {assignee: root.assignee} : {}),
		...(current ? {current_step: brief(current.issue.id)} : {}),
		...(next ? {next_step: brief(next.issue.id)} : {}),
		steps,
		completed: progress.done,
		total: progress.total,
	};
}

/** Molecules someone works on: roots assigned to them that are not done, or with a step of theirs in progress. */
export function moleculesOf(state: LedgerState, actor: string): Bead[] {
	const roots = new Map<string, Bead>();
	for (const bead of state.all()) {
		if (bead.assignee !== actor || isDone(bead)) continue;
		if (isMolecule(bead)) roots.set(bead.id, bead);
		else if (bead.status === 'in_progress' || bead.status === 'hooked') {
			const root = moleculeOf(state, bead.id);
			if (root && !isDone(root)) roots.set(root.id, root);
		}
	}
	return [...roots.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
}

export type StaleMolecule = {id: string; title: string; total_children: number; closed_children: number; assignee?: string; blocking_issues?: string[]; blocking_count: number};

/** Beads' `bd mol stale`: molecules whose every step is done but whose root is still open. */
export function staleMolecules(state: LedgerState): StaleMolecule[] {
	const result: StaleMolecule[] = [];
	for (const root of state.all()) {
		if (!isMolecule(root) || isDone(root)) continue;
		const steps = stepsOf(state, root.id);
		if (steps.length === 0 || steps.some(item => !isDone(item.bead))) continue;
		const blocking = state.dependentsOf(root.id).filter(edge => edge.type === 'blocks' && !isDone(state.get(edge.issue_id))).map(edge => edge.issue_id);
		result.push({id: root.id, title: root.title, total_children: steps.length, closed_children: steps.length, ...(root.assignee ? {assignee: root.assignee} : {}), ...(blocking.length > 0 ? {blocking_issues: blocking} : {}), blocking_count: blocking.length});
	}
	return result;
}
