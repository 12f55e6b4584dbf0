import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {binaries, runOk, tempDir, testEnv} from '../../helpers/cli.js';

function start(args: string[], cwd: string, env: Record<string, string>) {
	const child = spawn(process.execPath, [binaries.bd, ...args], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += chunk;
	});
	const done = new Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>(resolve => {
		child.on('exit', (code, signal) => resolve({code, signal, stderr}));
	});
	return {child, done};
}

describe('many writers at once', () => {
	it('30 processes creating and updating one ledger lose nothing', async () => {
		const env = testEnv();
		const dir = tempDir('concurrent');
		await runOk('bd', ['init', '--prefix', 'cc'], {cwd: dir, env});
		const target = (await runOk('bd', ['create', 'shared target', '--silent'], {cwd: dir, env})).trim();
		const runs = Array.from({length: 30}, (_, index) => index % 3 === 2
			? start(['update', target, '--add-label', `l${index}`], dir, env)
			: start(['create', `bead ${index}`], dir, env));
		const results = await Promise.all(runs.map(run => run.done));
		expect(results.filter(result => result.code !== 0)).toEqual([]);
		const beads = readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line));
		expect(beads).toHaveLength(21);
		expect(new Set(beads.map(bead => bead.title)).size).toBe(21);
		const labels = beads.find(bead => bead.id === target).labels;
		expect(labels).toHaveLength(10);
		expect(existsSync(path.join(dir, '.beads', '.lock'))).toBe(false);
	});

	it('writers killed at random moments never leave a broken file or a stuck lock', async () => {
		const env = testEnv();
		const dir = tempDir('killed');
		await runOk('bd', ['init', '--prefix', 'kk'], {cwd: dir, env});
		const file = path.join(dir, '.beads', 'issues.jsonl');
		let finished = 0;
		for (let round = 0; round < 12; round++) {
			const runs = Array.from({length: 4}, (_, index) => start(['create', `round ${round} writer ${index}`], dir, env));
			// Kill one writer after a varying delay: before, during or after its transaction.
			setTimeout(() => runs[round % 4]!.child.kill('SIGKILL'), 20 + round * 15);
			const results = await Promise.all(runs.map(run => run.done));
			finished += results.filter(result => result.code === 0).length;
			for (const result of results) if (result.signal === null) expect(result.stderr).toBe('');
			const lines = readFileSync(file, 'utf8').trim().split('\n');
			for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
		}
		// Every writer that reported success is in the file, and the ledger still takes writes.
		await runOk('bd', ['create', 'after the storm'], {cwd: dir, env});
		const count = readFileSync(file, 'utf8').trim().split('\n').length;
		expect(count).toBeGreaterThanOrEqual(finished + 1);
		expect(count).toBeLessThanOrEqual(12 * 4 + 1);
	});
});
