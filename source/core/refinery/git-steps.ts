// The refinery's git steps in <rig>/refinery/rig, a worktree of the rig's bare clone
// whose checked-out branch is the default branch. The default branch moves only by
// one `update-ref <new> <expected old>`: a half-done rebase lives on a temporary
// branch, so a crash at any point leaves the default branch at a whole merge.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {gitSucceeds, runGit, type GitVars} from '../git/client.js';
import {gitConfigValue} from '../git/repo.js';

// simple-git waits 50 ms after any command that printed nothing, so the steps a
// merge always takes are chosen to say something (no --quiet), and `clean` runs only
// when something may have written into the worktree (gates, a failure, a crash).

/** The worktree's own git directory (rebase state lives there, not in .repo.git). */
async function gitDir(dir: string, vars: GitVars): Promise<string> {
	return path.resolve(dir, await runGit(dir, ['rev-parse', '--git-dir'], vars));
}

/**
 * What a clean keeps. Without a worktree setup nothing (`clean -fdx`); with one, what the setup
 * made must stay or it runs before every merge: by default every git-ignored file (`clean -fd`,
 * node_modules is ignored), or with `[worktree] keep` only those paths (`clean -fdx -e <path>…`).
 */
export type CleanKeep = {readonly ignored: boolean; readonly paths: readonly string[]};

export const keepNothing: CleanKeep = {ignored: false, paths: []};

export function cleanArgs(keep: CleanKeep): string[] {
	if (keep.paths.length > 0) return ['clean', '-fdx', ...keep.paths.flatMap(entry => ['-e', entry])];
	return keep.ignored ? ['clean', '-fd'] : ['clean', '-fdx'];
}

/**
 * Back to a clean checkout of the default branch: abort any rebase in progress,
 * drop changes and untracked files, delete leftover temp branches.
 */
export async function cleanWorktree(dir: string, defaultBranch: string, vars: GitVars, keep: CleanKeep = keepNothing): Promise<void> {
	const own = await gitDir(dir, vars);
	if (existsSync(path.join(own, 'rebase-merge')) || existsSync(path.join(own, 'rebase-apply'))) {
		await gitSucceeds(dir, ['rebase', '--abort'], vars);
	}
	await checkoutDefault(dir, defaultBranch, vars);
	await runGit(dir, cleanArgs(keep), vars, 'cleaning the refinery worktree');
	// Temp branches of older versions of this code.
	const leftovers = await runGit(dir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/refinery/'], vars);
	for (const branch of leftovers.split('\n').filter(Boolean)) await gitSucceeds(dir, ['branch', '-D', '--', branch], vars);
}

/** The worktree on the default branch exactly as the branch is (drops tracked changes). */
export async function checkoutDefault(dir: string, defaultBranch: string, vars: GitVars): Promise<void> {
	await runGit(dir, ['checkout', '--force', '-B', defaultBranch, `refs/heads/${defaultBranch}`], vars, `checking out ${defaultBranch} in the refinery`);
}

/** Committer identity for rebased commits when git has none configured (daemons rarely do). */
export async function committerVars(dir: string, vars: GitVars): Promise<GitVars> {
	if (vars.GIT_COMMITTER_EMAIL || (await gitConfigValue(dir, 'user.email', vars))) return vars;
	return {...vars, GIT_COMMITTER_NAME: 'Gas Town Refinery', GIT_COMMITTER_EMAIL: 'refinery@gastown.localhost'};
}

export type RebaseResult = {ok: true; head: string} | {ok: false; conflicts: string[]; message: string};

/**
 * Checks out `tip` (the MR branch) detached and rebases it onto `base` (the default
 * branch as it is now): the polecat's branch itself is never rewritten. On a
 * conflict the rebase is aborted and the conflicting files named.
 */
export async function rebaseOnto(dir: string, branch: string, tip: string, base: string, vars: GitVars): Promise<RebaseResult> {
	await runGit(dir, ['checkout', '--force', '--detach', tip], vars, `checking out ${branch}`);
	try {
		await runGit(dir, ['rebase', base], vars, `rebasing ${branch}`);
	} catch (error) {
		const unmerged = await runGit(dir, ['diff', '--name-only', '--diff-filter=U'], vars).catch(() => '');
		await gitSucceeds(dir, ['rebase', '--abort'], vars);
		return {ok: false, conflicts: unmerged.split('\n').filter(Boolean), message: (error as Error).message};
	}
	return {ok: true, head: await runGit(dir, ['rev-parse', 'HEAD'], vars)};
}

/** Whether `ancestor` is contained in `descendant`. */
export const isAncestor = (dir: string, ancestor: string, descendant: string, vars: GitVars) =>
	gitSucceeds(dir, ['merge-base', '--is-ancestor', ancestor, descendant], vars);

/** The one move of the default branch: refused by git if someone else moved it since `expected`. */
export async function fastForward(dir: string, defaultBranch: string, to: string, expected: string, vars: GitVars): Promise<void> {
	await runGit(dir, ['update-ref', '-m', 'refinery: fast-forward', `refs/heads/${defaultBranch}`, to, expected], vars, `fast-forwarding ${defaultBranch}`);
}
