// Archived hooks: when a polecat's work lands (or its bead is closed some other way)
// its branch tip and its checkpoints are kept under refs/gastown/archive/<agent>/<bead>
// in the rig's repository, as one commit whose parents are the tip and the last
// checkpoint and whose message says whose, which bead, which branch, which worktree and
// when. The worktree itself is then free for the agent's next work. Archives outlive the
// worktree and are pruned by age (`[hooks] keep_archived`, default 30 days).
import {existsSync} from 'node:fs';
import path from 'node:path';
import {conflict, notFound, usageError} from '../base/errors.js';
import {rigLayout} from '../base/paths.js';
import {gitSucceeds, runGit, type GitVars} from '../git/client.js';
import {commitTree, restoreWorktree} from '../git/snapshot.js';
import {addWorktree} from '../git/worktree.js';
import {rigNames} from '../town/rig-config.js';
import {readTownConfig} from '../town/town-config.js';
import {sessionIdForAddress} from '../sessions/types.js';
import {checkpointHistory, checkpointRef, messageFields, type HookedAgent} from './checkpoints.js';

const marker = 'gastown-archive';
const archiveRoot = 'refs/gastown/archive';

export type ArchivedHook = {
	readonly ref: string;
	readonly rig: string;
	readonly agent: string;
	readonly bead: string;
	readonly branch: string;
	readonly tip: string;
	/** The last checkpoint, when there was one. */
	readonly checkpoint?: string;
	readonly worktree: string;
	readonly archivedAt: string;
	readonly why: string;
};

/** Keeps a hook's tip and checkpoints under an archive ref, and clears its checkpoint ref for new work. */
export async function archiveHook(agent: HookedAgent, repoVars: GitVars, options: {townRoot: string; bead: string; branch: string; tip: string; why: string; now: Date}): Promise<ArchivedHook> {
	const repo = rigLayout(options.townRoot, agent.rig).repo;
	const checkpoint = (await gitSucceeds(repo, ['rev-parse', '--verify', '--quiet', checkpointRef(agent.id)], repoVars)) ? await runGit(repo, ['rev-parse', checkpointRef(agent.id)], repoVars) : undefined;
	const fields = {agent: agent.address, bead: options.bead, branch: options.branch, tip: options.tip, checkpoint, worktree: agent.worktree, why: options.why, at: options.now.toISOString()};
	const body = `${marker}: ${options.bead}\n\n${Object.entries(fields).filter(([, value]) => value).map(([key, value]) => `${key}: ${value}`).join('\n')}\n`;
	const tree = await runGit(repo, ['rev-parse', `${options.tip}^{tree}`], repoVars);
	const commit = await commitTree(repo, repoVars, tree, [options.tip, ...(checkpoint ? [checkpoint] : [])], body);
	const ref = `${archiveRoot}/${agent.id}/${options.bead}`;
	await runGit(repo, ['update-ref', '-m', `archive ${options.bead}`, ref, commit], repoVars);
	if (checkpoint) await runGit(repo, ['update-ref', '-d', checkpointRef(agent.id), checkpoint], repoVars);
	return {ref, rig: agent.rig, agent: agent.address, bead: options.bead, branch: options.branch, tip: options.tip, ...(checkpoint ? {checkpoint} : {}), worktree: agent.worktree, archivedAt: fields.at, why: options.why};
}

function parseArchive(rig: string, ref: string, body: string): ArchivedHook | undefined {
	if (!body.startsWith(`${marker}: `)) return undefined;
	const fields = messageFields(body);
	if (!fields.agent || !fields.bead || !fields.tip) return undefined;
	return {
		ref, rig, agent: fields.agent, bead: fields.bead, branch: fields.branch ?? '', tip: fields.tip, ...(fields.checkpoint ? {checkpoint: fields.checkpoint} : {}),
		worktree: fields.worktree ?? '', archivedAt: fields.at ?? '', why: fields.why ?? '',
	};
}

/** Every archived hook of the town, newest first. */
export async function listArchived(townRoot: string, vars: GitVars): Promise<ArchivedHook[]> {
	const all: ArchivedHook[] = [];
	for (const rig of rigNames(townRoot)) {
		const repo = rigLayout(townRoot, rig).repo;
		if (!existsSync(repo)) continue;
		const out = await runGit(repo, ['for-each-ref', '--format=%(refname)%1f%(contents)%1e', archiveRoot], vars).catch(() => '');
		for (const entry of out.split('\x1e')) {
			const [ref, body] = entry.trim().split('\x1f');
			const hook = ref && body ? parseArchive(rig, ref, body) : undefined;
			if (hook) all.push(hook);
		}
	}
	return all.sort((a, b) => b.archivedAt.localeCompare(a.archivedAt));
}

