// A town's clone on one machine is a "site": the name that tells two machines'
// agents apart when their addresses are the same (mp/polecats/nux on the laptop and
// on the build box). It lives in the clone's own git config (gastown.site), never in
// the shared history, and is read from that file directly: sling and hook lookups
// ask for it, and must not start a git process to do so.
import {readFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {usageError} from '../base/errors.js';
import {repositoryOf} from '../git/layout.js';
import {runGit, type GitVars} from '../git/client.js';

export const siteKey = 'gastown.site';

const sitePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function validateSite(site: string): string {
	if (!sitePattern.test(site)) throw usageError(`"${site}" is not a site name`, 'use letters, digits, ".", "_" or "-" (up to 63), e.g. --site laptop');
	return site;
}

/** The default site name: the host name's first label, made valid. */
export function defaultSite(): string {
	const name = hostname().split('.')[0]!.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63);
	return name || 'site';
}

/** The site of the town at `townRoot`, or undefined when its repository names none (a town that never synced). */
export function localSite(townRoot: string): string | undefined {
	const layout = repositoryOf(townRoot);
	if (!layout || layout.top !== townRoot) return undefined;
	let text: string;
	try {
		text = readFileSync(`${layout.commonDir}/config`, 'utf8');
	} catch {
		return undefined;
	}
	let inSection = false;
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line.startsWith('[')) {
			inSection = /^\[gastown\]$/i.test(line);
			continue;
		}
		const match = inSection ? /^site\s*=\s*"?([^"\s]+)"?\s*$/i.exec(line) : null;
		if (match) return match[1];
	}
	return undefined;
}

export async function setSite(repo: string, site: string, vars: GitVars): Promise<void> {
	await runGit(repo, ['config', siteKey, validateSite(site)], vars, 'recording the site name');
}

/** An agent's address with its site: `mp/polecats/nux@laptop` (the address alone without one). */
export const addressAt = (address: string, site: string | undefined) => (site ? `${address}@${site}` : address);

/** The site part of a claimed_by value, if any. */
export function siteOf(holder: string): string | undefined {
	const at = holder.lastIndexOf('@');
	return at > 0 ? holder.slice(at + 1) : undefined;
}
