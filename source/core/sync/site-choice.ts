// Picking a site name for a clone that has none: the host name, unless a claim in
// the town's ledgers already names that site (another clone on this same host, as
// in tests and demos), then host-2, host-3, ….
import {readFileSync} from 'node:fs';
import {rigLayout, townLayout} from '../base/paths.js';
import {ledgerFiles} from '../beads/ledger.js';
import {rigNames} from '../town/rig-config.js';
import {defaultSite} from './site.js';
import path from 'node:path';

/** Sites named by claims (claimed_by "<address>@<site>") in the town's durable ledgers. */
export function sitesInUse(townRoot: string): Set<string> {
	const sites = new Set<string>();
	const dirs = [townLayout(townRoot).beads, ...rigNames(townRoot).map(rig => rigLayout(townRoot, rig).beads)];
	for (const dir of dirs) {
		let text: string;
		try {
			text = readFileSync(path.join(dir, ledgerFiles.durable), 'utf8');
		} catch {
			continue;
		}
		for (const match of text.matchAll(/"claimed_by":"[^"]*@([A-Za-z0-9._-]+)"/g)) sites.add(match[1]!);
	}
	return sites;
}

export async function chooseSite(townRoot: string, base = defaultSite()): Promise<string> {
	const taken = sitesInUse(townRoot);
	if (!taken.has(base)) return base;
	for (let index = 2; ; index++) if (!taken.has(`${base}-${index}`)) return `${base}-${index}`;
}
