// Changes to beads, applied to a LedgerState inside a transaction. Each function
// checks its input against the ledger and throws a GtError before changing anything.
import {randomUUID} from 'node:crypto';
import {conflict, notFound, usageError} from '../base/errors.js';
import {generateId, parseChildId, prefixOfId} from './ids.js';
import type {Ledger} from './ledger.js';
import type {LedgerState} from './ledger-state.js';
import {blockingDependencyTypes, typeAliases, type Bead, type Dependency, type Status} from './types.js';

export type Actor = {readonly actor: string; readonly now: Date};

export function parsePriority(value: string | number | undefined, fallback = 2): number {
	if (value === undefined || value === '') return fallback;
	const text = String(value).trim().toUpperCase().replace(/^P/, '');
	const priority = Number(text);
	if (!/^\d$/.test(text) || priority < 0 || priority > 4) {
		throw usageError(`invalid priority "${value}"`, 'use 0-4 or P0-P4 (0 is most urgent)');
	}
	return priority;
}

export function resolveType(ledger: Ledger, type: string | undefined): string {
	const name = (type ?? 'task').trim().toLowerCase();
	const resolved = typeAliases[name] ?? name;
	if (!ledger.types.includes(resolved)) {
		throw usageError(`unknown bead type "${type}"`, `use one of: ${ledger.types.join(', ')}`);
	}
	return resolved;
}

export function resolveStatus(ledger: Ledger, status: string): Status {
	const name = status.trim().toLowerCase().replace('-', '_');
	if (!ledger.statuses.includes(name)) {
		throw usageError(`unknown status "${status}"`, `use one of: ${ledger.statuses.join(', ')}`);
	}
	return name;
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A date as the original's --due/--defer take it: ISO 8601, +6h/-2d/+1w, today, tomorrow, yesterday, next monday. */
export function parseWhen(value: string, now: Date): string {
	const text = value.trim().toLowerCase();
	const relative = /^([+-])(\d+)([mhdw])$/.exec(text);
	if (relative) {
		const unit = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}[relative[3] as 'm' | 'h' | 'd' | 'w'];
		return new Date(now.getTime() + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit).toISOString();
	}
	const startOfDay = (days: number) => {
		const day = new Date(now);
		day.setHours(0, 0, 0, 0);
		day.setDate(day.getDate() + days);
		return day.toISOString();
	};
	if (text === 'today') return startOfDay(0);
	if (text === 'tomorrow') return startOfDay(1);
	if (text === 'yesterday') return startOfDay(-1);
	const next = /^next (\w+)$/.exec(text);
	if (next && weekdays.includes(next[1]!)) return startOfDay(((weekdays.indexOf(next[1]!) - now.getDay() + 6) % 7) + 1);
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) throw usageError(`invalid date "${value}"`, 'use ISO 8601 (2026-12-01 or 2026-12-01T09:00Z), +6h, +2d, +1w, tomorrow or next monday');
	return date.toISOString();
}

const isDone = (bead: Bead | undefined) => bead !== undefined && (bead.status === 'closed' || bead.status === 'pinned');

/** Sets status keeping the invariants: closed_at iff closed; started_at on first in_progress. */
export function applyStatus(bead: Bead, status: Status, now: Date): void {
	bead.status = status;
	if (status === 'closed') bead.closed_at ??= now.toISOString();
	else {
		delete bead.closed_at;
		delete bead.close_reason;
	}
	if (status === 'in_progress') bead.started_at ??= now.toISOString();
}

export type NewBead = {
	title: string;
	description?: string;
	type?: string;
	priority?: string | number;
	assignee?: string;
	labels?: string[];
	parent?: string;
	deps?: Array<{type: string; id: string}>;
	notes?: string;
	ephemeral?: boolean;
	deferUntil?: string;
	id?: string;
	/** Id prefix other than the ledger's (convoys: "hq-cv"). */
	idPrefix?: string;
	status?: Status;
	metadata?: unknown;
	/** Extra keys stored as they are (e.g. Gas Town fields on messages). */
	fields?: Record<string, unknown>;
};

function nextChildId(state: LedgerState, parent: string): string {
	let highest = 0;
	for (const child of state.dependentsOf(parent)) {
		const parsed = parseChildId(child.issue_id);
		if (parsed && parsed.parent === parent) highest = Math.max(highest, parsed.index);
	}
	// Ids of deleted children are not reused while a later child exists; also skip any taken id.
	let index = highest + 1;
	while (state.has(`${parent}.${index}`)) index++;
	return `${parent}.${index}`;
}

