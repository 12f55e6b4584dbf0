// Completion over a real town: command words, flags, fixed choices and live values read
// from the town's ledgers and directories, as `gt __complete` answers the shell.
import {beforeAll, describe, expect, it} from 'vitest';
import {complete} from '../../../source/cli/completion/engine.js';
import {bdRegistry} from '../../../source/cli/registry/bd.js';
import {gtRegistry} from '../../../source/cli/registry/gt.js';
import type {Registry} from '../../../source/cli/spec.js';
import {runInProcessOk} from '../../helpers/in-process.js';
import {tempDir} from '../../helpers/cli.js';
import {envIn, makeTown, type TestTown} from '../../helpers/town.js';

let town: TestTown;
let open: string;
let done: string;
let other: string;
let mail: string;

const values = async (registry: Registry, words: string[], cwd = town.town) => (await complete(registry, words, envIn(town, cwd))).candidates.map(candidate => candidate.value);

beforeAll(async () => {
	town = await makeTown();
	const bd = (args: string[]) => runInProcessOk('bd', args, {cwd: town.rigDir, env: town.vars});
	open = JSON.parse(await bd(['create', 'Fix the login bug', '-t', 'bug', '-l', 'auth', '--json'])).id;
	done = JSON.parse(await bd(['create', 'Old work', '--json'])).id;
	other = JSON.parse(await bd(['create', 'Write docs', '-l', 'docs', '--json'])).id;
	await bd(['close', done, '--reason', 'done']);
	await runInProcessOk('gt', ['crew', 'add', 'max', '--rig', town.rig], {cwd: town.town, env: town.vars});
	await runInProcessOk('gt', ['mail', 'send', '--human', '-s', 'Need a decision', '-m', 'which db?'], {cwd: town.town, env: town.vars});
	mail = JSON.parse(await runInProcessOk('gt', ['mail', 'inbox', 'overseer', '--json'], {cwd: town.town, env: town.vars}))[0].id;
}, 60_000);

describe('completion', () => {
	it('completes command words, with cobra-style prefixes', async () => {
		expect(await values(gtRegistry, ['sl'])).toEqual(['sling']);
		expect(await values(gtRegistry, ['conv', 'li'])).toEqual(['list']);
		expect(await values(gtRegistry, ['mq', ''])).toEqual(expect.arrayContaining(['list', 'status', 'submit', 'retry', 'reject']));
		expect(await values(bdRegistry, ['dep', 't'])).toEqual(['tree']);
	});

	it('completes open bead ids with their titles, and closed ones only when nothing open matches', async () => {
		const {candidates} = await complete(bdRegistry, ['show', ''], envIn(town, town.rigDir));
		expect(candidates).toEqual(expect.arrayContaining([{value: open, description: 'open · Fix the login bug'}, {value: other, description: 'open · Write docs'}]));
		expect(candidates.map(candidate => candidate.value)).not.toContain(done);
		expect(await values(bdRegistry, ['reopen', done], town.rigDir)).toEqual([done]);
		expect(await values(bdRegistry, ['show', open.slice(0, -1)], town.rigDir)).toContain(open);
	});

	it('shows control characters in titles escaped: the shell prints them, and a tab would split the line', async () => {
		const evil = JSON.parse(await runInProcessOk('bd', ['create', 'Evil \x1b[31mred\ttitle', '--json'], {cwd: town.rigDir, env: town.vars})).id;
		const {candidates} = await complete(bdRegistry, ['show', evil], envIn(town, town.rigDir));
		expect(candidates).toEqual([{value: evil, description: 'open · Evil \\e[31mred\\ttitle'}]);
	});

	it('completes what each argument of a gt command takes: beads and formulas, then agents and rigs', async () => {
		const first = await values(gtRegistry, ['sling', '']);
		expect(first).toEqual(expect.arrayContaining([open, other, 'polecat-work']));
		const target = await values(gtRegistry, ['sling', open, '']);
		expect(target).toEqual(expect.arrayContaining(['mayor', town.rig, `${town.rig}/crew/max`]));
		expect(target).not.toContain(open);
		expect(await values(gtRegistry, ['rig', 'remove', ''])).toEqual([town.rig]);
		expect(await values(gtRegistry, ['crew', 'remove', ''])).toEqual(['max']);
		expect(await values(gtRegistry, ['mail', 'read', ''])).toEqual([mail]);
		expect(await values(gtRegistry, ['signal', ''])).toEqual(['working', 'idle', 'waiting', 'done']);
		expect(await values(gtRegistry, ['completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
		expect(await values(gtRegistry, ['mail', 'send', ''])).toEqual(expect.arrayContaining(['mayor/', 'overseer', `${town.rig}/crew/max`, `@rig/${town.rig}`]));
	});

	it('completes flags (not those kept only for the original\'s lines) and flag values in both forms', async () => {
		const reason = await values(bdRegistry, ['close', open, '--re'], town.rigDir);
		expect(reason).toEqual(expect.arrayContaining(['--reason', '--reason-file']));
		expect(reason).not.toContain('--readonly');
		expect(await values(bdRegistry, ['update', open, '--status', ''], town.rigDir)).toEqual(expect.arrayContaining(['open', 'in_progress', 'closed']));
		expect(await values(bdRegistry, ['create', 'x', '--type=b'], town.rigDir)).toEqual(['--type=bug']);
		expect(await values(bdRegistry, ['list', '-l', ''], town.rigDir)).toEqual(['auth', 'docs']);
		expect(await values(gtRegistry, ['sling', open, '--agent', ''])).toContain('sim');
		expect(await values(gtRegistry, ['sling', open, '--agent=c'])).toEqual(expect.arrayContaining(['--agent=claude', '--agent=codex']));
		expect(await values(gtRegistry, ['sling', '--no-c'])).toEqual(['--no-convoy']);
		// A value-taking flag's value is not an argument: the next word is the target again.
		expect(await values(gtRegistry, ['sling', '-s', 'subject', open, 'may'])).toEqual(['mayor']);
	});

	it('asks for file names where the argument is a path, and gives nothing (no error) outside a town', async () => {
		expect(await complete(gtRegistry, ['install', ''], envIn(town, town.town))).toEqual({candidates: [], files: true});
		const outside = tempDir('no-town');
		const env = {...envIn(town, outside), vars: {...town.vars, GT_ROOT: ''}};
		expect((await complete(gtRegistry, ['rig', 'remove', ''], env)).candidates).toEqual([]);
		expect((await complete(bdRegistry, ['show', ''], env)).candidates).toEqual([]);
	});
});
