import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveProgram, runTool, showCommand} from '../../source/sim/commands.js';
import {tempDir} from '../helpers/cli.js';

describe('resolveProgram', () => {
	it('takes gt and bd from PATH first (the town shims)', () => {
		const bin = path.join(tempDir('sim-bin'), 'bin');
		mkdirSync(bin);
		writeFileSync(path.join(bin, 'gt'), '#!/bin/sh\n');
		chmodSync(path.join(bin, 'gt'), 0o755);
		writeFileSync(path.join(bin, 'bd'), 'not executable');
		expect(resolveProgram('gt', {PATH: `/nonexistent:${bin}`}, '/pkg/dist/gt.js')).toEqual({file: path.join(bin, 'gt'), args: []});
		// Not executable: falls back to the entries next to the running gt.
		expect(resolveProgram('bd', {PATH: bin}, '/pkg/dist/gt.js')).toEqual({file: process.execPath, args: ['/pkg/dist/bd.js']});
		expect(resolveProgram('git', {PATH: bin})).toEqual({file: 'git', args: []});
	});
});

describe('runTool', () => {
	it('reports exit codes and output, never throws', async () => {
		const dir = tempDir('sim-run');
		const result = await runTool('git', ['rev-parse', '--git-dir'], {cwd: dir, env: {PATH: process.env.PATH}});
		expect(result.code).toBe(128);
		expect(result.stderr).toContain('not a git repository');
		const missing = await runTool('git', ['status'], {cwd: dir, env: {PATH: '/nonexistent'}});
		expect(missing).toEqual({code: 127, stdout: '', stderr: 'git: command not found'});
	});
});

describe('showCommand', () => {
	it('quotes only words that need it', () => {
		expect(showCommand('bd', ['create', 'Fix the "login" bug', '--silent'])).toBe('bd create "Fix the \\"login\\" bug" --silent');
		expect(showCommand('gt', ['sling', 'mp-a1b', 'mp/furiosa'])).toBe('gt sling mp-a1b mp/furiosa');
	});
});
