// Role logic against the `gt hook`/`gt done`/`gt sling` JSON contract, with a tiny
// fake `gt` and `bd` first on PATH (test-only) and a real git repository.
import {EventEmitter} from 'node:events';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {runSim} from '../../source/sim/sim-agent.js';
import {git, makeGitRepo, tempDir, testEnv} from '../helpers/cli.js';
import {isIdle, SimTerminal} from './sim-terminal.js';

const sims: SimTerminal[] = [];
afterEach(() => {
	for (const sim of sims.splice(0)) sim.kill();
});

// Each call is logged as "<cwd>|arg|arg|…"; answers come from files the test writes.
const fakeGt = `#!/bin/sh
printf '%s|' "$PWD" "$@" >> "$FAKE/gt.log"; echo >> "$FAKE/gt.log"
case "$1" in
hook) cat "$FAKE/hook.json" ;;
rig) cat "$FAKE/rigs.json" ;;
done) if [ -f "$FAKE/done-fails" ]; then echo "gt: nothing to finish — commit first" >&2; exit 4; fi; echo "Done: merge request queued"; echo "Your hook is clear." ;;
sling) shift; echo "Slung $* (fake)" ;;
signal) ;;
*) echo "fake gt: $*" >&2; exit 2 ;;
esac
`;
const fakeBd = `#!/bin/sh
printf '%s|' "$PWD" "$@" >> "$FAKE/bd.log"; echo >> "$FAKE/bd.log"
n=$(wc -l < "$FAKE/bd.log" | tr -d ' ')
echo "mp-t$n"
`;

type Setup = {sim: SimTerminal; repo: string; fake: string; log: (program?: 'gt' | 'bd') => string[][]};

function fakeTools(home: string): string {
	const fake = path.join(home, 'fake');
	mkdirSync(path.join(fake, 'bin'), {recursive: true});
	writeFileSync(path.join(fake, 'bin', 'gt'), fakeGt);
	writeFileSync(path.join(fake, 'bin', 'bd'), fakeBd);
	chmodSync(path.join(fake, 'bin', 'gt'), 0o755);
	chmodSync(path.join(fake, 'bin', 'bd'), 0o755);
	return fake;
}

