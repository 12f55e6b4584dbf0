// The rig's one object store: a bare clone every worktree of the rig shares.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {failure} from '../base/errors.js';
import {asGitFailure, gitIn, runGit, type GitProgress, type GitVars} from './client.js';

export type CloneOptions = {
	readonly vars: GitVars;
	readonly onProgress?: (event: GitProgress) => void;
	readonly signal?: AbortSignal;
};

/**
 * `git clone --bare <source> <target>`, then remote-tracking refs: a bare clone maps
 * the remote's branches straight onto local ones and has no refs/remotes/origin/*,
 * which the merge queue needs to fetch and compare against upstream.
 */
export async function bareClone(source: string, target: string, options: CloneOptions): Promise<void> {
	const parent = path.dirname(target);
	mkdirSync(parent, {recursive: true});
	try {
		await gitIn(parent, options.vars, {onProgress: options.onProgress, signal: options.signal}).clone(source, target, ['--bare']);
	} catch (error) {
		throw options.signal?.aborted ? interrupted() : asGitFailure(error, `cloning ${source}`);
	}
	await trackRemoteBranches(target, options.vars, options.onProgress, options.signal);
}

/** Sets the usual fetch refspec on origin and fetches, so origin/<branch> refs exist. */
export async function trackRemoteBranches(repo: string, vars: GitVars, onProgress?: (event: GitProgress) => void, signal?: AbortSignal): Promise<void> {
	await runGit(repo, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'], vars);
	await fetchOrigin(repo, vars, onProgress, signal);
}

export async function fetchOrigin(repo: string, vars: GitVars, onProgress?: (event: GitProgress) => void, signal?: AbortSignal): Promise<void> {
	try {
		await gitIn(repo, vars, {onProgress, signal}).fetch(['--prune', 'origin']);
	} catch (error) {
		throw signal?.aborted ? interrupted() : asGitFailure(error, 'fetching origin');
	}
}

const interrupted = () => failure('interrupted', 'nothing was kept; run the command again');
