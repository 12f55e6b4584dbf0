// What enters the ledger is checked where it enters: imported ids and dependency
// targets get the `bd create --id` rule, dependency types must be known ones, and
// every refusal says what to do.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

const env = testEnv();
let dir: string;
const bd = (...args: string[]) => runInProcess('bd', args, {cwd: dir, env});
const line = (record: Record<string, unknown>) => JSON.stringify({title: 't', status: 'open', priority: 2, issue_type: 'task', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...record});

beforeAll(async () => {
	dir = tempDir('entry');
	await bd('init', '--prefix', 'mp');
});

describe('bd import', () => {
	it('refuses ids and dependency targets that bd create --id refuses, naming file and line; writes nothing', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{id: '../evil'}, 'invalid bead id "../evil"'],
			[{id: 'mp-a/b'}, 'invalid bead id "mp-a/b"'],
			[{id: 'mp-$(touch pwned)'}, 'invalid bead id "mp-$(touch pwned)"'],
			[{id: 'mp-ok2', dependencies: [{issue_id: 'mp-ok2', depends_on_id: '../../etc', type: 'blocks', created_at: '2026-01-01T00:00:00Z'}]}, 'invalid dependency target "../../etc"'],
		];
		for (const [record, problem] of cases) {
			const file = path.join(tempDir('import'), 'in.jsonl');
			writeFileSync(file, `${line({id: 'mp-good'})}\n${line(record)}\n`);
			const result = await bd('import', file);
			expect(result, problem).toEqual({code: 2, stdout: '', stderr: `bd: ${file}:2: ${problem} — ${problem.includes('target') ? 'a bead id like mp-a1b, or external:<project>:<capability>' : 'ids look like <prefix>-<letters/digits>, e.g. mp-a1b'}\n`});
		}
		expect(JSON.parse((await bd('list', '--json', '--all')).stdout)).toEqual([]);
		// The same rule as bd create --id.
		expect((await bd('create', 'x', '--id', '../evil')).stderr).toBe('bd: invalid bead id "../evil" — ids look like <prefix>-<letters/digits>, e.g. mp-a1b\n');
	});

	it('still imports good ids, children and external dependencies', async () => {
		const file = path.join(tempDir('import'), 'in.jsonl');
		writeFileSync(file, `${line({id: 'mp-e1'})}\n${line({id: 'mp-e1.1', dependencies: [{issue_id: 'mp-e1.1', depends_on_id: 'external:proj:auth', type: 'blocks', created_at: '2026-01-01T00:00:00Z'}]})}\n`);
		expect((await bd('import', file)).code).toBe(0);
		expect((JSON.parse((await bd('list', '--json')).stdout) as Array<{id: string}>).map(bead => bead.id).sort()).toEqual(['mp-e1', 'mp-e1.1']);
	});
});

describe('bd dep add and bd create', () => {
	it('refuses an unknown dependency type with the known ones, and a self-dependency with what to do', async () => {
		const a = (await bd('create', 'A', '--silent')).stdout.trim();
		const b = (await bd('create', 'B', '--silent')).stdout.trim();
		const nonsense = await bd('dep', 'add', a, b, '--type', 'nonsense');
		expect(nonsense).toEqual({code: 2, stdout: '', stderr: 'bd: unknown dependency type "nonsense" — types: blocks, conditional-blocks, parent-child, waits-for, related, relates-to, tracks, discovered-from, replies-to, duplicates, supersedes\n'});
		const [shown] = JSON.parse((await bd('show', a, '--json')).stdout) as Array<{dependencies?: unknown[]}>;
		expect(shown!.dependencies ?? []).toEqual([]);
		expect(await bd('dep', 'add', a, a)).toEqual({code: 2, stdout: '', stderr: `bd: ${a} cannot depend on itself — name the bead it waits for: bd dep add <id> <other-id>\n`});
		expect((await bd('dep', 'add', a, b, '--type', 'related')).code).toBe(0);
	});

	it('says the priority rule for a negative or out-of-range priority', async () => {
		for (const value of ['-1', '5', 'P9']) {
			const result = await bd('create', 'x', '-p', value);
			expect(result.code, value).toBe(2);
			expect(result.stderr, value).toMatch(/^bd: invalid priority "[^"]+" — use 0-4 or P0-P4 \(0 is most urgent\)\n$/);
		}
	});
});
