// `gt rig add --local-repo <path>` (the original's): a clone of the project already on this
// machine lends its objects to the rig's bare clone, so only what it lacks comes over the
// network. The objects are copied in (--dissociate): the rig does not depend on that clone
// staying where it is.
import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {failure, notFound, usageError} from '../base/errors.js';
import {resolveFrom} from '../base/paths.js';
import {trackRemoteBranches, type CloneOptions} from '../git/clone.js';
import {asGitFailure, gitIn, gitSucceeds, runGit} from '../git/client.js';

async function isCloneRoot(dir: string, env: Environment): Promise<boolean> {
	if ((await runGit(dir, ['rev-parse', '--is-bare-repository'], env.vars)).trim() === 'true') return true;
	return realpathSync(path.resolve((await runGit(dir, ['rev-parse', '--show-toplevel'], env.vars)).trim())) === realpathSync(dir);
}

/** The --local-repo path, absolute; refused unless it is a git repository (bare or not). */
export async function resolveLocalRepo(text: string, env: Environment): Promise<string> {
	if (text.trim() === '') throw usageError('--local-repo needs the path of a local clone', 'gt rig add <name> <url> --local-repo ../my-clone');
	const dir = resolveFrom(env, text);
	if (!existsSync(dir)) throw notFound(`${dir} does not exist`, '--local-repo takes the path of a clone of the project on this machine');
	// The clone itself (bare, or its top directory), not a directory somewhere inside one.
	if (!(await gitSucceeds(dir, ['rev-parse', '--git-dir'], env.vars)) || !(await isCloneRoot(dir, env))) {
		throw usageError(`${dir} is not a git repository`, '--local-repo takes the path of a clone of the project on this machine');
	}
	return dir;
}

/** `git clone --bare --reference <local> --dissociate <source> <target>`, then origin/* refs as bareClone makes. */
export async function referenceClone(source: string, target: string, reference: string, options: CloneOptions): Promise<void> {
	try {
		await gitIn(path.dirname(target), options.vars, {onProgress: options.onProgress, signal: options.signal}).clone(source, target, ['--bare', '--reference', reference, '--dissociate']);
	} catch (error) {
		throw options.signal?.aborted ? failure('interrupted', 'nothing was kept; run the command again') : asGitFailure(error, `cloning ${source} (objects from ${reference})`);
	}
	await trackRemoteBranches(target, options.vars, options.onProgress, options.signal);
}
