import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {readRoutes} from '../../../source/core/beads/routes.js';
import {readTownConfig} from '../../../source/core/town/town-config.js';
import type {Environment} from '../../../source/core/base/environment.js';
import {GtError} from '../../../source/core/base/errors.js';
import {installTown} from '../../../source/core/town/install.js';
import {git, tempDir, testEnv} from '../../helpers/cli.js';

function environment(cwd: string, vars = testEnv()): Environment {
	return {cwd, home: vars.HOME!, vars, now: () => new Date('2026-01-02T03:04:05.000Z')};
}

async function refusal(promise: Promise<unknown>): Promise<GtError> {
	const error = await promise.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(GtError);
	return error as GtError;
}

describe('installTown', () => {
	it('creates config, the HQ ledger, routes and directories', async () => {
		const parent = tempDir();
		const result = await installTown({path: 'gt'}, environment(parent));
		const root = path.join(parent, 'gt');
		expect(result).toMatchObject({root, name: 'gt', owner: 'test@example.com', git: false});
		expect(readTownConfig(root)).toMatchObject({name: 'gt', owner: 'test@example.com', created_at: '2026-01-02T03:04:05.000Z', default_agent: 'claude'});
		expect(Ledger.open(path.join(root, '.beads')).prefix).toBe('hq');
		expect(readRoutes(root)).toEqual([{prefix: 'hq-', path: '.'}, {prefix: 'hq-cv-', path: '.'}]);
		for (const dir of ['mayor', '.runtime', '.beads/formulas']) expect(existsSync(path.join(root, dir))).toBe(true);
		expect(existsSync(path.join(root, '.git'))).toBe(false);
	});

	it('takes --name and --owner, and validates the name', async () => {
		const parent = tempDir();
		await installTown({path: 'a', name: 'home-base', owner: 'me@x.org'}, environment(parent));
		expect(readTownConfig(path.join(parent, 'a'))).toMatchObject({name: 'home-base', owner: 'me@x.org'});
		const error = await refusal(installTown({path: 'b', name: 'a/b'}, environment(parent)));
		expect(error.kind).toBe('usage');
		expect(existsSync(path.join(parent, 'b'))).toBe(false);
	});

	it('with git: a repository with one commit of config and durable ledgers, and a clean status', async () => {
		const parent = tempDir();
		const env = environment(parent);
		const result = await installTown({path: 'gt', git: true}, env);
		const root = path.join(parent, 'gt');
		expect(result.commit).toMatch(/^[0-9a-f]{7,}$/);
		expect(git(root, ['log', '--format=%s'], env.vars as Record<string, string>)).toBe('Create town gt');
		expect(git(root, ['ls-files'], env.vars as Record<string, string>).split('\n').sort()).toEqual(
			['.beads/config.toml', '.beads/issues.jsonl', '.beads/routes.jsonl', '.gitattributes', '.gitignore', 'town.toml'],
		);
		expect(git(root, ['status', '--porcelain', '--untracked-files=all'], env.vars as Record<string, string>)).toBe('');
		const ignore = readFileSync(path.join(root, '.gitignore'), 'utf8');
		for (const pattern of ['.runtime/', '**/.beads/wisps.jsonl', '*/.repo.git/', '*/crew/', '*/polecats/', '*/refinery/', '.events.jsonl']) {
			expect(ignore.split('\n')).toContain(pattern);
		}
	});

	it('refuses an existing town and changes nothing', async () => {
		const parent = tempDir();
		const env = environment(parent);
		await installTown({path: 'gt'}, env);
		const root = path.join(parent, 'gt');
		const before = readFileSync(path.join(root, 'town.toml'), 'utf8');
		const error = await refusal(installTown({path: 'gt', name: 'other'}, env));
		expect(error.kind).toBe('conflict');
		expect(error.message).toBe(`${root} is already a town`);
		expect(readFileSync(path.join(root, 'town.toml'), 'utf8')).toBe(before);
	});

	it('refuses a path inside a town', async () => {
		const parent = tempDir();
		const env = environment(parent);
		await installTown({path: 'gt'}, env);
		const error = await refusal(installTown({path: 'gt/sub/inner'}, env));
		expect(error.kind).toBe('conflict');
		expect(error.message).toContain(`inside the town at ${path.join(parent, 'gt')}`);
		expect(existsSync(path.join(parent, 'gt', 'sub'))).toBe(false);
	});

	it('installs into an existing directory, keeping its files and .gitignore lines', async () => {
		const parent = tempDir();
		const root = path.join(parent, 'gt');
		mkdirSync(root);
		writeFileSync(path.join(root, 'NOTES.md'), 'mine\n');
		writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
		const result = await installTown({path: root, git: true}, environment(parent));
		expect(result.existingFiles).toBe(2);
		expect(readFileSync(path.join(root, 'NOTES.md'), 'utf8')).toBe('mine\n');
		const ignore = readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n');
		expect(ignore[0]).toBe('node_modules/');
		expect(ignore).toContain('.runtime/');
	});

	it('undoes everything when a step fails', async () => {
		const parent = tempDir();
		const root = path.join(parent, 'gt');
		mkdirSync(root);
		writeFileSync(path.join(root, 'keep.txt'), 'x');
		// A file where the HQ ledger directory should go makes Ledger.init fail half-way.
		writeFileSync(path.join(root, '.beads'), 'in the way');
		await expect(installTown({path: root}, environment(parent))).rejects.toThrow();
		expect(readdirSync(root).sort()).toEqual(['.beads', 'keep.txt']);

		const fresh = path.join(parent, 'fresh');
		const vars = {...testEnv(), PATH: '/nonexistent'};
		await expect(installTown({path: fresh, git: true}, environment(parent, vars))).rejects.toThrow();
		expect(existsSync(fresh)).toBe(false);
	});
});
