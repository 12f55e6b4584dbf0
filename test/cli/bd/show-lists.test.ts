// bd show's list forms from the original: --short, --children, --refs, --thread.
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

let env: Record<string, string>;
let dir: string;
const bdOk = (...args: string[]) => runOk('bd', args, {cwd: dir, env});
const make = async (...args: string[]) => (await bdOk('create', ...args, '--silent')).trim();

beforeAll(async () => {
	env = testEnv(undefined, {BD_ACTOR: 'alice'});
	dir = tempDir('bd-show-lists');
	await bdOk('init', '--prefix', 'sl');
});

describe('bd show --short, --children, --refs, --thread', () => {
	it('lists what each names, as rows or records', async () => {
		const epic = await make('Epic', '-t', 'epic');
		const child = await make('Child', '--parent', epic);
		const blocked = await make('Waits for the epic', '--deps', `blocks:${epic}`);
		expect((await bdOk('show', epic, child, '--short')).trim().split('\n')).toHaveLength(2);
		const children = JSON.parse(await bdOk('show', epic, '--children', '--json')) as Array<{id: string}>;
		expect(children.map(bead => bead.id)).toEqual([child]);
		const refs = JSON.parse(await bdOk('show', epic, '--refs', '--json')) as Array<{id: string}>;
		expect(refs.map(bead => bead.id).sort()).toEqual([child, blocked].sort());
		expect(await bdOk('show', child, '--children')).toBe('No children.\n');

		const message = await make('Question', '-t', 'message');
		const reply = await make('Re: Question', '-t', 'message');
		await bdOk('dep', 'add', reply, message, '-t', 'replies-to');
		const thread = (await bdOk('show', message, '--thread')).trim().split('\n');
		expect(thread[0]).toContain('Question');
		expect(thread[1]).toContain('Re: Question');

		const noted = await runCli('bd', ['show', epic, '--include-dependents', '--json'], {cwd: dir, env});
		expect(noted.code).toBe(0);
		expect(noted.stderr).toBe('bd: --include-dependents ignored: dependents are always in bd show --json here\n');
		expect((JSON.parse(noted.stdout) as Array<{dependents: Array<{id: string}>}>)[0]!.dependents.map(item => item.id).sort()).toEqual([child, blocked].sort());
	});
});
