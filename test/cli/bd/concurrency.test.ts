import {spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
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

	it('on a ledger large enough to journal, killed appenders leave only whole lines and every acknowledged write lands', async () => {
		const env = testEnv();
		const dir = tempDir('journaled');
		await runOk('bd', ['init', '--prefix', 'jk'], {cwd: dir, env});
		// ~400 KiB of beads: past the size below which every write folds at once.
		const filler = 'x'.repeat(300);
		const lines = Array.from({length: 1200}, (_, index) => JSON.stringify({id: `jk-${(10_000 + index).toString(36)}`, title: `filler ${index}`, description: filler, status: 'closed', priority: 2, issue_type: 'task', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', closed_at: '2025-01-01T00:00:00Z'}));
		const issues = path.join(dir, '.beads', 'issues.jsonl');
		writeFileSync(issues, `${lines.join('\n')}\n`);
		const journal = path.join(dir, '.beads', 'journal.jsonl');
		const acknowledged: string[] = [];
		for (let round = 0; round < 10; round++) {
			const runs = Array.from({length: 3}, (_, index) => ({title: `round ${round} writer ${index}`, run: start(['create', `round ${round} writer ${index}`], dir, env)}));
			setTimeout(() => runs[round % 3]!.run.child.kill('SIGKILL'), 30 + round * 20);
			for (const {title, run} of runs) if ((await run.done).code === 0) acknowledged.push(title);
			// Whole lines, but for at most a torn last one without its newline.
			const text = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
			const whole = text.slice(0, text.lastIndexOf('\n') + 1);
			for (const line of whole.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
		}
		expect(readFileSync(issues, 'utf8')).toBe(`${lines.join('\n')}\n`); // the journal took every write
		await runOk('bd', ['create', 'after the storm'], {cwd: dir, env});
		expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true); // a torn tail was cut off
		const listed = new Set((JSON.parse(await runOk('bd', ['list', '--json', '-n', '0'], {cwd: dir, env})) as Array<{title: string}>).map(bead => bead.title));
		for (const title of [...acknowledged, 'after the storm']) expect(listed).toContain(title);
		// 30 at once on the journal: nothing lost.
		const many = await Promise.all(Array.from({length: 30}, (_, index) => start(['create', `many ${index}`], dir, env).done));
		expect(many.filter(result => result.code !== 0)).toEqual([]);
		const after = (JSON.parse(await runOk('bd', ['list', '--json', '-n', '0'], {cwd: dir, env})) as Array<{title: string}>).map(bead => bead.title);
		expect(after.filter(title => title.startsWith('many '))).toHaveLength(30);
		expect(existsSync(path.join(dir, '.beads', '.lock'))).toBe(false);
	});
});
