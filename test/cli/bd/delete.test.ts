// bd delete as the original has it: a preview unless --force (and not --dry-run),
// --cascade takes the dependents too, --from-file reads ids; a typo deletes nothing.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

let env: Record<string, string>;
let dir: string;
const bd = (args: string[]) => runCli('bd', args, {cwd: dir, env});
const make = async (...args: string[]) => (await runOk('bd', ['create', ...args, '--silent'], {cwd: dir, env})).trim();
const ledger = () => readFileSync(path.join(dir, '.beads', 'issues.jsonl'), 'utf8');

beforeEach(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-delete');
	await runOk('bd', ['init', '--prefix', 'dl'], {cwd: dir, env});
});

describe('bd delete', () => {
	it('--cascade previews and then deletes the dependents, recursively', async () => {
		const base = await make('Base');
		const middle = await make('Middle', '--deps', `blocks:${base}`);
		const top = await make('Top', '--deps', `blocks:${middle}`);
		const other = await make('Other');
		const before = ledger();
		const preview = await bd(['delete', base, '--cascade', '--force', '--dry-run']);
		expect(preview.stdout).toContain(`Would delete ${top}`);
		expect(ledger()).toBe(before);
		expect((await bd(['delete', base, '--cascade', '--force'])).code).toBe(0);
		for (const id of [base, middle, top]) expect(ledger()).not.toContain(`"id":"${id}"`);
		expect(ledger()).toContain(`"id":"${other}"`);
	});

	it('--from-file reads ids (blank lines and # comments skipped); an unknown id deletes nothing', async () => {
		const [a, b] = [await make('A'), await make('B')];
		writeFileSync(path.join(dir, 'ids.txt'), `${a}\n\n# keep going\n${b}\n`);
		const before = ledger();
		writeFileSync(path.join(dir, 'bad.txt'), `${a}\ndl-nosuch\n`);
		const bad = await bd(['delete', '--from-file', 'bad.txt', '--force']);
		expect(bad.code).toBe(3);
		expect(bad.stderr).toContain('dl-nosuch');
		expect(ledger()).toBe(before);
		expect((await bd(['delete', '--from-file', 'ids.txt', '--force'])).code).toBe(0);
		expect(ledger()).not.toContain(`"id":"${a}"`);
		expect(ledger()).not.toContain(`"id":"${b}"`);
		const missing = await bd(['delete', '--from-file', 'nope.txt']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/cannot read --from-file nope.txt/);
	});
});