export function createBead(state: LedgerState, ledger: Ledger, input: NewBead, who: Actor): Bead {
	const title = input.title.trim();
	if (!title) throw usageError('a bead needs a title', 'bd create "What to do"');
	if (title.length > 500) throw usageError(`title is ${title.length} characters long; the limit is 500`, 'put the detail in --description');
	const type = resolveType(ledger, input.type);
	const priority = parsePriority(input.priority);
	const status = input.status ? resolveStatus(ledger, input.status) : 'open';
	const createdAt = who.now.toISOString();

	let id: string;
	if (input.id) {
		id = input.id;
		if (!/^[a-z][a-z0-9-]*-[a-z0-9]+(?:\.\d+)*$/.test(id)) throw usageError(`invalid bead id "${id}"`, 'ids look like <prefix>-<letters/digits>, e.g. mp-a1b');
		if (state.has(id)) throw conflict(`bead ${id} already exists`, 'pick another id or leave --id out');
	} else if (input.parent) {
		state.require(input.parent);
		id = nextChildId(state, input.parent);
	} else {
		const prefix = input.idPrefix ?? ledger.prefix;
		id = generateId(prefix, {title, description: input.description, actor: who.actor, createdAt}, candidate => state.has(candidate), state.topLevelCount(prefix));
	}

	const bead: Bead = {
		id,
		title,
		...(input.description ? {description: input.description} : {}),
		...(input.notes ? {notes: input.notes} : {}),
		status,
		priority,
		issue_type: type,
		...(input.assignee ? {assignee: input.assignee} : {}),
		created_at: createdAt,
		created_by: who.actor,
		updated_at: createdAt,
		...(input.deferUntil ? {defer_until: parseWhen(input.deferUntil, who.now)} : {}),
		...(input.metadata !== undefined ? {metadata: input.metadata} : {}),
		...(input.labels?.length ? {labels: [...new Set(input.labels)].sort()} : {}),
		...(input.ephemeral ? {ephemeral: true} : {}),
		...input.fields,
	};
	applyStatus(bead, status, who.now);
	state.put(bead);
	if (input.parent) addDependency(state, id, input.parent, 'parent-child', who);
	for (const dependency of input.deps ?? []) addDependency(state, id, dependency.id, dependency.type, who);
	return state.require(id);
}

/** Parses `--deps blocks:mp-a1b,mp-c3d` (a bare id means blocks). */
export function parseDependencyList(values: string[]): Array<{type: string; id: string}> {
	return values.map(value => {
		const index = value.lastIndexOf(':');
		if (index === -1) return {type: 'blocks', id: value};
		const type = value.slice(0, index).trim();
		const id = value.slice(index + 1).trim();
		if (!type || !id) throw usageError(`invalid dependency "${value}"`, 'write type:id, e.g. blocks:mp-a1b');
		return {type, id};
	});
}

function touch(bead: Bead, who: Actor): void {
	bead.updated_at = who.now.toISOString();
}

/** The path of blocking edges from `from` to `to`, if any (used to refuse cycles). */
function blockingPath(state: LedgerState, from: string, to: string): string[] | undefined {
	const previous = new Map<string, string>();
	const queue = [from];
	const seen = new Set([from]);
	while (queue.length > 0) {
		const current = queue.shift()!;
		if (current === to) {
			const path = [to];
			let step = to;
			while (previous.has(step)) {
				step = previous.get(step)!;
				path.unshift(step);
			}
			return path;
		}
		for (const dependency of state.get(current)?.dependencies ?? []) {
			if (!blockingDependencyTypes.has(dependency.type) || seen.has(dependency.depends_on_id)) continue;
			seen.add(dependency.depends_on_id);
			previous.set(dependency.depends_on_id, current);
			queue.push(dependency.depends_on_id);
		}
	}
	return undefined;
}

export const dependencyTypePattern = /^[a-z][a-z0-9-]{0,49}$/;

