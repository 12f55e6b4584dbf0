// `gt install <path> --from <remote>`: this machine joins a town that lives on
// another one. The town repository is cloned (config, durable ledgers, routes), the
// merge driver and this clone's site name are registered, and every rig gets its
// local parts (rigs.ts). Agents, sessions and hooks of the other machine are not
// started here: their work stays theirs (see claims in merge-bead.ts).
import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {conflict, failure, notFound} from '../base/errors.js';
import {findTownRootFrom, resolveFrom, townConfigFile, townLayout} from '../base/paths.js';
import {ledgerFiles} from '../beads/ledger.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {gitIn, gitMessage, type GitProgress} from '../git/client.js';
import {readTownConfig} from '../town/town-config.js';
import {resolveSource} from '../town/rig-lifecycle.js';
import {setUpMissingRigs, type RigSetup} from './rigs.js';
import {registerMergeDriver} from './setup.js';
import {chooseSite} from './site-choice.js';
import {setSite, validateSite} from './site.js';

export type JoinOptions = {
	readonly path: string;
	readonly from: string;
	/** This clone's site name (default: the host name, made unique among the town's sites). */
	readonly site?: string;
	readonly bdEntry?: string;
	readonly onProgress?: (what: string, event: GitProgress) => void;
};

export type JoinResult = {
	readonly root: string;
	readonly name: string;
	readonly site: string;
	readonly remote: string;
	readonly rigs: readonly RigSetup[];
};

function refuseUnfitTarget(root: string): void {
	if (existsSync(root)) {
		if (!statSync(root).isDirectory()) throw conflict(`${root} exists and is not a directory`, 'choose another path');
		if (readdirSync(root).length > 0) throw conflict(`${root} is not empty`, 'join into a new or empty directory');
	}
	const enclosing = findTownRootFrom(path.dirname(root));
	if (enclosing) throw conflict(`${root} is inside the town at ${enclosing}`, 'install a town outside any other town');
}

export async function joinTown(options: JoinOptions, env: Environment): Promise<JoinResult> {
	const root = resolveFrom(env, options.path);
	if (options.site !== undefined) validateSite(options.site);
	refuseUnfitTarget(root);
	const source = resolveSource(options.from, env);
	const existed = existsSync(root);
	const parent = path.dirname(root);
	if (!existsSync(parent)) throw notFound(`${parent} does not exist`, 'create it first, or choose another path');
	try {
		try {
			await gitIn(parent, env.vars, options.onProgress ? {onProgress: event => options.onProgress!('town', event)} : {}).clone(source.url, root, ['--quiet']);
		} catch (error) {
			throw failure(`cloning the town from ${options.from} failed: ${gitMessage(error)}`, 'check the URL and that this machine can reach it (git ls-remote <url>); nothing was created');
		}
		if (!existsSync(path.join(root, townConfigFile))) {
			throw notFound(`${options.from} holds no Gas Town (no ${townConfigFile} on its default branch)`, 'pass the remote a town was pushed to with `gt sync`');
		}
		const config = readTownConfig(root);
		await registerMergeDriver(root, env.vars, options.bdEntry);
		const site = options.site ?? (await chooseSite(root));
		await setSite(root, site, env.vars);
		const layout = townLayout(root);
		for (const dir of [layout.mayor, layout.runtime, layout.formulas]) mkdirSync(dir, {recursive: true});
		const wisps = path.join(layout.beads, ledgerFiles.ephemeral);
		if (!existsSync(wisps)) atomicWriteFileSync(wisps, '');
		const rigs = await setUpMissingRigs(root, env, options.onProgress ? (rig, event) => options.onProgress!(rig, event) : undefined);
		return {root, name: config.name, site, remote: source.url, rigs};
	} catch (error) {
		if (existed) for (const entry of readdirSync(root)) rmSync(path.join(root, entry), {recursive: true, force: true});
		else rmSync(root, {recursive: true, force: true});
		throw error;
	}
}
