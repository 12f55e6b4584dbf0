import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

const fixture = path.join(repoRoot, 'fixtures', 'beads', 'beads-export.jsonl');

describe('bd import / export', () => {
	it('imports a Beads export, keeps unknown keys, and exports lines Beads reads back', async () => {
		const env = testEnv();
		const dir = tempDir('import');
		await runOk('bd', ['init', '--prefix', 'mp'], {cwd: dir, env});
		const report = JSON.parse(await runOk('bd', ['import', fixture, '--json'], {cwd: dir, env}));
		expect(report).toMatchObject({created: 3, skipped: 0});
		expect(report.created_ids.sort()).toEqual(['bd-main-a1b', 'bd-main-c3d', 'bd-main-idj']);

		const [idj] = JSON.parse(await runOk('bd', ['show', 'bd-main-idj', '--json'], {cwd: dir, env}));
		expect(idj).toMatchObject({estimated_minutes: 90, external_ref: 'gh-9', source_system: 'github', owner: 'maphew@gmail.com'});
		expect(idj.comments[0]).toMatchObject({id: 7, author: 'matt'});
		expect(idj.blocked_by).toEqual(['bd-main-a1b']);

		const exported = await runOk('bd', ['export'], {cwd: dir, env});
		const lines = exported.trim().split('\n').map(line => JSON.parse(line));
		// The counts the original's export adds are computed, never stored.
		expect(lines.find(line => line.id === 'bd-main-idj')).not.toHaveProperty('dependency_count');
		expect(lines.map(line => line.id)).toEqual(['bd-main-a1b', 'bd-main-c3d', 'bd-main-idj']);
		expect(lines[0]).toMatchObject({metadata: {sprint: '42', points: 3}, mol_type: 'work', created_at: '2025-11-25T14:56:49.13027-08:00'});
		expect(lines[1]).toMatchObject({hook_bead: 'bd-main-legacy', agent_state: 'idle', closed_at: '2026-03-02T09:00:00Z'});
		// Beads' minimal reader needs these on every line.
		for (const line of lines) for (const key of ['id', 'title', 'status', 'priority', 'issue_type', 'created_at', 'updated_at']) expect(line).toHaveProperty(key);

		// A second ledger importing our export ends up with the same beads.
		const other = tempDir('import-again');
		await runOk('bd', ['init', '--prefix', 'zz'], {cwd: other, env});
		const out = path.join(other, 'from-first.jsonl');
		writeFileSync(out, exported);
		await runOk('bd', ['import', out], {cwd: other, env});
		expect(await runOk('bd', ['export'], {cwd: other, env})).toBe(exported);
	});

	it('upserts: a newer line updates, an older one is skipped, a repeat changes nothing', async () => {
		const env = testEnv();
		const dir = tempDir('upsert');
		await runOk('bd', ['init', '--prefix', 'mp'], {cwd: dir, env});
		await runOk('bd', ['import', fixture], {cwd: dir, env});
		const again = JSON.parse(await runOk('bd', ['import', fixture, '--json'], {cwd: dir, env}));
		expect(again).toMatchObject({created: 0, updated: 0, unchanged: 3, ids: []});

		const newer = path.join(dir, 'newer.jsonl');
		writeFileSync(newer, [
			'{"id":"bd-main-a1b","title":"Measure render time (p95)","status":"open","priority":1,"issue_type":"task","created_at":"2025-11-25T14:56:49Z","updated_at":"2026-05-01T00:00:00Z"}',
			'{"id":"bd-main-c3d","title":"stale title","status":"open","priority":0,"issue_type":"feature","created_at":"2026-03-01T09:00:00Z","updated_at":"2026-01-01T00:00:00Z"}',
		].join('\n'));
		const dry = JSON.parse(await runOk('bd', ['import', newer, '--dry-run', '--json'], {cwd: dir, env}));
		expect(dry).toMatchObject({updated: 1, updated_ids: ['bd-main-a1b'], skipped: 1, stale_skipped_ids: ['bd-main-c3d'], dry_run: true});
		expect(JSON.parse(await runOk('bd', ['show', 'bd-main-a1b', '--json'], {cwd: dir, env}))[0].title).toBe('Measure render time');
		await runOk('bd', ['import', newer], {cwd: dir, env});
		expect(JSON.parse(await runOk('bd', ['show', 'bd-main-a1b', '--json'], {cwd: dir, env}))[0].title).toBe('Measure render time (p95)');
		expect(JSON.parse(await runOk('bd', ['show', 'bd-main-c3d', '--json'], {cwd: dir, env}))[0].title).toBe('Ship the renderer');
	});

	it('a bad line stops the import before anything is written', async () => {
		const env = testEnv();
		const dir = tempDir('bad-import');
		await runOk('bd', ['init', '--prefix', 'mp'], {cwd: dir, env});
		const bad = path.join(dir, 'bad.jsonl');
		writeFileSync(bad, `${readFileSync(fixture, 'utf8').split('\n').slice(0, 3).join('\n')}\n{"id": broken\n`);
		const result = await runInProcess('bd', ['import', bad], {cwd: dir, env});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`${bad}:4: not valid JSON`);
		expect(readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8')).toBe('');
	});

	it('export -o writes the file and leaves ephemeral beads out unless asked', async () => {
		const env = testEnv();
		const dir = tempDir('export');
		await runOk('bd', ['init', '--prefix', 'mp'], {cwd: dir, env});
		await runOk('bd', ['create', 'durable'], {cwd: dir, env});
		await runOk('bd', ['create', 'a wisp', '--ephemeral'], {cwd: dir, env});
		await runOk('bd', ['export', '-o', 'out.jsonl'], {cwd: dir, env});
		expect(readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
		expect((await runOk('bd', ['export', '--ephemeral'], {cwd: dir, env})).trim().split('\n')).toHaveLength(2);
		expect(readFileSync(path.join(dir, '.beads', 'wisps.jsonl'), 'utf8')).toContain('a wisp');
	});
});
