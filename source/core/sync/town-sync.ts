// gt sync for a town: every durable ledger and the town's config, with the town's
// site name recorded first (claims carry it), and afterwards the local parts of any
// rig that arrived from another machine.
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {rigConfigFile, rigLayout, townConfigFile, townLayout} from '../base/paths.js';
import {rigNames} from '../town/rig-config.js';
import {setUpMissingRigs, type RigSetup} from './rigs.js';
import {chooseSite} from './site-choice.js';
import {localSite, setSite} from './site.js';
import {checkSyncable, syncRepository, type SyncResult} from './sync.js';

export type TownSyncOptions = {readonly bdEntry?: string; readonly onStep?: (step: string) => void; readonly message?: string};

export type TownSyncResult = SyncResult & {readonly site: string; readonly rigs: readonly RigSetup[]};

/** Ledger directories of a town: HQ and every rig's. */
export function townLedgers(townRoot: string): string[] {
	return [townLayout(townRoot).beads, ...rigNames(townRoot).map(rig => rigLayout(townRoot, rig).beads)];
}

/** What a town's sync commits: config and durable ledgers (its .gitignore keeps wisps, journals, locks and clones out). */
export function townPaths(townRoot: string): string[] {
	return ['.gitignore', townConfigFile, '.beads', ...rigNames(townRoot).flatMap(rig => [`${rig}/${rigConfigFile}`, `${rig}/.beads`])];
}

export async function syncTown(townRoot: string, env: Environment, options: TownSyncOptions = {}): Promise<TownSyncResult> {
	await checkSyncable(townRoot, env.vars, 'the town');
	let site = localSite(townRoot) ?? (await chooseSite(townRoot));
	const result = await syncRepository({
		prepare: async () => {
			if (localSite(townRoot)) return;
			site = await chooseSite(townRoot);
			await setSite(townRoot, site, env.vars);
		},
		repo: townRoot,
		ledgers: townLedgers(townRoot),
		locks: [`${townLayout(townRoot).routes}.lock`],
		paths: townPaths(townRoot),
		message: options.message ?? `gt sync from ${site}`,
		vars: env.vars,
		...(options.bdEntry ? {bdEntry: options.bdEntry} : {}),
		...(options.onStep ? {onStep: options.onStep} : {}),
	});
	// Rigs that came in with the merge get their clone and refinery here.
	const rigs = await setUpMissingRigs(townRoot, env);
	return {...result, site, rigs};
}

/** A ledger directory's name in reports: "hq" for the town's own, else its rig. */
export function ledgerName(ledger: string): string {
	const dir = path.posix.dirname(ledger);
	return dir === '.' ? 'hq' : dir;
}
