// gt ui (and `gt` alone on a terminal): the full-screen UI, loaded lazily so no other
// command pays for React and Ink.
import type {Environment} from '../../core/base/environment.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import type {CommandContext, ProcessRoots} from '../spec.js';

/**
 * Ink draws nothing but the last frame when it believes it runs in CI (CI, or
 * CONTINUOUS_INTEGRATION, set). On a terminal the user wants the UI, so those are
 * cleared before Ink loads (it reads them once, at import).
 */
function forgetCi(): void {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
}

export async function runUiIn(env: Environment, processes: ProcessRoots): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) throw usageError('gt ui needs a terminal', 'run it in a terminal; `gt agents`, `gt convoy list` and `gt mail inbox` print the same');
	const townRoot = requireTownRoot(env);
	forgetCi();
	return processes.runUi({townRoot, env});
}

export async function run(context: CommandContext): Promise<number> {
	return runUiIn(context.env, context.processes);
}

/** `gt` with no subcommand: the UI when on a terminal inside a town; otherwise undefined (help is printed). */
export async function runUiWhenInteractive(processes: ProcessRoots): Promise<number | undefined> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
	const [{environmentFromProcess}, {findTownRoot}] = await Promise.all([import('../../core/base/environment.js'), import('../../core/base/paths.js')]);
	const env = environmentFromProcess();
	if (!findTownRoot(env)) return undefined;
	return runUiIn(env, processes);
}
