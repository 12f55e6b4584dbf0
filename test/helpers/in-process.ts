// Commands run in this process through the dispatcher (runProgram) with a captured
// Output and a built Environment: the same argv parsing, validation, exit codes and
// one-line errors as the binary, without starting node for each case. Argument and
// bad-input cases use this; a small smoke set per binary runs the built files (cli.ts).
//
// Not for commands that start the daemon or agents (they would run gt.js found from
// here), nor for `--version` (answered by the entry before the dispatcher), nor for
// `gt completion` and `bd export` without -o, which write to process.stdout directly.
import {runProgram} from '../../source/cli/dispatch.js';
import {bdRegistry} from '../../source/cli/registry/bd.js';
import {gtRegistry} from '../../source/cli/registry/gt.js';
import type {Output, Program, Registry} from '../../source/cli/spec.js';
import type {Environment} from '../../source/core/base/environment.js';
import type {CliResult} from './cli.js';

const registries: Record<Program, Registry> = {gt: gtRegistry, bd: bdRegistry};

export type InProcessOptions = {cwd: string; env: Readonly<Record<string, string | undefined>>; now?: () => Date};

/** Runs one command as `gt`/`bd` would, answering its stdout, stderr and exit code. */
export async function runInProcess(program: Program | Registry, args: readonly string[], options: InProcessOptions): Promise<CliResult> {
	const registry = typeof program === 'string' ? registries[program] : program;
	let stdout = '';
	let stderr = '';
	const out: Output = {
		line: (text = '') => {
			stdout += `${text}\n`;
		},
		// What the binary prints when stdout is not a terminal: compact JSON.
		json: value => {
			stdout += `${JSON.stringify(value)}\n`;
		},
		note: text => {
			stderr += `${text}\n`;
		},
		isTerminal: false,
	};
	const env: Environment = {cwd: options.cwd, home: options.env.HOME ?? '/', vars: options.env, now: options.now ?? (() => new Date())};
	const code = await runProgram(registry, args, {env, out});
	return {code, stdout, stderr};
}

/** Runs a command in process and fails the test with its stderr when it does not exit 0. */
export async function runInProcessOk(program: Program | Registry, args: readonly string[], options: InProcessOptions): Promise<string> {
	const result = await runInProcess(program, args, options);
	if (result.code !== 0) throw new Error(`${typeof program === 'string' ? program : program.program} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
	return result.stdout;
}
