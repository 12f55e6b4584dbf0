import {readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {git, makeGitRepo, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {generateLedger} from '../../core/beads/generate-ledger.js';

let env: Record<string, string>;
let dir: string;
const bdOk = (args: string[], cwd = dir) => runOk('bd', args, {cwd, env});
const cache = () => path.join(dir, '.beads', '.cache');
const index = () => path.join(cache(), 'index.bin');

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = makeGitRepo(tempDir('bd-index'), env);
	await bdOk(['init', '--prefix', 'gx']);
	const {issues, wisps} = generateLedger(300, 7);
	writeFileSync(path.join(dir, '.beads', 'issues.jsonl'), issues);
	writeFileSync(path.join(dir, '.beads', 'wisps.jsonl'), wisps);
});

describe('bd queries through the read index', () => {
	it('print byte for byte what the full read prints', async () => {
		const ids = readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8').split('\n').filter(line => line.includes('"id":"gx-')).slice(0, 4).map(line => JSON.parse(line).id as string);
		const commands = [
			['ready', '--json'], ['ready'], ['ready', '-n', '0'], ['ready', '--type', 'bug', '--json'], ['ready', '-l', 'b', '--json'],
			['ready', '--assignee', 'alice', '--json'], ['ready', '--unassigned'], ['list', '--json'], ['list', '--all', '--json'],
			['list', '--ephemeral', '--json'], ['list', '-s', 'deferred,closed'], ['list', '-p', '1', '--json'], ['list', '-n', '0'],
			['blocked', '--json'], ['blocked'], ['stats', '--json'], ['stats'], ['show', ...ids, '--json'], ['show', ids[0]!],
		];
		for (const command of commands) {
			rmSync(cache(), {recursive: true, force: true});
			const full = await bdOk(command); // no index: the full read, which builds the index
			const before = statSync(index());
			const indexed = await bdOk(command);
			expect(indexed, `bd ${command.join(' ')}`).toBe(full);
			// A hit leaves the index as it was (a miss would have rebuilt it).
			expect(statSync(index()).ino).toBe(before.ino);
		}
	});

	it('see a write at once, and a hand edit as soon as it is made', async () => {
		await bdOk(['ready', '--json']);
		const created = (await bdOk(['create', 'Fresh from a write', '-p', '0', '--silent'])).trim();
		expect(JSON.parse(await bdOk(['ready', '--json'])).map((bead: {id: string}) => bead.id)).toContain(created);
		const file = path.join(dir, '.beads', 'issues.jsonl');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/"title":"Fresh from a write"/, '"title":"Edited by hand"'));
		expect(JSON.parse(await bdOk(['show', created, '--json']))[0].title).toBe('Edited by hand');
		expect(await bdOk(['list', '-p', '0'])).toContain('Edited by hand');
	});

	it('keep working when the cache cannot be written', async () => {
		rmSync(cache(), {recursive: true, force: true});
		writeFileSync(cache(), 'a file where the cache directory would go');
		try {
			const ready = JSON.parse(await bdOk(['ready', '--json']));
			expect(ready.length).toBeGreaterThan(0);
			await bdOk(['create', 'Written without a cache']);
			expect(await bdOk(['list', '-n', '0'])).toContain('Written without a cache');
		} finally {
			rmSync(cache(), {force: true});
		}
	});

	it('bd init ignores runtime files, and the cache never shows in git status', async () => {
		expect(readFileSync(path.join(dir, '.beads', '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['.cache/', '.lock*', '*.tmp', 'wisps.jsonl']));
		await bdOk(['ready']);
		const status = git(dir, ['status', '--porcelain', '--untracked-files=all'], env);
		expect(status).not.toContain('.cache');
		expect(status).not.toContain('wisps.jsonl');
		expect(status).toContain('.beads/issues.jsonl');
	});
});
