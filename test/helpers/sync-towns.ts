// Towns that share a bare remote, as two or three machines would: the first made
// with `gt install --git` and pushed with `gt sync`, the others joined with
// `gt install --from`. Everything runs through the built binaries.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {parseLedgerText} from '../../source/core/beads/jsonl.js';
import {Ledger} from '../../source/core/beads/ledger.js';
import {git, makeGitRepo, runCli, runOk, tempDir, testEnv} from './cli.js';

export type SharedTowns = {work: string; remote: string; vars: Record<string, string>; towns: string[]; rig: string};

export async function makeSharedTowns(count = 2): Promise<SharedTowns> {
	const work = tempDir('sync');
	const vars = testEnv();
	const remote = path.join(work, 'remote.git');
	git(work, ['init', '-q', '--bare', remote], vars);
	makeGitRepo(path.join(work, 'project'), vars, {'README.md': '# calc\n'});
	const first = path.join(work, 'town-a');
	await runOk('gt', ['install', first, '--git'], {cwd: work, env: vars});
	await runOk('gt', ['rig', 'add', 'calc', path.join(work, 'project'), '--prefix', 'ca'], {cwd: first, env: vars});
	git(first, ['remote', 'add', 'origin', remote], vars);
	git(first, ['config', 'gastown.site', 'a'], vars);
	await runOk('gt', ['sync'], {cwd: first, env: vars});
	const towns = [first];
	for (let index = 1; index < count; index++) {
		const site = String.fromCharCode(97 + index);
		const town = path.join(work, `town-${site}`);
		await runOk('gt', ['install', town, '--from', remote, '--site', site], {cwd: work, env: vars});
		towns.push(town);
	}
	return {work, remote, vars, towns, rig: 'calc'};
}

export const sync = (shared: SharedTowns, town: string) => runOk('gt', ['sync'], {cwd: town, env: shared.vars});
export const syncResult = (shared: SharedTowns, town: string) => runCli('gt', ['sync'], {cwd: town, env: shared.vars});

/** Creates a bead with bd in `dir` (a town or rig directory), answering its id. */
export async function create(shared: SharedTowns, dir: string, title: string, ...flags: string[]): Promise<string> {
	return (await runOk('bd', ['create', title, '--silent', ...flags], {cwd: dir, env: shared.vars})).trim();
}

export const bd = (shared: SharedTowns, dir: string, ...args: string[]) => runOk('bd', args, {cwd: dir, env: shared.vars});

/** Syncs every town in turn until none has anything left to send or receive. */
export async function settle(shared: SharedTowns): Promise<void> {
	for (let round = 0; round < 2; round++) for (const town of shared.towns) await sync(shared, town);
}

export const ledgerDirs = (shared: SharedTowns, town: string) => [path.join(town, '.beads'), path.join(town, shared.rig, '.beads')];

/** Every town's ledgers hold the same bytes, parse as valid ledgers, and hold `ids`. */
export async function expectSameLedgers(shared: SharedTowns, ids: readonly string[] = []): Promise<void> {
	const reference = ledgerDirs(shared, shared.towns[0]!).map(dir => readFileSync(path.join(dir, 'issues.jsonl'), 'utf8'));
	for (const town of shared.towns) {
		const dirs = ledgerDirs(shared, town);
		for (const [index, dir] of dirs.entries()) {
			const text = readFileSync(path.join(dir, 'issues.jsonl'), 'utf8');
			expect(text, `${dir} differs from ${shared.towns[0]}`).toBe(reference[index]);
			expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
			const parsed = parseLedgerText(text, dir, {unique: true});
			const sortedIds = parsed.beads.map(bead => bead.id);
			expect(sortedIds).toEqual([...sortedIds].sort());
			await Ledger.open(dir).read();
		}
		expect(git(town, ['status', '--porcelain', '--untracked-files=no'], shared.vars)).toBe('');
	}
	const all = new Set(reference.flatMap(text => parseLedgerText(text, 'x').beads.map(bead => bead.id)));
	for (const id of ids) expect(all.has(id), `${id} was lost`).toBe(true);
}

export function beadIn(shared: SharedTowns, town: string, id: string): Record<string, unknown> | undefined {
	for (const dir of ledgerDirs(shared, town)) {
		const found = parseLedgerText(readFileSync(path.join(dir, 'issues.jsonl'), 'utf8'), dir).beads.find(bead => bead.id === id);
		if (found) return found;
	}
	return undefined;
}
