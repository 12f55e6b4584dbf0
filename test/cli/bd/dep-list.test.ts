import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';

describe('bd dep list / dep tree name a target the ledger lacks for what it is', () => {
	it('an id with this ledger\'s prefix is missing; another prefix is in another ledger', async () => {
		const env = testEnv();
		const cwd = tempDir('deps');
		const bd = (args: string[]) => runInProcess('bd', args, {cwd, env});
		const init = await bd(['init', '--prefix', 'zz']);
		expect(init.stderr).toBe('');
		const id = (await bd(['create', 'Has two dependencies', '--silent'])).stdout.trim();
		// Dependencies whose targets are not here, as a hand edit or a merge can leave them.
		const file = path.join(cwd, '.beads', 'issues.jsonl');
		const [line] = readFileSync(file, 'utf8').split('\n');
		const bead = JSON.parse(line!) as Record<string, unknown>;
		const now = new Date().toISOString();
		bead.dependencies = [
			{issue_id: id, depends_on_id: 'zz-gone', type: 'blocks', created_at: now},
			{issue_id: id, depends_on_id: 'other-abc', type: 'blocks', created_at: now},
		];
		writeFileSync(file, `${JSON.stringify(bead)}\n`);
		const list = await bd(['dep', 'list', id]);
		expect(list.stdout).toContain('zz-gone  (missing from this ledger)');
		expect(list.stdout).toContain('other-abc  (in another ledger)');
		const tree = await bd(['dep', 'tree', id]);
		expect(tree.stdout).toContain('zz-gone (missing from this ledger)');
		expect(tree.stdout).toContain('other-abc (in another ledger)');
	});
});
