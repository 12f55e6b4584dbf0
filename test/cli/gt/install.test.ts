import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {git, runCli, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

describe('gt install', () => {
	it('creates a town and says what to do next', async () => {
		const env = testEnv();
		const parent = tempDir();
		const result = await runCli('gt', ['install', 'gt', '--owner', 'me@x.org'], {cwd: parent, env});
		const root = path.join(parent, 'gt');
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout.split('\n')[0]).toBe(`Created town "gt" at ${root}`);
		expect(result.stdout).toContain('gt rig add <name> <url-or-path>');
		expect(readFileSync(path.join(root, 'town.toml'), 'utf8')).toMatch(/^owner = "me@x\.org"$/m);
		expect(readFileSync(path.join(root, '.beads', 'routes.jsonl'), 'utf8')).toBe('{"prefix":"hq-","path":"."}\n{"prefix":"hq-cv-","path":"."}\n');
	});

	it('refuses to install twice (exit 4) and changes nothing', async () => {
		const env = testEnv();
		const parent = tempDir();
		await runCli('gt', ['install', 'gt'], {cwd: parent, env});
		const root = path.join(parent, 'gt');
		const before = readFileSync(path.join(root, 'town.toml'), 'utf8');
		const entries = readdirSync(root).sort();
		const again = await runInProcess('gt', ['install', root, '--git', '--name', 'other'], {cwd: parent, env});
		expect(again.code).toBe(4);
		expect(again.stdout).toBe('');
		expect(again.stderr).toBe(`gt: ${root} is already a town — use it, or install somewhere else\n`);
		expect(readFileSync(path.join(root, 'town.toml'), 'utf8')).toBe(before);
		expect(readdirSync(root).sort()).toEqual(entries);
	});

	it('with no path installs in the current directory, and refuses it once it is a town', async () => {
		const env = testEnv();
		const here = path.join(tempDir(), 'fresh');
		mkdirSync(here);
		const result = await runCli('gt', ['install', '--git'], {cwd: here, env});
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout.split('\n')[0]).toBe(`Created town "fresh" at ${here}`);
		expect(existsSync(path.join(here, 'town.toml'))).toBe(true);
		expect(existsSync(path.join(here, '.git'))).toBe(true);
		const entries = readdirSync(here).sort();
		const again = await runInProcess('gt', ['install'], {cwd: here, env});
		expect(again.code).toBe(4);
		expect(again.stderr).toBe(`gt: ${here} is already a town — use it, or install somewhere else\n`);
		expect(readdirSync(here).sort()).toEqual(entries);
	});

	it('refuses a path inside a town', async () => {
		const env = testEnv();
		const parent = tempDir();
		await runCli('gt', ['install', 'gt'], {cwd: parent, env});
		const inner = await runInProcess('gt', ['install', 'nested'], {cwd: path.join(parent, 'gt', 'mayor'), env});
		expect(inner.code).toBe(4);
		expect(inner.stderr).toContain(`is inside the town at ${path.join(parent, 'gt')}`);
		expect(existsSync(path.join(parent, 'gt', 'mayor', 'nested'))).toBe(false);
	});

	it('refuses a bad town name with exit 2', async () => {
		const env = testEnv();
		const parent = tempDir();
		const result = await runInProcess('gt', ['install', 'gt', '--name', 'has space'], {cwd: parent, env});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('gt: invalid town name "has space": it contains whitespace — use letters, digits, "_" and "-" only\n');
		expect(existsSync(path.join(parent, 'gt'))).toBe(false);
	});

	it('with --git makes a repository with one clean commit', async () => {
		const env = testEnv();
		const parent = tempDir();
		const result = await runCli('gt', ['install', 'gt', '--git'], {cwd: parent, env});
		expect(result.code).toBe(0);
		const root = path.join(parent, 'gt');
		expect(git(root, ['log', '--format=%s'], env)).toBe('Create town gt');
		expect(git(root, ['status', '--porcelain', '--untracked-files=all'], env)).toBe('');
		expect(result.stdout).toMatch(/git {4}repository with first commit [0-9a-f]{7,}/);
	});
});
