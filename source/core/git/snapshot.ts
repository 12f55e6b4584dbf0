// A worktree as it is, as a commit, and back. Both go through a private index file (a
// copy of the worktree's, so unchanged files are not hashed again), so the worktree's
// own index, HEAD and branch are never touched: `git stash create` without the stash's
// reset, and with untracked files. Ignored files are neither recorded nor removed.
import {execFile} from 'node:child_process';
import {copyFileSync, existsSync, readdirSync, rmdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {asGitFailure} from './client.js';
import {gitEnvironment, type GitVars} from './environment.js';

/** Checkpoints are ours, not the user's: a fixed identity, so a machine without one can still take them. */
const identity = {GIT_AUTHOR_NAME: 'Gas Town', GIT_AUTHOR_EMAIL: 'gastown@localhost', GIT_COMMITTER_NAME: 'Gas Town', GIT_COMMITTER_EMAIL: 'gastown@localhost'};

function git(dir: string, args: readonly string[], vars: GitVars, extra: Record<string, string> = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('git', [...args], {cwd: dir, env: {...gitEnvironment(vars), ...identity, ...extra}, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8'}, (error, stdout, stderr) => {
			if (error) reject(asGitFailure(new Error(`${stderr}\n${stdout}`.trim() || error.message), `git ${args[0]}`));
			else resolve(stdout);
		});
	});
}

async function withPrivateIndex<T>(dir: string, vars: GitVars, seed: boolean, work: (env: Record<string, string>) => Promise<T>): Promise<T> {
	const gitDir = (await git(dir, ['rev-parse', '--absolute-git-dir'], vars)).trim();
	const index = path.join(tmpdir(), `gt-index-${process.pid}-${randomBytes(6).toString('hex')}`);
	const own = path.join(gitDir, 'index');
	if (seed && existsSync(own)) copyFileSync(own, index);
	try {
		return await work({GIT_INDEX_FILE: index});
	} finally {
		rmSync(index, {force: true});
		rmSync(`${index}.lock`, {force: true});
	}
}

/** The worktree as a tree object (tracked, modified, untracked; not ignored). */
export async function worktreeTree(dir: string, vars: GitVars): Promise<string> {
	return withPrivateIndex(dir, vars, true, async env => {
		await git(dir, ['add', '--all', '--', '.'], vars, env);
		return (await git(dir, ['write-tree'], vars, env)).trim();
	});
}

/** A commit of `tree` with these parents, under our own identity. */
export async function commitTree(dir: string, vars: GitVars, tree: string, parents: readonly string[], message: string): Promise<string> {
	return (await git(dir, ['commit-tree', tree, ...parents.flatMap(parent => ['-p', parent]), '-m', message], vars)).trim();
}

const nulList = (text: string) => text.split('\0').filter(name => name !== '');

/** Files that differ between two trees (or a tree and nothing). */
export async function changedFiles(dir: string, vars: GitVars, from: string | undefined, to: string): Promise<number> {
	if (!from) return nulList(await git(dir, ['ls-tree', '-r', '-z', '--name-only', to], vars)).length;
	return nulList(await git(dir, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', from, to], vars)).length;
}

/**
 * Makes the worktree's files exactly `tree`: every file in it written (content and mode),
 * every tracked or untracked file not in it removed; ignored files stay. The worktree's
 * index and HEAD are left alone.
 */
export async function restoreWorktree(dir: string, vars: GitVars, tree: string): Promise<{written: number; removed: number}> {
	const wanted = new Set(nulList(await git(dir, ['ls-tree', '-r', '-z', '--name-only', tree], vars)));
	const present = nulList(await git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], vars));
	await withPrivateIndex(dir, vars, false, async env => {
		await git(dir, ['read-tree', tree], vars, env);
		await git(dir, ['checkout-index', '--all', '--force'], vars, env);
	});
	let removed = 0;
	const parents = new Set<string>();
	for (const file of present) {
		if (wanted.has(file)) continue;
		const full = path.join(dir, file);
		if (!existsSync(full)) continue;
		rmSync(full, {force: true});
		removed++;
		parents.add(path.dirname(full));
	}
	// Directories the removed files leave empty go too (git never records an empty one).
	for (const parent of [...parents].sort((a, b) => b.length - a.length)) {
		for (let current = parent; current.startsWith(`${dir}${path.sep}`); current = path.dirname(current)) {
			try {
				if (readdirSync(current).length > 0) break;
				rmdirSync(current);
			} catch {
				break;
			}
		}
	}
	return {written: wanted.size, removed};
}
