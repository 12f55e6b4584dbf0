// Gates: the rig's checks a merge must pass (`[merge_queue] gates = ["npm test"]`).
// Each line is split like a shell would and run WITHOUT one, in the refinery
// worktree, with a timeout; the whole process group is killed when it runs over,
// and when the refinery stops (its AbortSignal).
//
// A gate must not outlive its daemon and run beside the retried gate in the same
// worktree. Node cannot ask the kernel to kill a child with its parent (prctl
// PR_SET_PDEATHSIG), and a watchdog wrapper per gate would cost a process and a poll;
// instead each running gate's process group is written to .runtime/gates/<rig>.pid,
// and the next refinery start kills a group still listed there before it recovers
// the worktree (killStaleGate). The start time from /proc guards against a reused pid.
import {gitEnvironment} from '../git/environment.js';
import {spawn} from 'node:child_process';
import {appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {isProcessAlive} from '../base/file-lock.js';
import {townLayout} from '../base/paths.js';
import {parseCommandLine} from '../agents/command-line.js';
import type {GitVars} from '../git/client.js';
import type {RigConfig} from '../town/rig-config.js';
import {tail, type MergeRequestJson} from './queue.js';

export type MergeQueueConfig = {
	gates: string[];
	/** Seconds per gate. */
	gateTimeout: number;
	push: boolean;
	onConflict: 'assign_back' | 'none';
};

export function mergeQueueConfig(config: RigConfig): MergeQueueConfig {
	const table = (config.merge_queue ?? {}) as Record<string, unknown>;
	const gates = Array.isArray(table.gates) ? table.gates.map(String).filter(line => line.trim() !== '') : [];
	const timeout = Number(table.gate_timeout);
	return {
		gates,
		gateTimeout: Number.isFinite(timeout) && timeout > 0 ? timeout : 600,
		push: table.push === true,
		onConflict: table.on_conflict === 'none' ? 'none' : 'assign_back',
	};
}

/** `aborted`: stopped by the signal (the refinery stopping), not a verdict on the work. */
export type GateResult = {ok: boolean; gate?: string; output: string; error?: string; aborted?: boolean};

export type GateOptions = {
	/** Aborting kills the running gate's process group. */
	readonly signal?: AbortSignal;
	/** Where the running gate's process group is recorded (gateGroupFile). */
	readonly groupFile?: string;
	/** Where the output goes as it comes (liveOutputFile): `$ <command>` then its output, for the merge view. */
	readonly liveFile?: string;
	/** What the commands are called in errors: "gate" (default) or "setup". */
	readonly label?: string;
};

export const gateGroupFile = (townRoot: string, rig: string) => path.join(townLayout(townRoot).runtime, 'gates', `${rig}.pid`);

/**
 * The running merge's setup and gate output as it is written, one file per rig, emptied when a
 * merge starts. Readers take its tail while the request is merging (liveOutput); the full output
 * of a failure is kept on the request itself (gate_output), so this file is only ever a view.
 */
export const liveOutputFile = (townRoot: string, rig: string) => path.join(townLayout(townRoot).runtime, 'gates', `${rig}.log`);

/** Empties the live output file (a new merge starts). */
export function resetLiveOutput(file: string): void {
	try {
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, '', {mode: 0o600});
	} catch {}
}

/** A request merging right now carries the tail of what its setup and gates printed so far. */
export function withLiveOutput(townRoot: string, json: MergeRequestJson): MergeRequestJson {
	if (json.state !== 'merging') return json;
	const live = liveOutput(liveOutputFile(townRoot, json.rig));
	return live === '' ? json : {...json, live_output: live};
}

const appendLive = (file: string | undefined, text: string) => {
	if (!file) return;
	try {
		appendFileSync(file, text);
	} catch {}
};

/** The last `max` bytes of the live output file, cut at a line start; '' when there is none. */
export function liveOutput(file: string, max = 4000): string {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return '';
	}
	try {
		const size = fstatSync(fd).size;
		const length = Math.min(size, max + 200);
		const buffer = Buffer.alloc(length);
		readSync(fd, buffer, 0, length, size - length);
		return tail(buffer.toString('utf8'), max);
	} finally {
		closeSync(fd);
	}
}