export function addDependency(state: LedgerState, id: string, dependsOn: string, type: string, who: Actor): Dependency | undefined {
	if (!dependencyTypePattern.test(type)) throw usageError(`invalid dependency type "${type}"`, 'use blocks, parent-child, waits-for, related, tracks, discovered-from, …');
	const bead = state.require(id);
	if (id === dependsOn) throw usageError(`${id} cannot depend on itself`);
	const foreign = prefixOfId(dependsOn) !== prefixOfId(id) && !state.has(dependsOn);
	if (!foreign && !dependsOn.startsWith('external:')) state.require(dependsOn);
	const existing = bead.dependencies?.find(dependency => dependency.depends_on_id === dependsOn);
	if (existing) {
		if (existing.type === type) return undefined;
		throw conflict(`${id} already depends on ${dependsOn} as "${existing.type}"`, `remove it first: bd dep remove ${id} ${dependsOn}`);
	}
	if (blockingDependencyTypes.has(type)) {
		const cycle = blockingPath(state, dependsOn, id);
		if (cycle) throw conflict(`that would make a cycle: ${[id, ...cycle].join(' → ')}`, 'dependencies that block must not loop');
		if (type === 'parent-child' && state.parentOf(bead)) {
			throw conflict(`${id} already has a parent (${state.parentOf(bead)})`, 'a bead has one parent');
		}
	}
	const dependency: Dependency = {issue_id: id, depends_on_id: dependsOn, type, created_at: who.now.toISOString(), created_by: who.actor};
	const updated = {...bead, dependencies: [...(bead.dependencies ?? []), dependency]};
	touch(updated, who);
	state.put(updated);
	return dependency;
}

export function removeDependency(state: LedgerState, id: string, dependsOn: string, who: Actor): void {
	const bead = state.require(id);
	const remaining = (bead.dependencies ?? []).filter(dependency => dependency.depends_on_id !== dependsOn);
	if (remaining.length === (bead.dependencies ?? []).length) {
		throw notFound(`${id} does not depend on ${dependsOn}`, `bd dep list ${id} shows its dependencies`);
	}
	const updated: Bead = {...bead, dependencies: remaining};
	if (remaining.length === 0) delete updated.dependencies;
	touch(updated, who);
	state.put(updated);
}

export type BeadChanges = {
	status?: string;
	title?: string;
	description?: string;
	priority?: string;
	assignee?: string;
	addLabels?: string[];
	removeLabels?: string[];
	notes?: string;
	appendNotes?: string;
	deferUntil?: string;
	fields?: Record<string, unknown>;
};

export function updateBead(state: LedgerState, ledger: Ledger, id: string, changes: BeadChanges, who: Actor): Bead {
	const bead = {...state.require(id)};
	if (changes.title !== undefined) {
		const title = changes.title.trim();
		if (!title) throw usageError('a bead needs a title');
		if (title.length > 500) throw usageError(`title is ${title.length} characters long; the limit is 500`);
		bead.title = title;
	}
	if (changes.description !== undefined) bead.description = changes.description || undefined;
	if (changes.priority !== undefined) bead.priority = parsePriority(changes.priority);
	if (changes.assignee !== undefined) {
		if (changes.assignee) bead.assignee = changes.assignee;
		else delete bead.assignee;
	}
	if (changes.addLabels?.length || changes.removeLabels?.length) {
		const labels = new Set(bead.labels ?? []);
		for (const label of changes.addLabels ?? []) labels.add(label);
		for (const label of changes.removeLabels ?? []) labels.delete(label);
		bead.labels = [...labels].sort();
		if (bead.labels.length === 0) delete bead.labels;
	}
	if (changes.notes !== undefined) bead.notes = changes.notes || undefined;
	if (changes.appendNotes) bead.notes = bead.notes ? `${bead.notes}\n${changes.appendNotes}` : changes.appendNotes;
	if (changes.deferUntil !== undefined) {
		if (changes.deferUntil) bead.defer_until = parseWhen(changes.deferUntil, who.now);
		else delete bead.defer_until;
	}
	if (changes.status !== undefined) applyStatus(bead, resolveStatus(ledger, changes.status), who.now);
	Object.assign(bead, changes.fields);
	for (const key of Object.keys(bead)) if (bead[key] === undefined) delete bead[key];
	touch(bead, who);
	state.put(bead);
	return bead;
}

