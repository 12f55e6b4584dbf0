// The originals' command lines, run as an agent types them: through a real bash, with `gt`
// and `bd` on the PATH as the built binaries, in a real town. Each line names where the
// original documents it and checks its effect on the ledger, mail or agents, not only the
// exit code. Ids made by earlier lines are written {name} and filled in before the line runs.
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {binaries, type CliResult, runOk} from '../../helpers/cli.js';
import type {TestTown} from '../../helpers/town.js';

/** Who types the line: the human, or an agent whose identity the daemon would give it. */
export type Speaker = 'human' | 'polecat' | 'crew' | 'mayor';

export type Bead = {
	id: string;
	title: string;
	description?: string;
	status: string;
	priority: number;
	issue_type: string;
	assignee?: string;
	labels?: string[];
	notes?: string;
	design?: string;
	acceptance_criteria?: string;
	external_ref?: string;
	due_at?: string;
	estimated_minutes?: number;
	close_reason?: string;
	parent?: string;
	ephemeral?: boolean;
	dependencies?: Array<{id?: string; depends_on_id?: string; dependency_type?: string; type?: string}>;
	dependents?: Array<{id: string; dependency_type?: string}>;
	comments?: Array<{text: string; author?: string}>;
	[key: string]: unknown;
};

export type Context = {
	readonly town: TestTown;
	/** Who each speaker is; a line that starts an agent may point a speaker at it. */
	readonly agents: Agents;
	/** Ids saved by earlier lines. */
	readonly ids: Record<string, string>;
	/** The line's own output. */
	readonly result: CliResult;
	/** stdout parsed as JSON. */
	json<T = unknown>(): T;
	bead(id: string): Promise<Bead>;
	/** Every bead of the rig, closed and ephemeral ones too. */
	beads(): Promise<Bead[]>;
	gt(args: string[], speaker?: Speaker): Promise<string>;
	bd(args: string[], speaker?: Speaker): Promise<string>;
};

export type CorpusLine = {
	/** The command line as the original's docs write it, ids as {name}. */
	readonly line: string;
	/** Where the original documents it: a Beads CLI reference page, a role text, a doc. */
	readonly from: string;
	readonly as?: Speaker;
	/** Where it runs: the rig (default for bd), the town root (default for gt), the speaker's worktree. */
	readonly cwd?: 'rig' | 'town' | 'worktree' | 'elsewhere';
	readonly exit?: number;
	/** Keep the first bead id in stdout under this name. */
	readonly save?: string;
	readonly stdin?: string;
	readonly check: (context: Context) => unknown;
};

export type Agents = Record<Exclude<Speaker, 'human'>, string>;

/** A directory with `gt` and `bd` shims that run the built binaries, for bash's PATH. */
export function shimDirectory(root: string): string {
	const bin = path.join(root, 'corpus-bin');
	mkdirSync(bin, {recursive: true});
	for (const program of ['gt', 'bd'] as const) {
		const shim = path.join(bin, program);
		writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${binaries[program]}" "$@"\n`);
		chmodSync(shim, 0o755);
	}
	return bin;
}


export function fill(line: string, ids: Record<string, string>): string {
	return line.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = ids[name];
		if (value === undefined) throw new Error(`corpus line uses {${name}} before a line saved it: ${line}`);
		return value;
	});
}

export function speakerEnv(town: TestTown, agents: Agents, speaker: Speaker): Record<string, string> {
	if (speaker === 'human') return {...town.vars, BD_ACTOR: 'overseer'};
	return {...town.vars, GT_AGENT: agents[speaker], BD_ACTOR: agents[speaker]};
}

export function runLine(command: string, options: {cwd: string; env: Record<string, string>; bin: string; stdin?: string}): Promise<CliResult> {
	return new Promise(resolve => {
		const child = spawn('bash', ['-c', command], {cwd: options.cwd, env: {...options.env, PATH: `${options.bin}:${options.env.PATH ?? '/usr/bin:/bin'}`}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('close', code => resolve({code: code ?? 1, stdout, stderr}));
		child.stdin.end(options.stdin ?? '');
	});
}

const asArray = (value: unknown): Bead[] => (Array.isArray(value) ? value : [value]) as Bead[];

export function makeContext(town: TestTown, agents: Agents, ids: Record<string, string>, result: CliResult, cwd: (speaker: Speaker) => string): Context {
	const bd = (args: string[], speaker: Speaker = 'human') => runOk('bd', args, {cwd: town.rigDir, env: speakerEnv(town, agents, speaker)});
	const gt = (args: string[], speaker: Speaker = 'human') => runOk('gt', args, {cwd: cwd(speaker), env: speakerEnv(town, agents, speaker)});
	return {
		town,
		agents,
		ids,
		result,
		json: <T>() => JSON.parse(result.stdout) as T,
		bead: async id => asArray(JSON.parse(await bd(['show', id, '--json'])))[0]!,
		beads: async () => asArray(JSON.parse(await bd(['list', '--all', '--ephemeral', '-n', '0', '--json']))),
		gt,
		bd,
	};
}

/** The corpus town's ids: the rig's beads (ca-…) and the town's (hq-…, convoys hq-cv-…). */
export const beadId = /\b(?:ca|hq)-(?:(?:cv|mol|wisp)-)?[a-z0-9]+(?:\.\d+)*\b/;

/** Where a speaker's lines run: its worktree, the rig, the town root, or outside any town. */
export function speakerCwd(town: TestTown, agents: Agents, speaker: Speaker, where: CorpusLine['cwd'], program: string): string {
	if (where === 'worktree' && speaker !== 'human' && speaker !== 'mayor') {
		const [rig, kind, name] = agents[speaker].split('/');
		return path.join(town.town, rig!, kind!, name!);
	}
	if (where === 'worktree' && speaker === 'mayor') return path.join(town.town, 'mayor');
	if (where === 'elsewhere') return town.work;
	if (where === 'rig' || (where === undefined && program === 'bd')) return town.rigDir;
	return town.town;
}

/** Runs one corpus line and its check; the failure names the line and where it came from. */
export async function runCorpusLine(entry: CorpusLine, town: TestTown, agents: Agents, ids: Record<string, string>, bin: string): Promise<void> {
	const speaker = entry.as ?? 'human';
	ids.polecatName = agents.polecat.split('/').at(-1)!;
	const command = fill(entry.line, ids);
	const program = entry.line.match(/\b(gt|bd) /)?.[1] ?? 'gt';
	const cwd = speakerCwd(town, agents, speaker, entry.cwd, program);
	const result = await runLine(command, {cwd, env: speakerEnv(town, agents, speaker), bin, stdin: entry.stdin});
	const label = `${command}  (${entry.from}, as ${speaker})`;
	if (result.code !== (entry.exit ?? 0)) throw new Error(`${label}: exited ${result.code}, wanted ${entry.exit ?? 0}\n${result.stderr || result.stdout}`);
	if (entry.save) {
		const id = result.stdout.match(beadId)?.[0];
		if (!id) throw new Error(`${label}: printed no id to save as {${entry.save}}:\n${result.stdout}`);
		ids[entry.save] = id;
	}
	const context = makeContext(town, agents, ids, result, who => speakerCwd(town, agents, who, undefined, 'gt'));
	await entry.check(context);
}
