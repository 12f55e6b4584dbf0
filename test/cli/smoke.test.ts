// The built binaries as whole processes: a handful of commands each, so the entries,
// the bundle's lazy chunks, stdout/stderr and the exit code are covered end to end.
// Argument and bad-input cases run in process (test/helpers/in-process.ts).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../helpers/cli.js';

const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
let env: Record<string, string>;
let work: string;

beforeAll(() => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	work = tempDir('smoke');
});

describe('gt, the built binary', () => {
	it('--version and --help', async () => {
		expect(await runCli('gt', ['--version'], {cwd: work, env})).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		const help = await runCli('gt', ['--help'], {cwd: work, env});
		expect(help).toMatchObject({code: 0, stderr: ''});
		expect(help.stdout).toContain('gt rig add <name> [url-or-path]');
	});

	it('writes a town, reads its config back, and exits 2 on an unknown command', async () => {
		expect(await runOk('gt', ['install', 'town'], {cwd: work, env})).toContain(`Created town "town" at ${path.join(work, 'town')}`);
		expect(await runCli('gt', ['config', 'get', 'name', '--json'], {cwd: path.join(work, 'town'), env})).toEqual({code: 0, stdout: '"town"\n', stderr: ''});
		expect(await runCli('gt', ['rgi', 'list'], {cwd: work, env})).toEqual({code: 2, stdout: '', stderr: 'gt: unknown command "rgi list" — did you mean "gt rig list"? (gt --help lists all)\n'});
	});
});

describe('bd, the built binary', () => {
	it('--version and --help', async () => {
		expect(await runCli('bd', ['--version'], {cwd: work, env})).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		const help = await runCli('bd', ['--help'], {cwd: work, env});
		expect(help).toMatchObject({code: 0, stderr: ''});
		expect(help.stdout).toContain('bd dep tree <id>');
	});

	it('writes a bead, reads it back, and exits 3 for one that does not exist', async () => {
		const dir = tempDir('smoke-bd');
		await runOk('bd', ['init', '--prefix', 'sm'], {cwd: dir, env});
		const id = (await runOk('bd', ['create', 'Smoke test', '--silent'], {cwd: dir, env})).trim();
		expect(JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd: dir, env}))[0]).toMatchObject({id, title: 'Smoke test', created_by: 'alice'});
		expect(await runCli('bd', ['show', 'sm-nope'], {cwd: dir, env})).toMatchObject({code: 3, stdout: '', stderr: expect.stringMatching(/^bd: no bead "sm-nope" in ledger sm/)});
	});
});