/** Claim: assignee ← actor and status ← in_progress, only if open and unclaimed (or already ours). */
export function claimBead(state: LedgerState, id: string, who: Actor): Bead {
	const bead = state.require(id);
	if (bead.assignee === who.actor && bead.status === 'in_progress') return bead;
	if (bead.status !== 'open') throw conflict(`${id} is ${bead.status}, not open`, 'only open beads can be claimed');
	if (bead.assignee && bead.assignee !== who.actor) throw conflict(`${id} is already claimed by ${bead.assignee}`, 'pick another bead (`bd ready`)');
	const claimed = {...bead, assignee: who.actor};
	applyStatus(claimed, 'in_progress', who.now);
	touch(claimed, who);
	state.put(claimed);
	return claimed;
}

export function openBlockersOf(state: LedgerState, bead: Bead): string[] {
	return (bead.dependencies ?? [])
		.filter(dependency => dependency.type === 'blocks' || dependency.type === 'conditional-blocks' || dependency.type === 'waits-for')
		.map(dependency => dependency.depends_on_id)
		.filter(target => state.has(target) && !isDone(state.get(target)));
}

export function closeBead(state: LedgerState, id: string, options: {reason?: string; force?: boolean}, who: Actor): Bead {
	const bead = state.require(id);
	if (bead.status === 'closed') return bead;
	if (!options.force) {
		const blockers = openBlockersOf(state, bead);
		if (blockers.length > 0) throw conflict(`${id} is blocked by open ${blockers.join(', ')}`, 'close those first, or use --force');
		const openChildren = state.childrenOf(id).filter(child => !isDone(child)).map(child => child.id);
		if (openChildren.length > 0) throw conflict(`${id} has open children: ${openChildren.join(', ')}`, 'close them first, or use --force');
	}
	const closed = {...bead};
	applyStatus(closed, 'closed', who.now);
	if (options.reason) closed.close_reason = options.reason;
	touch(closed, who);
	state.put(closed);
	return closed;
}

export function reopenBead(state: LedgerState, id: string, options: {reason?: string}, who: Actor): Bead {
	const bead = state.require(id);
	if (bead.status !== 'closed') throw conflict(`${id} is not closed (it is ${bead.status})`, 'only closed beads reopen; `bd update <id> --status open` sets another status');
	const reopened = {...bead};
	applyStatus(reopened, 'open', who.now);
	if (options.reason) reopened.notes = reopened.notes ? `${reopened.notes}\nReopened: ${options.reason}` : `Reopened: ${options.reason}`;
	touch(reopened, who);
	state.put(reopened);
	return reopened;
}

export function deleteBead(state: LedgerState, id: string, options: {force?: boolean}, who: Actor): Bead {
	const bead = state.require(id);
	const dependents = state.dependentsOf(id).filter(dependency => dependency.issue_id !== id);
	if (dependents.length > 0 && !options.force) {
		const names = [...new Set(dependents.map(dependency => dependency.issue_id))];
		throw conflict(`${names.join(', ')} depend${names.length === 1 ? 's' : ''} on ${id}`, 'remove those dependencies first, or use --force');
	}
	for (const dependency of dependents) {
		const other = state.get(dependency.issue_id);
		if (!other) continue;
		const remaining = (other.dependencies ?? []).filter(item => item.depends_on_id !== id);
		const updated: Bead = {...other, dependencies: remaining};
		if (remaining.length === 0) delete updated.dependencies;
		touch(updated, who);
		state.put(updated);
	}
	state.remove(id);
	return bead;
}

export function addComment(state: LedgerState, id: string, text: string, who: Actor): Bead {
	if (!text.trim()) throw usageError('a comment needs text');
	const bead = state.require(id);
	const comment = {id: randomUUID(), issue_id: id, author: who.actor, text, created_at: who.now.toISOString()};
	const updated = {...bead, comments: [...(bead.comments ?? []), comment]};
	touch(updated, who);
	state.put(updated);
	return updated;
}

/** `bd update --parent <id>`: moves a bead under another parent ("" removes its parent). The id stays. */
export function setParent(state: LedgerState, id: string, parent: string, who: Actor): Bead {
	const bead = state.require(id);
	const current = bead.dependencies?.find(dependency => dependency.type === 'parent-child')?.depends_on_id;
	if (current === (parent || undefined)) return bead;
	if (current) removeDependency(state, id, current, who);
	if (parent) addDependency(state, id, parent, 'parent-child', who);
	return state.require(id);
}
