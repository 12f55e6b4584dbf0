import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Launch} from '../../../source/core/sessions/types.js';
import type {SessionSpec} from '../../../source/core/sessions/types.js';
import {spawnPty, type SpawnPty} from '../../../source/core/daemon/pty.js';
import {Session, transcriptCapBytes, type DetectState, type SessionEvent} from '../../../source/core/daemon/session.js';
import {tempDir} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

// A detector double: signals win, then output quiescence. The real one is tested on its own.
const detect: DetectState = input => {
	if (input.exited) return {state: 'exited', source: 'process', confidence: 1};
	if (input.signal) return {state: input.signal.state, source: 'signal', confidence: 0.95, detail: input.signal.detail};
	if (input.now - input.lastOutputAt > 300 && input.lastOutputAt > input.startedAt) return {state: 'idle', source: 'quiet', confidence: 0.3};
	return {state: 'working', source: 'screen', confidence: 0.5};
};

const sessions: Session[] = [];
afterAll(async () => {
	await Promise.all(sessions.map(session => session.stop(true)));
	for (const session of sessions) session.dispose();
});

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', TERM: 'xterm-256color'};

// Echoes each line it reads; "tell me" switches on bracketed paste first.
const echoScript = `
	process.stdout.write('ready\\n> ');
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', data => {
		if (data.includes('paste on')) process.stdout.write('\\x1b[?2004h');
		process.stdout.write('[' + JSON.stringify(data) + ']\\r\\n> ');
	});
`;

function makeSession(script = echoScript, extra: Partial<Launch> = {}, spawn: SpawnPty = spawnPty) {
	const dir = tempDir('session');
	const spec: SessionSpec = {id: 'mp.polecats.nux', address: 'mp/polecats/nux', role: 'polecat', rig: 'mp', agent: 'echo', cwd: dir, cols: 60, rows: 10};
	const transcriptFile = path.join(dir, 'transcripts', 'mp.polecats.nux.log');
	const session = new Session(spec, {spawn, detect, runtime: 'echo', transcriptFile, now: () => Date.now()});
	sessions.push(session);
	const launch: Launch = {file: process.execPath, args: ['-e', script], env, cwd: dir, readyDelayMs: 60_000, ...extra};
	const events: SessionEvent[] = [];
	session.on(event => events.push(event));
	const tick = setInterval(() => session.evaluate(), 50);
	afterAll(() => clearInterval(tick));
	return {session, launch, transcriptFile, events, dir};
}

