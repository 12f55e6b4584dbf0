// Local branches of a repository (a bare clone or any of its worktrees).
import {usageError} from '../base/errors.js';
import {gitSucceeds, runGit, type GitVars} from './client.js';

export async function branchExists(repo: string, branch: string, vars: GitVars): Promise<boolean> {
	return gitSucceeds(repo, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], vars);
}

export async function listBranches(repo: string, vars: GitVars): Promise<string[]> {
	const output = await runGit(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'], vars);
	return output ? output.split('\n').filter(Boolean) : [];
}

/** Refuses names git would not take as a branch, or would read as an option. */
export async function checkBranchName(repo: string, branch: string, vars: GitVars): Promise<string> {
	if (branch.startsWith('-') || !(await gitSucceeds(repo, ['check-ref-format', '--branch', branch], vars))) {
		throw usageError(`invalid branch name "${branch}"`, 'see `git help check-ref-format`');
	}
	return branch;
}

/** Deletes a branch; without `force` git refuses one that is not merged into HEAD. */
export async function deleteBranch(repo: string, branch: string, vars: GitVars, options: {force?: boolean} = {}): Promise<void> {
	await runGit(repo, ['branch', options.force ? '-D' : '-d', '--', branch], vars, `deleting branch ${branch}`);
}

/** Commits on `ref` that no branch in `bases` contains (bases that do not exist are skipped). */
export async function commitsNotIn(repo: string, ref: string, bases: readonly string[], vars: GitVars): Promise<number> {
	const existing: string[] = [];
	for (const base of bases) {
		if (await gitSucceeds(repo, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], vars)) existing.push(base);
	}
	const output = await runGit(repo, ['rev-list', '--count', ref, ...(existing.length > 0 ? ['--not', ...existing] : [])], vars);
	return Number(output) || 0;
}
