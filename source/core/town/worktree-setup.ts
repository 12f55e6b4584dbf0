// A worktree's setup: `[worktree] setup = ["npm ci"]` in rig.toml (or in town.toml, for every
// rig without its own) runs in each new polecat worktree before its agent starts, and in the
// refinery's worktree before the gates, so that `gates = ["npm test"]` finds its node_modules.
//
// When it runs: a stamp in the worktree's own git directory (<repo>/worktrees/<name>/, which
// `git clean` never touches and `git worktree remove` deletes with the worktree) records a hash
// of the setup commands and of the lock files at the worktree's root (package-lock.json,
// yarn.lock, … and `[worktree] inputs`). Setup runs when there is no stamp (a new worktree), when
// the hash differs (a lock file or the commands changed), or when the last run failed. For the
// refinery that is checked after each rebase, on the tree about to be tested.
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {readTomlFile} from '../base/toml-file.js';
import {townLayout} from '../base/paths.js';
import {runGit, type GitVars} from '../git/client.js';
import {usageError} from '../base/errors.js';
import {readRigConfig} from './rig-config.js';
import {runGates, type GateOptions, type GateResult} from '../refinery/gates.js';

/** Lock files whose change means the dependencies changed; `[worktree] inputs` adds more. */
export const defaultSetupInputs = [
	'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock',
	'requirements.txt', 'poetry.lock', 'uv.lock', 'Pipfile.lock', 'Cargo.lock', 'go.sum', 'Gemfile.lock', 'composer.lock',
];

export type WorktreeSetup = {
	/** Command lines, run in order without a shell (split like gates). Empty: nothing to run. */
	readonly commands: readonly string[];
	/** Files at the worktree root that decide whether setup runs again. */
	readonly inputs: readonly string[];
	/** Seconds per command. */
	readonly timeout: number;
	/** Paths the refinery's clean between merges keeps (empty: it keeps every git-ignored file). */
	readonly keep: readonly string[];
	/** Where the commands came from. */
	readonly from: 'rig' | 'town' | 'none';
};

export const noSetup: WorktreeSetup = {commands: [], inputs: [], timeout: 900, keep: [], from: 'none'};

const tableOf = (value: unknown): Record<string, unknown> | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;

function strings(value: unknown, key: string, file: string): string[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
		throw usageError(`${file}: [worktree] ${key} must be a list of strings`, `e.g. ${key} = ["npm ci"]`);
	}
	return (value as string[]).map(item => item.trim()).filter(item => item !== '');
}

/** The rig's `[worktree]` table, else the town's; `setup = []` in rig.toml turns a town default off. */
export function worktreeSetupFor(townRoot: string, rig: string): WorktreeSetup {
	const rigFile = path.join(townRoot, rig, 'rig.toml');
	const rigTable = tableOf(readRigConfig(townRoot, rig).worktree);
	const townFile = townLayout(townRoot).config;
	const townTable = existsSync(townFile) ? tableOf(readTomlFile(townFile).worktree) : undefined;
	const rigSetup = rigTable ? strings(rigTable.setup, 'setup', rigFile) : undefined;
	const townSetup = townTable ? strings(townTable.setup, 'setup', townFile) : undefined;
	const [table, file, from] = rigSetup !== undefined ? [rigTable!, rigFile, 'rig' as const] : townSetup !== undefined ? [townTable!, townFile, 'town' as const] : [undefined, rigFile, 'none' as const];
	const commands = from === 'rig' ? rigSetup! : from === 'town' ? townSetup! : [];
	const timeout = Number(table?.timeout);
	return {
		commands,
		inputs: [...new Set([...defaultSetupInputs, ...(table ? strings(table.inputs, 'inputs', file) ?? [] : [])])],
		timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : 900,
		keep: table ? strings(table.keep, 'keep', file) ?? [] : [],
		from: commands.length > 0 ? from : 'none',
	};
}

/** The hash that decides whether setup runs: the commands, and each input file's content (or its absence). */
export function setupStamp(dir: string, setup: WorktreeSetup): string {
	const hash = createHash('sha256').update(JSON.stringify(setup.commands));
	for (const input of setup.inputs) {
		let content: Buffer | undefined;
		try {
			content = readFileSync(path.join(dir, input));
		} catch {}
		hash.update(`\0${input}\0`);
		hash.update(content ? createHash('sha256').update(content).digest('hex') : '-');
	}
	return hash.digest('hex');
}

type StampRecord = {stamp: string; ok: boolean; at: string; commands: readonly string[]};

/** Where a worktree's setup stamp lives: in its own git directory. */
async function stampFile(dir: string, vars: GitVars): Promise<string> {
	return path.join(path.resolve(dir, await runGit(dir, ['rev-parse', '--git-dir'], vars)), 'gt-setup.json');
}

/** A polecat's last setup output, kept outside its worktree (a failed setup removes a new one). */
export const setupLogFile = (townRoot: string, rig: string, name: string) => path.join(townLayout(townRoot).runtime, 'setup', `${rig}.${name}.log`);

/** Whether setup must run in `dir` now (see the header), and the stamp to record after it. */
export async function setupNeeded(dir: string, setup: WorktreeSetup, vars: GitVars): Promise<{needed: boolean; stamp: string}> {
	const stamp = setupStamp(dir, setup);
	if (setup.commands.length === 0) return {needed: false, stamp};
	let record: StampRecord | undefined;
	try {
		record = JSON.parse(readFileSync(await stampFile(dir, vars), 'utf8')) as StampRecord;
	} catch {}
	return {needed: !record || !record.ok || record.stamp !== stamp, stamp};
}

/** Records a setup run: its stamp (a failed run never counts as done). */
async function recordSetup(dir: string, stamp: string, ok: boolean, setup: WorktreeSetup, vars: GitVars, now: Date): Promise<void> {
	const record: StampRecord = {stamp, ok, at: now.toISOString(), commands: setup.commands};
	writeFileSync(await stampFile(dir, vars), `${JSON.stringify(record)}\n`);
}

export type SetupRun = GateResult & {ran: boolean};

/**
 * Runs the setup in `dir` when setupNeeded says so, with the gates' runner (no shell, a timeout,
 * the process group killed on abort), and records the stamp. `ran: false`: nothing to do.
 */
export async function runWorktreeSetup(dir: string, setup: WorktreeSetup, vars: GitVars, now: () => Date, options: GateOptions = {}): Promise<SetupRun> {
	const {needed, stamp} = await setupNeeded(dir, setup, vars);
	if (!needed) return {ok: true, output: '', ran: false};
	const result = await runGates(setup.commands, dir, vars, setup.timeout, {...options, label: 'setup'});
	if (!result.aborted) await recordSetup(dir, stamp, result.ok, setup, vars, now());
	return {...result, ran: true};
}

/** The last line of output that says something (for a one-line error). */
export function lastOutputLine(output: string): string | undefined {
	return output.split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('$ ')).at(-1);
}
