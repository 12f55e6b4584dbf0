// Checkpoints of an agent's worktree: commits under refs/gastown/checkpoints/<agent>,
// each with the previous checkpoint as first parent and the agent's HEAD as second, made
// through a private index (core/git/snapshot.ts), so they never move the agent's branch,
// never touch its index, and never reach `gt done`'s merge. A rollback restores a
// checkpoint's files exactly, after checkpointing the present so it can be undone.
import {existsSync} from 'node:fs';
import {conflict, notFound, usageError} from '../base/errors.js';
import {parseAgentRef} from '../agents/address.js';
import {gitSucceeds, runGit, type GitVars} from '../git/client.js';
import {changedFiles, commitTree, restoreWorktree, worktreeTree} from '../git/snapshot.js';

export type HookedAgent = {
	readonly address: string;
	readonly id: string;
	readonly rig: string;
	readonly worktree: string;
};

export type Checkpoint = {
	readonly commit: string;
	readonly tree: string;
	readonly at: string;
	readonly reason: string;
	/** The agent's state when it was taken. */
	readonly state: string;
	readonly bead?: string;
	/** The agent's HEAD then. */
	readonly head: string;
	/** Files changed since the checkpoint before it. */
	readonly files: number;
};

const marker = 'gastown-checkpoint';
export const checkpointRef = (id: string) => `refs/gastown/checkpoints/${id}`;

/** The agent an address names, with its worktree: polecats and crew have one; the Mayor does not. */
export function hookedAgent(townRoot: string, address: string): HookedAgent {
	const ref = parseAgentRef(townRoot, address);
	if (ref.role === 'mayor' || !ref.rig) throw usageError(`${address} has no worktree to checkpoint`, 'checkpoints are for polecats and crew (<rig>/polecats/<name>, <rig>/crew/<name>)');
	if (!existsSync(ref.dir)) throw notFound(`the worktree of ${ref.address} is gone: ${ref.dir}`, '`gt hooks list --archived` shows archived hooks; `gt hook restore` brings one back');
	return {address: ref.address, id: ref.sessionId, rig: ref.rig, worktree: ref.dir};
}

function message(reason: string, fields: Record<string, string | number | undefined>): string {
	const lines = Object.entries(fields).filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => `${key}: ${String(value)}`);
	return `${marker}: ${reason}\n\n${lines.join('\n')}\n`;
}

/** The `key: value` lines after a checkpoint's or an archive's first line. */
export function messageFields(body: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const line of body.split('\n').slice(1)) {
		const match = /^([a-z]+): (.*)$/.exec(line);
		if (match) fields[match[1]!] = match[2]!;
	}
	return fields;
}

/** Newest first. */
export async function checkpointHistory(agent: HookedAgent, vars: GitVars, limit = 200): Promise<Checkpoint[]> {
	const ref = checkpointRef(agent.id);
	if (!(await gitSucceeds(agent.worktree, ['rev-parse', '--verify', '--quiet', ref], vars))) return [];
	const out = await runGit(agent.worktree, ['log', '--first-parent', `--max-count=${limit + 1}`, '--format=%H%x1f%T%x1f%P%x1f%B%x1e', ref], vars);
	const list: Checkpoint[] = [];
	for (const entry of out.split('\x1e')) {
		const [commit, tree, parents, body] = entry.trim().split('\x1f');
		if (!commit || !body?.startsWith(`${marker}: `)) break;
		const fields = messageFields(body);
		const parentList = parents?.split(' ') ?? [];
		list.push({
			commit, tree: tree!, reason: body.slice(marker.length + 2).split('\n')[0]!, at: fields.at ?? '', state: fields.state ?? 'unknown',
			...(fields.bead ? {bead: fields.bead} : {}), head: parentList.at(-1) ?? '', files: Number(fields.files ?? 0),
		});
	}
	return list.slice(0, limit);
}

/**
 * Records the worktree now. Nothing changed since the last checkpoint: that one is
 * answered and nothing is written (a turn that only read files costs one write-tree).
 */
export async function takeCheckpoint(agent: HookedAgent, vars: GitVars, options: {reason: string; state: string; bead?: string; now: Date}): Promise<{checkpoint: Checkpoint; created: boolean}> {
	const ref = checkpointRef(agent.id);
	const previous = (await gitSucceeds(agent.worktree, ['rev-parse', '--verify', '--quiet', ref], vars)) ? await runGit(agent.worktree, ['rev-parse', ref], vars) : undefined;
	const last = previous ? (await checkpointHistory(agent, vars, 1))[0] : undefined;
	const head = await runGit(agent.worktree, ['rev-parse', 'HEAD'], vars);
	const tree = await worktreeTree(agent.worktree, vars);
	if (last && last.tree === tree && last.head === head) return {checkpoint: last, created: false};
	const files = await changedFiles(agent.worktree, vars, last?.tree ?? `${head}^{tree}`, tree);
	const body = message(options.reason, {agent: agent.address, state: options.state, bead: options.bead, files, at: options.now.toISOString()});
	const commit = await commitTree(agent.worktree, vars, tree, [...(previous ? [previous] : []), head], body);
	// Compare-and-swap: two checkpoints at once never lose one.
	await runGit(agent.worktree, ['update-ref', '-m', `checkpoint: ${options.reason}`, ref, commit, previous ?? ''], vars);
	const checkpoint: Checkpoint = {commit, tree, at: options.now.toISOString(), reason: options.reason, state: options.state, ...(options.bead ? {bead: options.bead} : {}), head, files};
	return {checkpoint, created: true};
}

/** `3` (third newest), `#3`, or a commit hash prefix of one of the agent's checkpoints. */
export function findCheckpoint(history: readonly Checkpoint[], ref: string): Checkpoint {
	const wanted = ref.trim().replace(/^#/, '');
	if (/^\d{1,4}$/.test(wanted)) {
		const found = history[Number(wanted) - 1];
		if (found) return found;
	} else if (/^[0-9a-f]{4,40}$/i.test(wanted)) {
		const found = history.filter(checkpoint => checkpoint.commit.startsWith(wanted.toLowerCase()));
		if (found.length === 1) return found[0]!;
		if (found.length > 1) throw usageError(`checkpoint "${ref}" is ambiguous`, 'give more of the hash');
	}
	throw notFound(`no checkpoint "${ref}"`, history.length > 0 ? 'gt hook history <agent> lists them (a number, or a hash)' : 'this agent has no checkpoints yet: gt hook checkpoint <agent>');
}

export type Rollback = {readonly saved: Checkpoint; readonly restored: Checkpoint; readonly written: number; readonly removed: number; readonly headMoved: boolean};

/** Restores `target`'s files exactly; the present is checkpointed first, so the rollback can be undone. */
export async function rollbackWorktree(agent: HookedAgent, vars: GitVars, target: Checkpoint, options: {agentState: string; bead?: string; now: Date}): Promise<Rollback> {
	if (options.agentState === 'working' || options.agentState === 'starting') {
		throw conflict(`${agent.address} is ${options.agentState}: rolling back under it would race its edits`, `pause it first (gt pause ${agent.address}), or wait until it is idle`);
	}
	const {checkpoint: saved} = await takeCheckpoint(agent, vars, {reason: `before rollback to ${target.commit.slice(0, 8)}`, state: options.agentState, ...(options.bead ? {bead: options.bead} : {}), now: options.now});
	const {written, removed} = await restoreWorktree(agent.worktree, vars, target.tree);
	const head = await runGit(agent.worktree, ['rev-parse', 'HEAD'], vars);
	return {saved, restored: target, written, removed, headMoved: head !== target.head};
}
