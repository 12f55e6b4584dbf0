// A session with the real detector: a typed first prompt goes only into a runtime's
// ready input (never into a sign-in or trust screen, never into a composer that has
// only flickered idle), and an exit is read from the settled screen, so its reason
// and its source (the process) are final.
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {detectState} from '../../../source/core/agents/state/detector.js';
import {spawnPty} from '../../../source/core/daemon/pty.js';
import {Session} from '../../../source/core/daemon/session.js';
import type {Launch, SessionSpec} from '../../../source/core/sessions/types.js';
import {tempDir} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

const sessions: Session[] = [];
const ticks: NodeJS.Timeout[] = [];
afterAll(async () => {
	for (const tick of ticks) clearInterval(tick);
	await Promise.all(sessions.map(session => session.stop(true)));
	for (const session of sessions) session.dispose();
});

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', TERM: 'xterm-256color'};

function start(runtime: string, script: string, extra: Partial<Launch> = {}) {
	const dir = tempDir('session-ready');
	const spec: SessionSpec = {id: 'mp.polecats.nux', address: 'mp/polecats/nux', role: 'polecat', rig: 'mp', agent: runtime, cwd: dir, cols: 80, rows: 12};
	const session = new Session(spec, {spawn: spawnPty, detect: detectState, runtime, transcriptFile: path.join(dir, 'nux.log'), now: () => Date.now()});
	sessions.push(session);
	const launch: Launch = {file: process.execPath, args: ['-e', script], env, cwd: dir, readyDelayMs: 300, ...extra};
	ticks.push(setInterval(() => session.evaluate(), 50));
	return {session, launch};
}

// A codex-like program: its sign-in choice first (a blind Enter there would pick "Sign in with
// ChatGPT"), then the composer. It reports any input that arrives before the composer shows.
const signInThenComposer = `
	let composer = false;
	process.stdout.write('  Welcome to Codex\\r\\n  Choose how you want to use Codex.\\r\\n\\r\\n> 1. Sign in with ChatGPT\\r\\n\\r\\n  Press enter to continue\\r\\n');
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', data => process.stdout.write((composer ? '[typed ' : '[EARLY ') + JSON.stringify(data) + ']\\r\\n'));
	setTimeout(() => {
		composer = true;
		process.stdout.write('\\x1b[2J\\x1b[H  >_ OpenAI Codex\\r\\n\\r\\n\\u203a Ask Codex to do anything\\r\\n\\r\\n  ? for shortcuts\\r\\n');
	}, 2500);
	setInterval(() => {}, 1000);
`;

describe('Session with the real detector', () => {
	it('types a first prompt only into the ready input, not into the sign-in screen before it', async () => {
		const {session, launch} = start('codex', signInThenComposer, {typedPrompt: 'do the work', readyPrefix: '› '});
		await session.launch(launch);
		await eventually(() => expect(session.state).toMatchObject({state: 'waiting', failure: 'signed-out'}), {what: 'waiting at the sign-in screen', timeout: 5000});
		await eventually(() => expect(session.transcript().join('\n')).toContain('[typed "'), {what: 'the prompt typed into the composer', timeout: 10_000});
		expect(session.transcript().join('\n')).not.toContain('[EARLY');
	});

	it('reads an exit from the settled screen: the process decides, the last words explain', async () => {
		const {session, launch} = start('claude', `process.stdout.write('No conversation found with session ID: 3f2a9c1e-8d4b-4c6e-9a7f-0b1c2d3e4f50\\n'); process.exit(1);`);
		await session.launch(launch);
		await eventually(
			() =>
				expect(session.state).toMatchObject({
					state: 'exited',
					source: 'process',
					confidence: 1,
					detail: 'exit code 1',
					failure: 'no-saved-conversation',
					reason: 'claude has no saved conversation to resume — gt starts it fresh on the same hook',
				}),
			{what: 'the explained exit', timeout: 5000},
		);
	});

	it('an exit the screen announced first still ends as the process says', async () => {
		const {session, launch} = start('claude', `process.stdout.write('Resume this session with:\\nclaude --resume 3f2a9c1e\\n'); setTimeout(() => process.exit(0), 800);`);
		await session.launch(launch);
		await eventually(() => expect(session.state).toMatchObject({state: 'exited', source: 'screen'}), {what: 'exited by the screen', timeout: 5000});
		await eventually(() => expect(session.state).toMatchObject({state: 'exited', source: 'process', confidence: 1, detail: 'exit code 0'}), {what: 'exited by the process', timeout: 5000});
	});
});