function start(options: {role?: string; hook?: unknown; rigs?: unknown; env?: Record<string, string>; args?: string[]; repo?: string; rows?: number} = {}): Setup {
	const home = tempDir('sim-role');
	const fake = fakeTools(home);
	const env = testEnv(home, {
		TERM: 'xterm-256color',
		FAKE: fake,
		PATH: `${path.join(fake, 'bin')}:${process.env.PATH}`,
		GT_SIM_SPEED: '10',
		...(options.role ? {GT_ROLE: options.role} : {}),
		GT_AGENT: 'mp/polecats/furiosa',
		GT_ROOT: path.join(home, 'town'),
		...options.env,
	});
	const repo = options.repo ?? makeGitRepo(path.join(home, 'worktree'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
	setHook(fake, options.hook ?? {address: 'mp/polecats/furiosa', bead: null, worktree: repo, branch: 'polecat/furiosa/mp-a1b'});
	writeFileSync(path.join(fake, 'rigs.json'), JSON.stringify(options.rigs ?? []));
	const sim = new SimTerminal({cwd: repo, env, args: options.args, rows: options.rows});
	sims.push(sim);
	const log = (program: 'gt' | 'bd' = 'gt') => {
		const file = path.join(fake, `${program}.log`);
		return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => line.split('|').slice(0, -1)) : [];
	};
	return {sim, repo, fake, log};
}

function setHook(fake: string, hook: unknown): void {
	writeFileSync(path.join(fake, 'hook.json'), JSON.stringify(hook));
}

const bead = (repo: string, title = 'Fix rounding in src/calc.js') => ({address: 'mp/polecats/furiosa', bead: {id: 'mp-a1b', title, description: 'Round to cents.', status: 'hooked'}, worktree: repo, branch: 'polecat/furiosa/mp-a1b'});
const idleWith = (text: string) => (screen: string) => isIdle(screen) && screen.includes(text);

describe('polecat', () => {
	it('works its hook at start: reads, edits the named file, commits, runs gt done', async () => {
		const home = tempDir('sim-polecat');
		const env = testEnv(home);
		const repo = makeGitRepo(path.join(home, 'wt'), env, {'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n'});
		const {sim, log} = start({role: 'polecat', hook: bead(repo), repo});
		const screen = await sim.waitFor(idleWith('handed to the merge queue'));
		expect(screen).toContain('● Update(src/calc.js)');
		expect(screen).toContain('● Bash(git commit -m "Fix rounding in src/calc.js (mp-a1b)")');
		expect(screen).toContain('● Bash(gt done)');
		expect(screen).toContain('Done: merge request queued');
		expect(git(repo, ['log', '-1', '--format=%s'], env)).toBe('Fix rounding in src/calc.js (mp-a1b)');
		expect(readFileSync(path.join(repo, 'src/calc.js'), 'utf8')).toBe('export const add = (a, b) => a + b;\n// sim: Fix rounding in src/calc.js (mp-a1b)\n');
		const calls = log().map(call => call.slice(1).join(' '));
		expect(calls).toContain('hook --json');
		expect(calls).toContain('done');
		// No settings file: the sim reports its state itself.
		expect(calls[0]).toMatch(/^signal working/);
		expect(calls.at(-1)).toBe('signal idle');
	});

	it('with nothing hooked says so, and checks again when prompted', async () => {
		const {sim, fake, repo, log} = start({role: 'polecat'});
		await sim.waitFor(idleWith('Nothing on my hook.'));
		setHook(fake, bead(repo, 'Write the changelog'));
		sim.write('anything for me?\r');
		await sim.waitFor(idleWith('handed to the merge queue'));
		expect(readFileSync(path.join(repo, 'notes/mp-a1b.md'), 'utf8')).toContain('# Write the changelog\n\nBead: mp-a1b\n\nRound to cents.');
		expect(log().filter(call => call[1] === 'hook')).toHaveLength(2);
	});

	it('shows a failing gt done and stays alive', async () => {
		const home = tempDir('sim-polecat');
		const repo = makeGitRepo(path.join(home, 'wt'), testEnv(home));
		const {sim, fake} = start({role: 'polecat', hook: bead(repo, 'Tidy up'), repo, env: {}});
		writeFileSync(path.join(fake, 'done-fails'), '');
		const screen = await sim.waitFor(idleWith('gt done failed (exit 4)'));
		expect(screen).toContain('gt: nothing to finish — commit first');
		expect(sim.running).toBe(true);
	});

	it('shows an error from gt hook and stays alive', async () => {
		const {sim, fake} = start({role: 'polecat'});
		await sim.waitFor(idleWith('Nothing on my hook.'));
		writeFileSync(path.join(fake, 'hook.json'), 'not json');
		sim.write('again\r');
		await sim.waitFor(idleWith('printed something that is not JSON'));
	});

	it('--stall: freezes on its busy frame, says it is working, and stays running', async () => {
		const home = tempDir('sim-polecat');
		const repo = makeGitRepo(path.join(home, 'wt'), testEnv(home));
		const {sim, log} = start({role: 'polecat', hook: bead(repo), repo, args: ['--stall']});
		const screen = await sim.waitFor('esc to interrupt');
		await sim.waitFor(() => log().some(call => call[1] === 'signal' && call[2] === 'working'));
		expect(sim.title).toMatch(/^[⠀-⣿] sim$/);
		// Frozen before the first step: it never read its hook, so it never got as far as gt done.
		expect(screen).toContain('Checking my hook');
		expect(log().map(call => call[1])).toEqual(['signal']);
		expect(sim.running).toBe(true);
	});

	it('--stall: not one more byte of output, however long it waits (in process, fake timers)', async () => {
		// Silence is an absence: in a pty it could only be shown by waiting. Here the sim's own
		// loop runs on fake timers, so a minute of spinner ticks, scheduled frames and step
		// sleeps passes at once, and every write the sim makes is counted.
		const home = tempDir('sim-polecat');
		const fake = fakeTools(home);
		const env = testEnv(home, {FAKE: fake, PATH: `${path.join(fake, 'bin')}:${process.env.PATH}`, GT_AGENT: 'mp/polecats/furiosa', GT_ROOT: path.join(home, 'town')});
		const repo = makeGitRepo(path.join(home, 'wt'), env);
		const writes: string[] = [];
		const stdout = Object.assign(new EventEmitter(), {columns: 100, rows: 30, write: (data: string) => writes.push(data) > 0});
		const stdin = new PassThrough();
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']});
		let exited: Promise<number> | undefined;
		try {
			exited = runSim({role: 'polecat', speedMs: 10, stall: true, askEvery: 0, cwd: repo, env, stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream});
			await vi.advanceTimersByTimeAsync(0);
			const frozen = writes.length;
			expect(writes.join('')).toContain('esc to interrupt');
			await vi.advanceTimersByTimeAsync(60_000);
			// Keys (a nudge typed at it) are taken in, and still nothing is drawn.
			stdin.write('are you there?\r');
			await vi.advanceTimersByTimeAsync(60_000);
			expect(writes.length).toBe(frozen);
		} finally {
			vi.useRealTimers();
			stdin.end();
			await exited;
		}
	});
});

describe('crew', () => {
	it('reports its hook at start; works it when asked, without gt done', async () => {
		const home = tempDir('sim-crew');
		const env = testEnv(home);
		const repo = makeGitRepo(path.join(home, 'wt'), env);
		const {sim, log} = start({role: 'crew', hook: {...bead(repo, 'Update README.md'), branch: 'crew/me'}, repo});
		await sim.waitFor(idleWith('On my hook: mp-a1b: Update README.md'));
		expect(git(repo, ['log', '--format=%s'], env)).toBe('initial commit');
		sim.write('go ahead\r');
		await sim.waitFor(idleWith('run gt done when you are happy'));
		expect(git(repo, ['log', '-1', '--format=%s'], env)).toBe('Update README.md (mp-a1b)');
		expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# sample\n<!-- sim: Update README.md (mp-a1b) -->\n');
		expect(log().some(call => call[1] === 'done')).toBe(false);
	});
});

describe('mayor', () => {
	it('turns a request into beads in the rig and one sling', async () => {
		const home = tempDir('sim-mayor');
		const rig = path.join(home, 'town', 'mp');
		mkdirSync(rig, {recursive: true});
		const {sim, log} = start({role: 'mayor', rigs: [{name: 'mp', prefix: 'mp', path: rig}]});
		await sim.waitFor(isIdle);
		sim.write('- add subtract\n- add multiply\n- document both\r');
		const screen = await sim.waitFor(idleWith('tracked in one convoy'));
		expect(screen).toContain('● Bash(bd create "Add subtract" --silent)');
		expect(screen).toContain('● Bash(gt sling mp-t1 mp-t2 mp-t3 mp)');
		expect(log('bd')).toEqual([
			[rig, 'create', 'Add subtract', '--silent'],
			[rig, 'create', 'Add multiply', '--silent'],
			[rig, 'create', 'Document both', '--silent'],
		]);
		expect(log().filter(call => call[1] === 'sling').map(call => call.slice(1))).toEqual([['sling', 'mp-t1', 'mp-t2', 'mp-t3', 'mp']]);
	});

	it('asks which rig when there are several, then goes on with the answer', async () => {
		const home = tempDir('sim-mayor');
		const rigs = ['mp', 'tools'].map(name => ({name, prefix: name, path: path.join(home, 'town', name)}));
		for (const rig of rigs) mkdirSync(rig.path, {recursive: true});
		const {sim, log} = start({role: 'mayor', rigs});
		await sim.waitFor(isIdle);
		sim.write('Add a --verbose flag; print timings\r');
		await sim.waitFor(idleWith('Which rig are they for? mp, tools'));
		expect(log('bd')).toEqual([]);
		sim.write('tools\r');
		await sim.waitFor(idleWith('tracked in one convoy'));
		expect(log('bd').map(call => [call[0], call[2]])).toEqual([[rigs[1]!.path, 'Add a --verbose flag'], [rigs[1]!.path, 'Print timings']]);
		expect(log().find(call => call[1] === 'sling')?.slice(1)).toEqual(['sling', 'mp-t1', 'mp-t2', 'tools']);
	});

	it('takes the rig from "in <rig>:" and does not plan its launch prompt', async () => {
		const home = tempDir('sim-mayor');
		const rigs = ['mp', 'tools'].map(name => ({name, prefix: name, path: path.join(home, 'town', name)}));
		for (const rig of rigs) mkdirSync(rig.path, {recursive: true});
		const {sim, log} = start({role: 'mayor', rigs, args: ['You are the Mayor. Run gt prime.']});
		await sim.waitFor(idleWith('I am the Mayor (simulated)'));
		expect(log('bd')).toEqual([]);
		sim.write('in mp: fix the login bug\r');
		await sim.waitFor(idleWith('tracked in one convoy'));
		expect(log('bd')).toEqual([[rigs[0]!.path, 'create', 'Fix the login bug', '--silent']]);
	});
});

describe('hooks settings', () => {
	it('runs the configured hooks instead of calling gt signal, and shows their context', async () => {
		const home = tempDir('sim-settings');
		const settings = path.join(home, 'settings.json');
		const marks = path.join(home, 'marks.log');
		const hook = (text: string) => [{matcher: '', hooks: [{type: 'command', command: text}]}];
		writeFileSync(settings, JSON.stringify({hooks: {
			SessionStart: [{matcher: 'startup', hooks: [{type: 'command', command: 'echo "You are furiosa. Prime context here."'}]}],
			UserPromptSubmit: hook(`echo prompt >> ${marks}; echo "1 unread message"`),
			Stop: hook(`echo stop >> ${marks}`),
			Notification: [{matcher: 'permission_prompt', hooks: [{type: 'command', command: `echo waiting >> ${marks}`}]}],
			PreCompact: [{matcher: 'auto', hooks: [{type: 'command', command: `echo auto >> ${marks}`}]}, {matcher: 'manual', hooks: [{type: 'command', command: `echo compact >> ${marks}`}]}],
		}}));
		const {sim, log} = start({args: ['--settings', settings], env: {GT_SIM_ASK: '1'}});
		await sim.waitFor(idleWith('SessionStart hook: You are furiosa. Prime context here.'));
		sim.write('hello\r');
		await sim.waitFor('Do you want to proceed?');
		sim.write('1');
		const screen = await sim.waitFor(idleWith('I am sim, a simulated agent'));
		expect(screen).toContain('UserPromptSubmit hook: 1 unread message');
		await sim.waitFor(() => existsSync(marks) && readFileSync(marks, 'utf8') === 'prompt\nwaiting\nstop\n');
		expect(log().filter(call => call[1] === 'signal')).toEqual([]);
		sim.write('/compact\r');
		await sim.waitFor('Conversation compacted');
		expect(readFileSync(marks, 'utf8')).toBe('prompt\nwaiting\nstop\ncompact\n');
	});

	it('a bad settings file is reported and the sim still runs', async () => {
		const {sim} = start({args: ['--settings', '/nonexistent/settings.json']});
		await sim.waitFor(idleWith('Hooks off: cannot read settings /nonexistent/settings.json: ENOENT'));
	});
});

describe('resume', () => {
	it('shows the earlier conversation and continues the hooked work', async () => {
		const home = tempDir('sim-resume');
		const env = testEnv(home);
		const repo = makeGitRepo(path.join(home, 'wt'), env);
		const first = start({role: 'polecat', repo, args: ['--session-id', 'c0ffee00-0000-4000-8000-000000000001'], env: {GT_ROOT: path.join(home, 'town')}});
		await first.sim.waitFor(idleWith('Nothing on my hook.'));
		first.sim.write('\u0004');
		await first.sim.exited;
		const second = start({role: 'polecat', repo, hook: bead(repo, 'Resume me'), args: ['--resume', 'c0ffee00-0000-4000-8000-000000000001'], env: {GT_ROOT: path.join(home, 'town')}, rows: 60});
		const screen = await second.sim.waitFor(idleWith('handed to the merge queue'));
		// The old conversation first, then the notice, then the new work.
		expect(screen).toMatch(/Nothing on my hook\.[^]*Resumed conversation c0ffee00-0000-4000-8000-000000000001[^]*Working on mp-a1b/);
		expect(git(repo, ['log', '-1', '--format=%s'], env)).toBe('Resume me (mp-a1b)');
		expect(readFileSync(path.join(home, 'town', '.runtime', 'sim', 'c0ffee00-0000-4000-8000-000000000001.jsonl'), 'utf8')).toContain('Nothing on my hook.');
	});
});
