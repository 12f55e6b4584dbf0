// Which branch a repository calls its default: the symbolic HEAD of a bare clone
// (git copies the remote's HEAD into it), or of a remote via ls-remote.
import {failure, notFound} from '../base/errors.js';
import {gitSucceeds, runGit, type GitVars} from './client.js';
import {branchExists, listBranches} from './branch.js';

/** The branch HEAD points at in `repo`, when that branch has commits. */
export async function headBranch(repo: string, vars: GitVars): Promise<string | undefined> {
	if (!(await gitSucceeds(repo, ['symbolic-ref', '-q', 'HEAD'], vars))) return undefined;
	const ref = await runGit(repo, ['symbolic-ref', '-q', '--short', 'HEAD'], vars);
	return ref && (await branchExists(repo, ref, vars)) ? ref : undefined;
}

/** The default branch of a remote (URL or path), from `git ls-remote --symref <url> HEAD`. */
export async function remoteDefaultBranch(cwd: string, url: string, vars: GitVars): Promise<string | undefined> {
	const output = await runGit(cwd, ['ls-remote', '--symref', '--', url, 'HEAD'], vars, `reading ${url}`);
	const match = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(output);
	return match?.[1];
}

/**
 * The branch a rig integrates into: `wanted` when given (it must exist), else the
 * clone's HEAD, else main/master/the only branch. Points HEAD at the answer so that
 * later readers of the bare repo agree with rig.toml.
 */
export async function resolveDefaultBranch(repo: string, source: string, vars: GitVars, wanted?: string): Promise<string> {
	const branches = await listBranches(repo, vars);
	if (branches.length === 0) {
		throw failure(`${source} has no branches`, 'push at least one commit to it first');
	}
	let branch: string | undefined;
	if (wanted !== undefined) {
		if (!branches.includes(wanted)) {
			const shown = branches.slice(0, 8).join(', ') + (branches.length > 8 ? ', …' : '');
			throw notFound(`branch "${wanted}" does not exist in ${source}`, `branches there: ${shown}`);
		}
		branch = wanted;
	} else {
		branch = (await headBranch(repo, vars)) ?? ['main', 'master'].find(name => branches.includes(name)) ?? (branches.length === 1 ? branches[0] : undefined);
		if (!branch) throw failure(`cannot tell the default branch of ${source}`, `pass --branch (one of ${branches.join(', ')})`);
	}
	await runGit(repo, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`], vars);
	return branch;
}
