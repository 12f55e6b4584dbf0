// gt doctor: checks of the machine (git, node, agent runtimes) and, inside a town, of
// the town (config, rigs, ledgers, daemon, locks, sessions), in the order a user would fix them.
import type {Environment} from '../base/environment.js';
import {findTownRoot} from '../base/paths.js';
import {checkCommonRuntimes, checkGit, checkNode} from './machine.js';
import {checkDaemonAndSessions, checkLocks} from './runtime.js';
import {checkTown} from './town.js';
import type {CheckResult} from './types.js';

export type DoctorReport = {townRoot?: string; checks: CheckResult[]; ok: boolean};

export async function runDoctor(env: Environment): Promise<DoctorReport> {
	const checks: CheckResult[] = [await checkGit(env), checkNode()];
	const townRoot = findTownRoot(env);
	if (townRoot) {
		const town = await checkTown(townRoot, env);
		checks.push(...checkCommonRuntimes(env, town.agents), ...town.results, ...(await checkDaemonAndSessions(townRoot)), checkLocks(townRoot));
	} else {
		checks.push(...checkCommonRuntimes(env));
	}
	return {...(townRoot ? {townRoot} : {}), checks, ok: checks.every(check => check.status !== 'fail')};
}