/** The kernel's start time of `pid` (clock ticks since boot), when /proc has it. */
function startTime(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

const groupAlive = (pgid: number) => {
	try {
		process.kill(-pgid, 0);
	} catch {
		return false;
	}
	// Only zombies left (nothing reaps them here) count as gone.
	return isProcessAlive(pgid);
};

/**
 * Kills the gate process group a dead daemon left running for this rig, waits for it
 * to go (up to 5 s), and removes the record. Returns the group killed, if any.
 */
export async function killStaleGate(file: string): Promise<number | undefined> {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	const [pgidText, started] = text.trim().split(/\s+/);
	const pgid = Number(pgidText);
	let killed: number | undefined;
	if (Number.isInteger(pgid) && pgid > 1 && groupAlive(pgid) && (started === undefined || started === '' || startTime(pgid) === undefined || startTime(pgid) === started)) {
		try {
			process.kill(-pgid, 'SIGKILL');
			killed = pgid;
		} catch {}
		const deadline = Date.now() + 5000;
		while (groupAlive(pgid) && Date.now() < deadline) await sleep(20);
	}
	rmSync(file, {force: true});
	return killed;
}

function runOne(line: string, cwd: string, vars: GitVars, timeoutMs: number, options: GateOptions = {}): Promise<{code: number | null; output: string; error?: string; aborted?: boolean}> {
	const label = options.label ?? 'gate';
	let command;
	try {
		command = parseCommandLine(line);
	} catch (error) {
		return Promise.resolve({code: null, output: '', error: `${label} "${line}": ${(error as Error).message}`});
	}
	return new Promise(resolve => {
		let output = '';
		const keep = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			output = tail(output + text, 16_000);
			appendLive(options.liveFile, text);
		};
		// Gates run git too (a test suite may): the worktree decides the repository.
		const env = gitEnvironment({...vars, ...command.env});
		if (options.signal?.aborted) {
			resolve({code: null, output, error: `${label} "${line}" not run: the refinery is stopping`, aborted: true});
			return;
		}
		const child = spawn(command.program, command.args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		const killGroup = () => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {}
		};
		if (child.pid !== undefined && options.groupFile) {
			try {
				mkdirSync(path.dirname(options.groupFile), {recursive: true});
				writeFileSync(options.groupFile, `${child.pid} ${startTime(child.pid) ?? ''}\n`, {mode: 0o600});
			} catch {}
		}
		let timedOut = false;
		let aborted = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup();
		}, timeoutMs);
		const onAbort = () => {
			aborted = true;
			killGroup();
		};
		options.signal?.addEventListener('abort', onAbort, {once: true});
		const settle = () => {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			// The group is gone (or never was): nothing for the next start to kill.
			if (options.groupFile && !groupAlive(child.pid ?? 0)) rmSync(options.groupFile, {force: true});
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', error => {
			settle();
			resolve({code: null, output, error: `${label} "${line}" could not start: ${error.message}`});
		});
		child.on('close', code => {
			settle();
			if (aborted) resolve({code, output, error: `${label} "${line}" aborted: the refinery stopped`, aborted: true});
			else if (timedOut) resolve({code, output, error: `${label} "${line}" timed out after ${Math.round(timeoutMs / 1000)}s`});
			else resolve({code, output, ...(code === 0 ? {} : {error: `${label} "${line}" failed (exit ${code ?? 'signal'})`})});
		});
	});
}

/** Runs the gates in order; the first failure stops the rest. */
export async function runGates(gates: readonly string[], cwd: string, vars: GitVars, timeoutSeconds: number, options: GateOptions = {}): Promise<GateResult> {
	let output = '';
	for (const gate of gates) {
		appendLive(options.liveFile, `$ ${gate}\n`);
		const result = await runOne(gate, cwd, vars, timeoutSeconds * 1000, options);
		output = tail(`${output}$ ${gate}\n${result.output}`, 4000);
		if (result.error) return {ok: false, gate, output, error: result.error, ...(result.aborted ? {aborted: true} : {})};
	}
	return {ok: true, output};
}
