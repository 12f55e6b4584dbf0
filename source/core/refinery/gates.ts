// Gates: the rig's checks a merge must pass (`[merge_queue] gates = ["npm test"]`).
// Each line is split like a shell would and run WITHOUT one, in the refinery
// worktree, with a timeout; the whole process group is killed when it runs over.
import {gitEnvironment} from '../git/environment.js';
import {spawn} from 'node:child_process';
import {parseCommandLine} from '../agents/command-line.js';
import type {GitVars} from '../git/client.js';
import type {RigConfig} from '../town/rig-config.js';
import {tail} from './queue.js';

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

export type GateResult = {ok: boolean; gate?: string; output: string; error?: string};

function runOne(line: string, cwd: string, vars: GitVars, timeoutMs: number): Promise<{code: number | null; output: string; error?: string}> {
	let command;
	try {
		command = parseCommandLine(line);
	} catch (error) {
		return Promise.resolve({code: null, output: '', error: `gate "${line}": ${(error as Error).message}`});
	}
	return new Promise(resolve => {
		let output = '';
		const keep = (chunk: Buffer) => {
			output = tail(output + chunk.toString('utf8'), 16_000);
		};
		// Gates run git too (a test suite may): the worktree decides the repository.
		const env = gitEnvironment({...vars, ...command.env});
		const child = spawn(command.program, command.args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', error => {
			clearTimeout(timer);
			resolve({code: null, output, error: `gate "${line}" could not start: ${error.message}`});
		});
		child.on('close', code => {
			clearTimeout(timer);
			if (timedOut) resolve({code, output, error: `gate "${line}" timed out after ${Math.round(timeoutMs / 1000)}s`});
			else resolve({code, output, ...(code === 0 ? {} : {error: `gate "${line}" failed (exit ${code ?? 'signal'})`})});
		});
	});
}

/** Runs the gates in order; the first failure stops the rest. */
export async function runGates(gates: readonly string[], cwd: string, vars: GitVars, timeoutSeconds: number): Promise<GateResult> {
	let output = '';
	for (const gate of gates) {
		const result = await runOne(gate, cwd, vars, timeoutSeconds * 1000);
		output = tail(`${output}$ ${gate}\n${result.output}`, 4000);
		if (result.error) return {ok: false, gate, output: tail(output), error: result.error};
	}
	return {ok: true, output: tail(output)};
}
