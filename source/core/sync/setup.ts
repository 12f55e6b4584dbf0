// Registers the JSONL merge driver in a repository: `.gitattributes` (tracked, so
// every clone names the driver for its ledgers) and the repository's git config
// (local to each clone: the command is an absolute path to this machine's bd), so
// that a plain `git pull` merges ledgers bead by bead too.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {failure} from '../base/errors.js';
import {packageEntry} from '../base/package-files.js';
import {runGit, type GitVars} from '../git/client.js';

export const driverName = 'gastown';
export const attributesFile = '.gitattributes';
export const attributesLine = `*.jsonl merge=${driverName}`;
const attributesHeader = '# Gas Town: ledgers merge bead by bead (bd merge-driver), never with conflict markers.';

/** A word for /bin/sh (git runs drivers through the shell). */
export function shellWord(word: string): string {
	return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The `bd` entry script (dist/bd.js) the driver runs. */
export function defaultBdEntry(): string {
	const found = packageEntry('bd.js');
	if (!found) throw failure('cannot find bd.js for the ledger merge driver', 'run gt from its installed package (npm run build in a checkout)');
	return found;
}

export function driverCommand(bdEntry: string, node = process.execPath): string {
	return `${shellWord(node)} ${shellWord(bdEntry)} merge-driver %O %A %B %P`;
}

/** The .gitattributes text with our line (a file the user had keeps its lines); undefined when it has it already. */
export function attributesWithDriver(old: string | undefined): string | undefined {
	if (old === undefined) return `${attributesHeader}\n${attributesLine}\n`;
	if (old.split('\n').some(line => line.trim() === attributesLine)) return undefined;
	return `${old}${old === '' || old.endsWith('\n') ? '' : '\n'}${attributesHeader}\n${attributesLine}\n`;
}

export type DriverSetup = {
	/** Whether .gitattributes was written (the caller commits it). */
	readonly attributesChanged: boolean;
};

/** Writes .gitattributes (if it lacks our line) and sets merge.gastown.* in the repository's config. */
export async function registerMergeDriver(repo: string, vars: GitVars, bdEntry = defaultBdEntry()): Promise<DriverSetup> {
	const file = path.join(repo, attributesFile);
	const next = attributesWithDriver(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
	if (next !== undefined) atomicWriteFileSync(file, next);
	const command = driverCommand(bdEntry);
	const current = await runGit(repo, ['config', '--get', `merge.${driverName}.driver`], vars).catch(() => '');
	if (current !== command) {
		await runGit(repo, ['config', `merge.${driverName}.name`, 'Gas Town JSONL ledger merge (per bead, per field)'], vars, 'registering the merge driver');
		await runGit(repo, ['config', `merge.${driverName}.driver`, command], vars, 'registering the merge driver');
	}
	return {attributesChanged: next !== undefined};
}
