// One way to run git: simple-git with an argv array, in a directory, with the
// caller's environment (never process.env directly), and git's own complaint turned
// into a one-line GtError.
import {execFile} from 'node:child_process';
import {simpleGit, type SimpleGit, type SimpleGitProgressEvent} from 'simple-git';
import {failure, isGtError} from '../base/errors.js';

import {gitEnvironment, type GitVars} from './environment.js';

export type {GitVars};

export type GitProgress = {
	/** counting, compressing, receiving, resolving, … */
	readonly stage: string;
	/** "Receiving objects", for people. */
	readonly label: string;
	readonly percent: number;
	readonly processed: number;
	readonly total: number;
};

export type GitOptions = {
	readonly onProgress?: (event: GitProgress) => void;
	/** Kills the git process (e.g. on Ctrl-C) so the caller can clean up. */
	readonly signal?: AbortSignal;
};

const stageLabels: Record<string, string> = {
	counting: 'Counting objects',
	compressing: 'Compressing objects',
	receiving: 'Receiving objects',
	resolving: 'Resolving deltas',
	writing: 'Writing objects',
	// simple-git keeps only the first word of "remote: Counting objects: 4%".
	'remote:': 'Preparing objects',
};

const cleanVars = gitEnvironment;

/** A simple-git client rooted at `dir` (which must exist). */
export function gitIn(dir: string, vars: GitVars, options: GitOptions = {}): SimpleGit {
	const onProgress = options.onProgress;
	return simpleGit({
		baseDir: dir,
		...(options.signal ? {abort: options.signal} : {}),
		// simple-git refuses environments that set GIT_CONFIG_GLOBAL, GIT_SSH_COMMAND,
		// GIT_ASKPASS, EDITOR… because they could come from untrusted input. Ours is the
		// user's own environment (their ssh setup, their editor), so those are allowed.
		// Everything we pass on argv stays checked: no -c overrides, no --upload-pack, no ext::.
		unsafe: {
			allowUnsafeConfigPaths: true,
			allowUnsafeConfigEnvCount: true,
			allowUnsafeAskPass: true,
			allowUnsafeSshCommand: true,
			allowUnsafeEditor: true,
			allowUnsafePager: true,
			allowUnsafeTemplateDir: true,
			allowUnsafeGitProxy: true,
			allowUnsafeDiffExternal: true,
		},
		// simple-git only reports a failure when git also wrote to stderr; `show-ref --quiet`
		// and `diff --quiet` fail silently, so any non-zero exit counts.
		errors: (error, result) => {
			if (error) return error;
			if (result.exitCode === 0) return undefined;
			const output = Buffer.concat([...result.stdOut, ...result.stdErr]).toString('utf8').trim();
			return new Error(output || `git exited with code ${result.exitCode}`);
		},
		...(onProgress
			? {
				progress: (event: SimpleGitProgressEvent) => {
					onProgress({
						stage: event.stage,
						label: stageLabels[event.stage] ?? event.stage,
						percent: event.progress,
						processed: event.processed,
						total: event.total,
					});
				},
			}
			: {}),
	}).env(cleanVars(vars));
}

/** git's most telling line: the last "fatal:"/"error:" line, else the first line. */
export function gitMessage(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const lines = text.split('\n').map(line => line.trim()).filter(Boolean);
	const telling = [...lines].reverse().find(line => /^(fatal|error):/.test(line));
	return (telling ?? lines[0] ?? 'git failed').replace(/^(fatal|error):\s*/, '');
}

/** Runs `git <args>` in `dir` and returns trimmed stdout; failures become one-line GtErrors. */
export async function runGit(dir: string, args: readonly string[], vars: GitVars, what = `git ${args[0] ?? ''}`): Promise<string> {
	return (await runGitRaw(dir, args, vars, what)).trim();
}

/**
 * Plain git calls go through execFile (an argv array, never a shell) rather than
 * simple-git: simple-git adds ~50 ms to every call (measured: `reset --hard --quiet`
 * 63 ms through simple-git, 10 ms through execFile), which dominated sling, done and
 * the merge queue. simple-git stays for clones, where its progress parsing earns it.
 */
function execGit(dir: string, args: readonly string[], vars: GitVars): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('git', [...args], {cwd: dir, env: cleanVars(vars), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8'}, (error, stdout, stderr) => {
			if (!error) {
				resolve(stdout);
				return;
			}
			const output = `${stderr}\n${stdout}`.trim();
			reject(new Error(output || `git exited with code ${typeof error.code === 'number' ? error.code : error.message}`));
		});
	});
}

/** Like runGit, but stdout exactly as git wrote it (porcelain formats start with spaces). */
export async function runGitRaw(dir: string, args: readonly string[], vars: GitVars, what = `git ${args[0] ?? ''}`): Promise<string> {
	try {
		return await execGit(dir, args, vars);
	} catch (error) {
		throw asGitFailure(error, what);
	}
}

/** Like runGit, but answers whether git exited 0 instead of throwing. */
export async function gitSucceeds(dir: string, args: readonly string[], vars: GitVars): Promise<boolean> {
	try {
		await execGit(dir, args, vars);
		return true;
	} catch {
		return false;
	}
}

export function asGitFailure(error: unknown, what: string) {
	if (isGtError(error)) return error;
	return failure(`${what} failed: ${gitMessage(error)}`, 'see the git message above; nothing was changed by this step');
}
