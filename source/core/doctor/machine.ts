// The machine's part of gt doctor: git and node versions, and the agent runtimes on the
// PATH. Runs anywhere, in a town or not.
import {execFile} from 'node:child_process';
import type {Environment} from '../base/environment.js';
import {findProgram} from '../base/programs.js';
import {fail, ok, warn, type CheckResult} from './types.js';

/** Worktrees on a shared bare clone, `status --porcelain=v1` and `rev-list --cherry-pick` as used here. */
export const minimumGit = [2, 25] as const;
/** package.json's engines. */
export const minimumNode = 20;
/** The runtimes people usually mean; the town's own configured ones are checked too (town.ts). */
export const commonRuntimes = ['claude', 'codex', 'gemini'] as const;

export function parseVersion(text: string): number[] | undefined {
	const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
	return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
	for (let index = 0; index < minimum.length; index++) {
		const have = version[index] ?? 0;
		if (have !== minimum[index]) return have > minimum[index]!;
	}
	return true;
}

function gitVersionText(env: Environment): Promise<string | undefined> {
	return new Promise(resolve => {
		execFile('git', ['--version'], {env: {...env.vars} as NodeJS.ProcessEnv, timeout: 5000, encoding: 'utf8'}, (error, stdout) => resolve(error ? undefined : stdout.trim()));
	});
}

export async function checkGit(env: Environment): Promise<CheckResult> {
	const text = await gitVersionText(env);
	const wanted = minimumGit.join('.');
	if (text === undefined) return fail('git', 'git', 'git is not installed (not found on PATH)', `install git ${wanted} or newer`);
	const version = parseVersion(text);
	if (!version) return warn('git', 'git', `could not read the version from "${text}"`, `make sure git ${wanted} or newer is first on PATH`);
	if (!atLeast(version, minimumGit)) return fail('git', 'git', `git ${version.join('.')} is older than ${wanted}`, `upgrade git to ${wanted} or newer`);
	return ok('git', 'git', `git ${version.join('.')}`);
}

export function checkNode(version = process.versions.node): CheckResult {
	const parsed = parseVersion(version) ?? [0];
	if (!atLeast(parsed, [minimumNode])) return fail('node', 'node', `node ${version} is older than ${minimumNode}`, `install node ${minimumNode} or newer (e.g. nvm install ${minimumNode})`);
	return ok('node', 'node', `node ${version}`);
}

/** The three common runtimes (those the town does not use, inside one): each one missing is only a warning. */
export function checkCommonRuntimes(env: Environment, configured?: ReadonlySet<string>): CheckResult[] {
	return commonRuntimes.filter(name => !configured?.has(name)).map(name => {
		const found = findProgram(name, env.vars.PATH);
		return found ? ok(`agent.${name}`, `agent ${name}`, `found: ${found}`) : warn(`agent.${name}`, `agent ${name}`, `not found on PATH${configured ? ' (this town does not use it)' : ''}`, `install it to run ${name} agents (gt config agent list shows every runtime)`);
	});
}
