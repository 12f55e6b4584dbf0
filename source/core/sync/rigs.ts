// The part of a rig that never travels through the town's repository: its bare
// clone of the project, the refinery's worktree, the crew and polecat directories
// (each machine has its own). `gt install --from` makes them for every rig;
// `gt sync` makes them for a rig that arrived from another machine.
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import type {Environment} from '../base/environment.js';
import {rigLayout} from '../base/paths.js';
import {ledgerFiles} from '../beads/ledger.js';
import {addRoute, readRoutes} from '../beads/routes.js';
import {bareClone} from '../git/clone.js';
import type {GitProgress} from '../git/client.js';
import {addWorktree} from '../git/worktree.js';
import {readRigConfig, rigNames} from '../town/rig-config.js';
import path from 'node:path';

export type RigSetup = {readonly rig: string; readonly url: string; readonly problem?: string};

/** The local parts of one rig; a failed clone is removed again and reported, not thrown. */
async function setUpRig(townRoot: string, rig: string, env: Environment, onProgress?: (rig: string, event: GitProgress) => void): Promise<RigSetup> {
	const layout = rigLayout(townRoot, rig);
	let url = '';
	try {
		const config = readRigConfig(townRoot, rig);
		url = config.git_url;
		if (!url) return {rig, url, problem: `${layout.config} has no git_url`};
		// Ephemeral beads never travel: start with an empty wisps file, as bd init does.
		const wisps = path.join(layout.beads, ledgerFiles.ephemeral);
		if (existsSync(layout.beads) && !existsSync(wisps)) atomicWriteFileSync(wisps, '');
		const prefix = config.prefix;
		if (prefix && !readRoutes(townRoot).some(route => route.prefix === `${prefix}-`)) await addRoute(townRoot, prefix, rig);
		await bareClone(url, layout.repo, {vars: env.vars, ...(onProgress ? {onProgress: (event: GitProgress) => onProgress(rig, event)} : {})});
		await addWorktree(layout.repo, layout.refinery, {branch: config.default_branch}, env.vars);
		for (const dir of [layout.crew, layout.polecats]) mkdirSync(dir, {recursive: true});
		return {rig, url};
	} catch (error) {
		rmSync(layout.repo, {recursive: true, force: true});
		rmSync(path.dirname(layout.refinery), {recursive: true, force: true});
		return {rig, url, problem: (error as Error).message};
	}
}

/** Sets up every rig of the town whose clone is missing on this machine. */
export async function setUpMissingRigs(townRoot: string, env: Environment, onProgress?: (rig: string, event: GitProgress) => void): Promise<RigSetup[]> {
	const results: RigSetup[] = [];
	for (const rig of rigNames(townRoot)) {
		if (existsSync(rigLayout(townRoot, rig).repo)) continue;
		results.push(await setUpRig(townRoot, rig, env, onProgress));
	}
	return results;
}
