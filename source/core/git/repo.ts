// Plain (non-bare) repositories: the town itself when installed with --git.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {gitSucceeds, runGit, type GitVars} from './client.js';

/** Whether `dir` is the top of its own git work tree (not just inside some other repo). */
export async function isRepoRoot(dir: string, vars: GitVars): Promise<boolean> {
	if (!existsSync(path.join(dir, '.git'))) return false;
	return gitSucceeds(dir, ['rev-parse', '--is-inside-work-tree'], vars);
}

export async function initRepo(dir: string, vars: GitVars): Promise<void> {
	await runGit(dir, ['init', '--quiet'], vars, `git init in ${dir}`);
}

/** A config value as git resolves it (repo, global, system), or undefined. */
export async function gitConfigValue(dir: string, key: string, vars: GitVars): Promise<string | undefined> {
	try {
		const value = await runGit(dir, ['config', '--get', key], vars);
		return value || undefined;
	} catch {
		return undefined;
	}
}

// Bookkeeping commits must not fail for a user who never set a git identity.
const fallbackIdentity = {name: 'Gas Town', email: 'gastown@localhost'};

/**
 * Stages exactly `paths` (additions, changes and deletions, relative to `dir`) and
 * commits them with `message`, leaving anything else the user staged alone.
 * Returns the new commit's short hash, or undefined when nothing changed.
 */
export async function commitPaths(dir: string, paths: readonly string[], message: string, vars: GitVars): Promise<string | undefined> {
	// git refuses a pathspec that matches nothing, so keep paths that exist or are tracked.
	const known: string[] = [];
	for (const item of paths) {
		if (existsSync(path.join(dir, item)) || (await runGit(dir, ['ls-files', '--', item], vars))) known.push(item);
	}
	if (known.length === 0) return undefined;
	paths = known;
	await runGit(dir, ['add', '--all', '--', ...paths], vars, 'staging town files');
	if (await gitSucceeds(dir, ['diff', '--cached', '--quiet', '--', ...paths], vars)) return undefined;
	const identity: Record<string, string> = {};
	if (!(await gitConfigValue(dir, 'user.email', vars))) {
		identity.GIT_AUTHOR_NAME = identity.GIT_COMMITTER_NAME = vars.GIT_AUTHOR_NAME ?? fallbackIdentity.name;
		identity.GIT_AUTHOR_EMAIL = identity.GIT_COMMITTER_EMAIL = fallbackIdentity.email;
	}
	// --no-verify: these are the town's own bookkeeping commits, not user code for hooks to lint.
	await runGit(dir, ['commit', '--quiet', '--no-verify', '-m', message, '--', ...paths], {...vars, ...identity}, 'committing town files');
	return runGit(dir, ['rev-parse', '--short', 'HEAD'], vars);
}
