// Moving a clone from one commit to another without `git merge` touching the
// working tree: each changed file is replaced in one rename (a reader sees the old
// ledger or the new one, never half), then the branch moves (compare-and-swap on
// the commit it was at), then the index. Files go first: killed halfway, the files
// already replaced hold merged content, which the next sync commits and merges
// again to the same result; a branch moved past files that were not written yet
// would instead have the next sync commit their old content as a revert.
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {conflict} from '../base/errors.js';
import {runGit, runGitRaw, type GitVars} from '../git/client.js';
import {blobAt, changedPaths} from './plumbing.js';

/** Paths among `paths` with uncommitted changes (or untracked files) in the working tree. */
export async function dirtyPaths(repo: string, paths: readonly string[], vars: GitVars): Promise<string[]> {
	if (paths.length === 0) return [];
	const output = await runGitRaw(repo, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths], vars);
	return output.split('\0').filter(Boolean).map(entry => entry.slice(3));
}

export type Applied = {readonly paths: readonly string[]};

/**
 * Puts commit `to` in the working tree, branch and index of `repo`, which is at
 * `from`. Refuses (changing nothing) when a file it would replace has local changes.
 */
export async function applyCommit(repo: string, branch: string, from: string, to: string, vars: GitVars): Promise<Applied> {
	const paths = await changedPaths(repo, from, to, vars);
	const dirty = await dirtyPaths(repo, paths, vars);
	if (dirty.length > 0) {
		const shown = dirty.slice(0, 3).join(', ') + (dirty.length > 3 ? ` and ${dirty.length - 3} more` : '');
		throw conflict(`the incoming changes touch ${shown}, which ${dirty.length === 1 ? 'has' : 'have'} local changes not in this sync`, `commit them in ${repo} (or run \`gt sync\`, which commits the whole town), then sync again`);
	}
	for (const file of paths) {
		const full = path.join(repo, file);
		const bytes = await blobAt(repo, to, file, vars);
		if (bytes === undefined) {
			rmSync(full, {force: true});
			continue;
		}
		mkdirSync(path.dirname(full), {recursive: true});
		atomicWriteFileSync(full, bytes);
	}
	await runGit(repo, ['update-ref', '-m', 'gt sync', `refs/heads/${branch}`, to, from], vars, 'moving the branch');
	if (paths.length > 0) await runGit(repo, ['reset', '--quiet', '--', ...paths], vars, 'updating the index');
	return {paths};
}
