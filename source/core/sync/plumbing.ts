// The git plumbing gt sync is made of, over execFile with argv arrays and the one
// environment policy (git/environment.ts): objects read as bytes, merges computed
// with `git merge-tree --write-tree` (in the object store: the working tree is not
// touched until the result is whole), refs moved with a compare-and-swap.
import {execFile} from 'node:child_process';
import {gitEnvironment} from '../git/environment.js';
import {asGitFailure, gitSucceeds, runGit, type GitVars} from '../git/client.js';

type Raw = {code: number; stdout: Buffer; stderr: string};

/** git with stdout as bytes and the exit code answered, not thrown. */
export function gitRaw(dir: string, args: readonly string[], vars: GitVars): Promise<Raw> {
	return new Promise((resolve, reject) => {
		execFile('git', [...args], {cwd: dir, env: gitEnvironment(vars), maxBuffer: 1 << 30, encoding: 'buffer'}, (error, stdout, stderr) => {
			if (error && typeof error.code !== 'number') {
				reject(asGitFailure(error, `git ${args[0] ?? ''}`));
				return;
			}
			resolve({code: error ? Number(error.code) : 0, stdout, stderr: stderr.toString('utf8')});
		});
	});
}

/** A file's bytes at a commit, or undefined when the commit has no such file. */
export async function blobAt(repo: string, rev: string, file: string, vars: GitVars): Promise<Buffer | undefined> {
	const result = await gitRaw(repo, ['cat-file', 'blob', `${rev}:${file}`], vars);
	return result.code === 0 ? result.stdout : undefined;
}

export const revParse = (repo: string, rev: string, vars: GitVars) => runGit(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], vars).catch(() => undefined);

export const isAncestor = (repo: string, ancestor: string, of: string, vars: GitVars) => gitSucceeds(repo, ['merge-base', '--is-ancestor', ancestor, of], vars);

export async function countCommits(repo: string, from: string | undefined, to: string, vars: GitVars): Promise<number> {
	return Number(await runGit(repo, ['rev-list', '--count', from ? `${from}..${to}` : to], vars));
}

/** Paths that differ between two commits (no rename detection: a ledger is always its own path). */
export async function changedPaths(repo: string, from: string, to: string, vars: GitVars): Promise<string[]> {
	const output = await runGit(repo, ['diff', '--name-only', '--no-renames', '-z', from, to], vars);
	return output.split('\0').filter(Boolean);
}

export type TreeMerge = {readonly tree: string} | {readonly conflicts: readonly string[]};

/** The merge of two commits as a tree (merge drivers run as in `git merge`), or the paths that conflict. */
export async function mergeTree(repo: string, ours: string, theirs: string, vars: GitVars): Promise<TreeMerge> {
	const result = await gitRaw(repo, ['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', ours, theirs], vars);
	const fields = result.stdout.toString('utf8').split('\0').filter(Boolean);
	if (result.code === 0) return {tree: fields[0]!.trim()};
	if (result.code === 1) return {conflicts: fields.slice(1)};
	throw asGitFailure(new Error(result.stderr), 'merging');
}
