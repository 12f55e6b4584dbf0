// Running the programs the sim works with (gt, bd, git), always as argv arrays.
// `gt` and `bd` are found on PATH first, as a real agent would find them (the
// daemon puts `<town>/.runtime/bin` with its shims first); without one, the sim
// runs the gt/bd entries it was started from with the current node.
import {execFile} from 'node:child_process';
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';

export type ToolResult = {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
};

export type RunOptions = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly signal?: AbortSignal;
	/** Kill the program after this long. */
	readonly timeoutMs?: number;
};

export type Program = 'gt' | 'bd' | 'git';

function executableOnPath(name: string, pathVariable: string | undefined): string | undefined {
	for (const dir of (pathVariable ?? '').split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, name);
		try {
			accessSync(candidate, constants.X_OK);
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// Not here; keep looking.
		}
	}
	return undefined;
}

/** The file and leading arguments that run `program`. */
export function resolveProgram(program: Program, env: Readonly<Record<string, string | undefined>>, entry = process.argv[1]): {file: string; args: string[]} {
	if (program === 'git') return {file: 'git', args: []};
	const found = executableOnPath(program, env.PATH);
	if (found) return {file: found, args: []};
	// The sim runs as `node …/dist/gt.js sim-agent`; bd.js sits next to gt.js.
	if (entry) return {file: process.execPath, args: [path.join(path.dirname(entry), `${program}.js`)]};
	return {file: program, args: []};
}

/** Runs a program to completion. Never throws: a failure to start is exit code 127. */
export function runTool(program: Program, args: readonly string[], options: RunOptions): Promise<ToolResult> {
	const {file, args: leading} = resolveProgram(program, options.env);
	return new Promise(resolve => {
		const child = execFile(
			file,
			[...leading, ...args],
			{cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, signal: options.signal, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8'},
			(error, stdout, stderr) => {
				if (!error) {
					resolve({code: 0, stdout, stderr});
					return;
				}
				const failure = error as NodeJS.ErrnoException & {code?: number | string; killed?: boolean};
				if (failure.code === 'ENOENT') resolve({code: 127, stdout, stderr: `${program}: command not found`});
				else if (failure.name === 'AbortError') resolve({code: 130, stdout, stderr: stderr || 'interrupted'});
				else resolve({code: typeof failure.code === 'number' ? failure.code : 1, stdout, stderr: stderr || failure.message});
			},
		);
		// Nothing to type into these programs: an open stdin would make some of them wait.
		child.stdin?.end();
	});
}

/** How a command is shown on screen: quotes only where a word needs them. */
export function showCommand(program: string, args: readonly string[]): string {
	const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`);
	return [program, ...args].map(quote).join(' ');
}
