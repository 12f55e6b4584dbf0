// An agent killed by a signal is told apart from one that exited: node-pty reports
// SIGKILL as exit code 0 with signal 9, which read "exited (code 0)" before.
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {spawnPty} from '../../../source/core/daemon/pty.js';
import {Session} from '../../../source/core/daemon/session.js';
import {decide, freshMemory} from '../../../source/core/patrols/witness-decide.js';
import {patrolDefaults} from '../../../source/core/patrols/settings.js';
import {tempDir} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', TERM: 'xterm-256color'};
const sessions: Session[] = [];
afterAll(() => {
	for (const session of sessions) session.dispose();
});

describe('an agent killed by a signal', () => {
	it('shows the signal in its session info, its exit state and the witness mark', async () => {
		const dir = tempDir('exit-signal');
		const session = new Session({id: 'mp.polecats.nux', address: 'mp/polecats/nux', role: 'polecat', rig: 'mp', agent: 'echo', cwd: dir}, {
			spawn: spawnPty,
			detect: input => (input.exited ? {state: 'exited', source: 'process', confidence: 1} : {state: 'working', source: 'screen', confidence: 0.5}),
			runtime: 'echo',
			transcriptFile: path.join(dir, 't.log'),
			now: () => Date.now(),
		});
		sessions.push(session);
		await session.launch({file: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], env, cwd: dir, readyDelayMs: 60_000});
		process.kill(session.info().pid!, 'SIGKILL');
		const info = await eventually(() => {
			const current = session.info();
			expect(current.state.state).toBe('exited');
			return current;
		}, {what: 'the killed agent to show as exited'});
		expect(info.exitSignal).toBe('SIGKILL');
		expect(info.state.detail).toBe('killed by SIGKILL');
		const decision = decide({address: info.address, hooked: 'mp-1', session: info}, freshMemory('mp-1'), patrolDefaults.witness, Date.now());
		expect(decision.mark?.detail).toBe('killed by SIGKILL with mp-1 hooked');
	});
});