describe('Session', () => {
	it('keeps typing after one failed write: the failing caller hears of it, the next message still arrives', async () => {
		let failNext = false;
		// A real pty whose next write fails once, as a write to a pty that hung up does.
		const flaky: SpawnPty = async (file, args, options) => {
			const pty = await spawnPty(file, args, options);
			return Object.assign(Object.create(pty) as typeof pty, {
				write(data: string) {
					if (failNext) {
						failNext = false;
						throw new Error('EIO: write to the pty failed');
					}
					pty.write(data);
				},
			});
		};
		const {session, launch} = makeSession(echoScript, {}, flaky);
		await session.launch(launch);
		await eventually(() => expect(session.snapshot().lines[0]).toBe('ready'), {what: 'the echo agent to start'});
		failNext = true;
		await expect(session.type('lost')).rejects.toThrow(/EIO/);
		await session.type('after the failure');
		await eventually(() => expect(session.transcript().join('\n')).toContain('["after the failure\\n"]'), {what: 'the next message typed after a failed write'});
	});

	it('runs an agent on a pty: screen, transcript file, info, state from the detector', async () => {
		const {session, launch, transcriptFile, events} = makeSession();
		await session.launch(launch);
		expect(session.info()).toMatchObject({id: 'mp.polecats.nux', state: {state: 'starting'}, cols: 60, rows: 10, restarts: 0});
		await eventually(() => expect(session.snapshot().lines[0]).toBe('ready'), {what: 'session.snapshot().lines[0] to be \'ready\''});
		await eventually(() => expect(session.state.state).toBe('idle'), {what: 'session.state.state to be \'idle\''});
		expect(events.filter(event => event.event === 'state').map(event => (event as {state: {state: string}}).state.state)).toEqual(['starting', 'working', 'idle']);
		session.write('hi\r');
		await eventually(() => expect(session.transcript()).toContain('["hi\\n"]'), {what: 'session.transcript() to contain \'["hi\\\\n"]\''});
		expect(readFileSync(transcriptFile, 'utf8')).toContain('ready\r\n> ');
		expect(statSync(transcriptFile).mode & 0o777).toBe(0o600);
		session.signal('waiting', 'a question');
		expect(session.state).toMatchObject({state: 'waiting', source: 'signal', detail: 'a question'});
		expect(session.info().lastOutputAt).toBeDefined();
	});

	it('types the first prompt once the ready prefix shows, pasted and then Enter', async () => {
		const {session, launch} = makeSession(echoScript, {typedPrompt: 'do the work', readyPrefix: '> '});
		await session.launch(launch);
		await eventually(() => expect(session.transcript().join('\n')).toContain('["do the work\\n"]'), {what: 'session.transcript().join(\'\\n\') to contain \'["do the work\\\\n"]\''});
		// Bracketed paste when the program asked for it; the Enter comes separately.
		await session.type('paste on');
		await eventually(() => expect(session.transcript().join('\n')).toContain('["paste on\\n"]'), {what: 'session.transcript().join(\'\\n\') to contain \'["paste on\\\\n"]\''});
		await session.type('two\nlines');
		// The line discipline hands the program the first line, paste start marker included.
		await eventually(() => expect(session.transcript().join('\n')).toContain('["\\u001b[200~two\\n"]'), {what: 'session.transcript().join(\'\\n\') to contain \'["\\\\u001b[200~two\\\\n"]\''});
	});

	it('types the first prompt after the ready delay when no prefix shows', async () => {
		const {session, launch} = makeSession(echoScript, {typedPrompt: 'after delay', readyDelayMs: 300});
		await session.launch(launch);
		await eventually(() => expect(session.transcript().join('\n')).toContain('["after delay\\n"]'), {what: 'session.transcript().join(\'\\n\') to contain \'["after delay\\\\n"]\''});
	});

	it('streams a snapshot first, then the output after it, in order', async () => {
		const {session, launch} = makeSession(`
			let n = 0;
			const timer = setInterval(() => { process.stdout.write('line ' + (++n) + '\\n'); if (n === 200) clearInterval(timer); }, 2);
			setInterval(() => {}, 1000);
		`);
		await session.launch(launch);
		await eventually(() => expect(session.transcript().join('\n')).toContain('line 20'), {what: 'session.transcript().join(\'\\n\') to contain \'line 20\''});
		const received: SessionEvent[] = [];
		const cancel = session.subscribe(event => received.push(event));
		await eventually(() => expect(session.transcript().at(-1)).toBe('line 200'), {what: 'session.transcript().at(-1) to be \'line 200\''});
		await eventually(() => expect(received.length).toBeGreaterThan(1), {what: 'received.length to be above 1'});
		cancel();
		expect(received[0]!.event).toBe('snapshot');
		const snapshot = (received[0] as {screen: {lines: string[]}}).screen.lines.filter(Boolean);
		const last = Number(snapshot.at(-1)!.replace('line ', ''));
		const after = received.slice(1).filter(event => event.event === 'output').map(event => (event as {data: string}).data).join('');
		// The stream continues exactly where the snapshot ends: nothing lost, nothing twice.
		expect(after.slice(0, 40)).toMatch(new RegExp(`^line ${last + 1}\r\n`));
		expect(after.endsWith('line 200\r\n')).toBe(true);
	});

	it('stops politely, then with SIGKILL after 3 s; reports the exit', async () => {
		const {session, launch, events} = makeSession(`process.on('SIGTERM', () => process.stdout.write('ignoring TERM\\r\\n')); process.stdout.write('up\\r\\n'); setInterval(() => {}, 1000);`);
		await session.launch(launch);
		await eventually(() => expect(session.transcript()).toContain('up'), {what: 'session.transcript() to contain \'up\''});
		expect(await session.stop()).toBe(true);
		expect(session.running).toBe(false);
		expect(session.state.state).toBe('exited');
		// It ignored SIGTERM, so it was the SIGKILL after the grace period that ended it.
		expect(events.filter(event => event.event === 'exit')).toEqual([expect.objectContaining({signal: 9})]);
		expect(session.transcript()).toContain('ignoring TERM');
		expect(await session.stop()).toBe(false);
	}, 15_000);

	it('restarts in place: same subscribers, a fresh snapshot, restarts counted', async () => {
		const {session, launch} = makeSession(`process.stdout.write('run ' + process.argv.at(-1) + '\\r\\n'); setInterval(() => {}, 1000);`);
		await session.launch({...launch, args: [...launch.args, 'one']});
		await eventually(() => expect(session.transcript()).toContain('run one'), {what: 'session.transcript() to contain \'run one\''});
		const received: SessionEvent[] = [];
		session.subscribe(event => received.push(event));
		await eventually(() => expect(received[0]?.event).toBe('snapshot'), {what: 'received[0]?.event to be \'snapshot\''});
		await session.stop(true);
		await session.launch({...launch, args: [...launch.args, 'two']});
		await eventually(() => expect(session.transcript()).toEqual(['run two']), {what: 'session.transcript() to equal [\'run two\']'});
		expect(session.info().restarts).toBe(1);
		const kinds = received.map(event => event.event);
		expect(kinds).toContain('exit');
		expect(kinds.lastIndexOf('snapshot')).toBeGreaterThan(kinds.indexOf('exit'));
		expect(session.detach()).toBe(1);
		expect(received.at(-1)).toEqual({event: 'detach'});
	});

	it('keeps up with a flood of output: the pty is paused while the screen catches up', async () => {
		const {session, launch} = makeSession(`
			const chunk = 'z'.repeat(1024 * 1024) + '\\n';
			let left = 60;
			const more = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once('drain', more); } process.stdout.write('flood done\\n'); };
			more();
			setInterval(() => {}, 1000);
		`);
		await session.launch(launch);
		await eventually(() => expect(session.transcript(1)).toEqual(['flood done']), {what: 'session.transcript(1) to equal [\'flood done\']', timeout: 30_000});
		expect(session.running).toBe(true);
	}, 40_000);

	it('caps the transcript file, keeping the previous one beside it', async () => {
		const {session, launch, transcriptFile} = makeSession(`process.stdout.write('x'.repeat(${Math.ceil(transcriptCapBytes / 10)}) + '\\r\\n'); setInterval(() => {}, 1000);`);
		mkdirSync(path.dirname(transcriptFile), {recursive: true});
		writeFileSync(transcriptFile, 'y'.repeat(transcriptCapBytes - 1000));
		await session.launch(launch);
		await eventually(() => expect(existsSync(`${transcriptFile}.1`)).toBe(true), {what: 'existsSync(`${transcriptFile}.1`) to be true'});
		await eventually(() => expect(statSync(transcriptFile).size).toBeGreaterThan(transcriptCapBytes / 10), {what: 'statSync(transcriptFile).size to be above transcriptCapBytes / 10'});
		expect(statSync(transcriptFile).size).toBeLessThan(transcriptCapBytes);
	});
});