/** `<bead>`, `<agent>/<bead>` or the full ref. */
export function findArchived(archived: readonly ArchivedHook[], ref: string): ArchivedHook {
	const wanted = ref.trim();
	const found = archived.filter(hook => hook.ref === wanted || hook.bead === wanted || `${hook.agent}/${hook.bead}` === wanted || `${hook.agent.split('/').at(-1)}/${hook.bead}` === wanted);
	if (found.length === 1) return found[0]!;
	if (found.length > 1) throw usageError(`"${ref}" names ${found.length} archived hooks`, `name one by agent: ${found.map(hook => `${hook.agent}/${hook.bead}`).join(', ')}`);
	throw notFound(`no archived hook "${ref}"`, archived.length > 0 ? '`gt hooks list --archived` lists them' : 'nothing is archived yet');
}

/**
 * Brings an archived hook back: into its old worktree when that is gone (recreated on a
 * branch at the archived tip) or clean and free, with the last checkpoint's files laid
 * over it. A worktree with other unsaved work is refused.
 */
export async function restoreArchived(townRoot: string, hook: ArchivedHook, vars: GitVars): Promise<{worktree: string; branch: string; checkpointRestored: boolean}> {
	const repo = rigLayout(townRoot, hook.rig).repo;
	const branch = `${hook.branch || `polecat/${hook.agent.split('/').at(-1)}/${hook.bead}`}`;
	const worktree = hook.worktree || path.join(rigLayout(townRoot, hook.rig).polecats, hook.agent.split('/').at(-1)!);
	const branchExists = await gitSucceeds(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], vars);
	if (!existsSync(worktree)) {
		await runGit(repo, ['worktree', 'prune'], vars).catch(() => undefined);
		if (branchExists) await addWorktree(repo, worktree, {branch}, vars);
		else await addWorktree(repo, worktree, {newBranch: branch, from: hook.tip}, vars);
	} else {
		const status = await runGit(worktree, ['status', '--porcelain', '--untracked-files=all'], vars);
		if (status !== '') throw conflict(`${worktree} has unsaved work`, `commit or clear it first, or remove that worktree; the archive stays (${hook.ref})`);
		if (branchExists) await runGit(worktree, ['checkout', branch], vars);
		else await runGit(worktree, ['checkout', '-b', branch, hook.tip], vars);
	}
	let checkpointRestored = false;
	if (hook.checkpoint) {
		const history = await checkpointHistory({address: hook.agent, id: sessionIdForAddress(hook.agent), rig: hook.rig, worktree}, vars).catch(() => []);
		const tree = history[0]?.tree ?? await runGit(repo, ['rev-parse', `${hook.checkpoint}^{tree}`], vars);
		await restoreWorktree(worktree, vars, tree);
		checkpointRestored = true;
	}
	return {worktree, branch, checkpointRestored};
}

/** "30d", "12h", "90m"; the town's `[hooks] keep_archived`, 30 days when unset. */
export function keepArchivedMs(townRoot: string): number {
	const table = (readTownConfig(townRoot).hooks ?? {}) as Record<string, unknown>;
	const raw = typeof table.keep_archived === 'string' ? table.keep_archived : '30d';
	const match = /^(\d+)\s*(d|h|m)$/.exec(raw.trim());
	if (!match) return 30 * 86_400_000;
	return Number(match[1]) * {d: 86_400_000, h: 3_600_000, m: 60_000}[match[2] as 'd' | 'h' | 'm'];
}

/** Deletes archives older than the town keeps them; answers the ones removed. */
export async function pruneArchived(townRoot: string, vars: GitVars, now: Date): Promise<ArchivedHook[]> {
	const keep = keepArchivedMs(townRoot);
	const old = (await listArchived(townRoot, vars)).filter(hook => hook.archivedAt && now.getTime() - Date.parse(hook.archivedAt) > keep);
	for (const hook of old) await runGit(rigLayout(townRoot, hook.rig).repo, ['update-ref', '-d', hook.ref], vars);
	return old;
}
