// Worktrees of a rig's bare clone: refinery/rig, crew/<name>, polecats/<name>.
import {existsSync, rmSync} from 'node:fs';
import path from 'node:path';
import {runGit, type GitVars} from './client.js';

export type WorktreeStart =
	/** A new branch from a start point (a branch, remote ref or commit). */
	| {readonly newBranch: string; readonly from: string}
	/** An existing local branch. */
	| {readonly branch: string}
	/** A detached HEAD at a commit-ish. */
	| {readonly detach: string};

export async function addWorktree(repo: string, dir: string, start: WorktreeStart, vars: GitVars): Promise<void> {
	const args = ['worktree', 'add', '--quiet'];
	if ('newBranch' in start) args.push('-b', start.newBranch, '--', dir, start.from);
	else if ('branch' in start) args.push('--', dir, start.branch);
	else args.push('--detach', '--', dir, start.detach);
	await runGit(repo, args, vars, `creating worktree ${dir}`);
}

/**
 * Unregisters and deletes a worktree. `force` also drops uncommitted changes.
 * A directory someone already deleted by hand is pruned from git's list instead.
 */
export async function removeWorktree(repo: string, dir: string, vars: GitVars, options: {force?: boolean} = {}): Promise<void> {
	if (existsSync(dir)) {
		// Twice --force also removes a locked worktree.
		await runGit(repo, ['worktree', 'remove', ...(options.force ? ['--force', '--force'] : []), '--', dir], vars, `removing worktree ${dir}`);
		// Ignored files can keep the directory alive on some git versions.
		rmSync(dir, {recursive: true, force: true});
	}
	await pruneWorktrees(repo, vars);
}

export async function pruneWorktrees(repo: string, vars: GitVars): Promise<void> {
	await runGit(repo, ['worktree', 'prune'], vars);
}

export type WorktreeInfo = {
	readonly path: string;
	readonly head?: string;
	/** Short branch name, absent when detached. */
	readonly branch?: string;
	readonly bare: boolean;
	readonly detached: boolean;
	readonly locked: boolean;
	readonly prunable: boolean;
};

/** `git worktree list --porcelain`, bare entry included. */
export async function listWorktrees(repo: string, vars: GitVars): Promise<WorktreeInfo[]> {
	const output = await runGit(repo, ['worktree', 'list', '--porcelain'], vars);
	const worktrees: WorktreeInfo[] = [];
	for (const block of output.split(/\n\s*\n/)) {
		const fields = new Map<string, string>();
		for (const line of block.split('\n')) {
			const space = line.indexOf(' ');
			fields.set(space < 0 ? line : line.slice(0, space), space < 0 ? '' : line.slice(space + 1));
		}
		const dir = fields.get('worktree');
		if (dir === undefined) continue;
		const branch = fields.get('branch');
		worktrees.push({
			path: path.resolve(dir),
			...(fields.has('HEAD') ? {head: fields.get('HEAD')} : {}),
			...(branch ? {branch: branch.replace(/^refs\/heads\//, '')} : {}),
			bare: fields.has('bare'),
			detached: fields.has('detached'),
			locked: fields.has('locked'),
			prunable: fields.has('prunable'),
		});
	}
	return worktrees;
}
