// What a worktree holds that exists nowhere else: uncommitted files, and commits
// that the default branch (local or upstream) does not contain.
import {realpathSync} from 'node:fs';
import path from 'node:path';
import {failure} from '../base/errors.js';
import {commitsNotIn} from './branch.js';
import {runGit, runGitRaw, type GitVars} from './client.js';

export type WorktreeStatus = {
	/** Short branch name; undefined when detached. */
	readonly branch?: string;
	/** Changed, staged and untracked paths (ignored files do not count). */
	readonly dirty: readonly string[];
	/** Commits on HEAD not on the default branch. */
	readonly unmerged: number;
};

export async function worktreeStatus(dir: string, defaultBranch: string, vars: GitVars): Promise<WorktreeStatus> {
	// A worktree whose .git was deleted would otherwise report on whatever repository
	// encloses it (a town made with --git), which is not the work we are asked about.
	const top = await runGit(dir, ['rev-parse', '--show-toplevel'], vars, `reading ${dir}`);
	if (path.resolve(top) !== realpathSync(dir)) throw failure(`${dir} is not a git worktree`, 'remove it by hand or with --force');
	const porcelain = await runGitRaw(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all'], vars, `reading the status of ${dir}`);
	const dirty: string[] = [];
	const entries = porcelain.split('\0');
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index]!;
		if (entry.length < 4) continue;
		dirty.push(entry.slice(3));
		// A rename or copy is followed by its source path.
		if (entry[0] === 'R' || entry[0] === 'C') index++;
	}
	const branchName = await runGit(dir, ['rev-parse', '--abbrev-ref', 'HEAD'], vars);
	const unmerged = await commitsNotIn(dir, 'HEAD', [`refs/heads/${defaultBranch}`, `refs/remotes/origin/${defaultBranch}`], vars);
	return {...(branchName && branchName !== 'HEAD' ? {branch: branchName} : {}), dirty, unmerged};
}

/** Whether the worktree holds anything that removing it would lose. */
export const hasUnsavedWork = (status: WorktreeStatus) => status.dirty.length > 0 || status.unmerged > 0;
