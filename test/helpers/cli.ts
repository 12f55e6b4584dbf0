// Test helpers: real temp directories, a fixed HOME and git identity per test, and
// the built `gt`/`bd` binaries run as whole processes.
import {execFile, execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll} from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// GT_TEST_DIST points the tests at another build (handy while a tree does not build yet).
const dist = process.env.GT_TEST_DIST ?? path.join(repoRoot, 'dist');
export const binaries = {gt: path.join(dist, 'gt.js'), bd: path.join(dist, 'bd.js')};

const created: string[] = [];
afterAll(() => {
	if (process.env.GT_KEEP_TEST_DIRS) return;
	for (const dir of created.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** A fresh directory, removed after the test file. Resolved through symlinks so paths compare equal. */
export function tempDir(label = 'gt-test'): string {
	const dir = realpathSync(mkdtempSync(path.join(tmpdir(), `${label}-`)));
	created.push(dir);
	return dir;
}

/** A HOME with a git identity, and the environment every child process gets. */
export function testEnv(home = tempDir('home'), extra: Record<string, string> = {}): Record<string, string> {
	const gitconfig = path.join(home, '.gitconfig');
	writeFileSync(gitconfig, '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: home,
		USER: 'tester',
		LANG: 'C.UTF-8',
		GIT_CONFIG_GLOBAL: gitconfig,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_TERMINAL_PROMPT: '0',
		...extra,
	};
	return env;
}

export type CliResult = {code: number; stdout: string; stderr: string};

export function runCli(program: 'gt' | 'bd', args: readonly string[], options: {cwd: string; env: Record<string, string>; input?: string}): Promise<CliResult> {
	return new Promise(resolve => {
		const child = execFile(process.execPath, [binaries[program], ...args], {cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
		if (options.input !== undefined) child.stdin?.end(options.input);
		else child.stdin?.end();
	});
}

/** Runs a command and fails the test with its stderr when it does not exit 0. */
export async function runOk(program: 'gt' | 'bd', args: readonly string[], options: {cwd: string; env: Record<string, string>; input?: string}): Promise<string> {
	const result = await runCli(program, args, options);
	if (result.code !== 0) throw new Error(`${program} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
	return result.stdout;
}

export function git(cwd: string, args: readonly string[], env: Record<string, string>): string {
	return execFileSync('git', args, {cwd, env, encoding: 'utf8'}).trim();
}

/** A real git repository with one commit on `branch`, holding `files`. */
export function makeGitRepo(dir: string, env: Record<string, string>, files: Record<string, string> = {'README.md': '# sample\n'}, branch = 'main'): string {
	mkdirSync(dir, {recursive: true});
	git(dir, ['init', '-q', '-b', branch], env);
	for (const [name, contents] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		writeFileSync(path.join(dir, name), contents);
	}
	git(dir, ['add', '-A'], env);
	git(dir, ['commit', '-q', '-m', 'initial commit'], env);
	return dir;
}
