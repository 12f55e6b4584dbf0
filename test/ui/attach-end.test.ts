// attachSession's ends that are not a detach: a session already over when the attach
// begins (it would never send an exit event), and a daemon that stops while attached.
// A daemon that dies (SIGKILL) is test/cli/gt/attach-vanish.test.ts, in a real pty.
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {connectDaemon, type DaemonClient} from '../../source/core/daemon/client.js';
import {startDaemon, type RunningDaemon} from '../../source/main/daemon.js';
import {attachEndLine, attachSession, restoreModes, type AttachIo} from '../../source/ui/attach.js';
import {binaries} from '../helpers/cli.js';
import {eventually} from '../helpers/wait.js';
import {makeEchoTown, mayorSpec} from '../core/daemon/echo-town.js';

const daemons: RunningDaemon[] = [];
const clients: DaemonClient[] = [];
afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(daemons.map(daemon => daemon.shutdown()));
});

function io(): AttachIo & {written: () => string} {
	const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
	const out = new PassThrough();
	let written = '';
	out.on('data', chunk => {
		written += String(chunk);
	});
	return {stdin, stdout: out as unknown as NodeJS.WriteStream, written: () => written};
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still attached after ${ms} ms`)), ms))]);

describe('attach to a session that is gone', () => {
	it('a session already exited ends the attach as exited, terminal modes restored', async () => {
		const {town, env} = await makeEchoTown();
		const daemon = await startDaemon(town, env, {log: () => undefined, gtEntry: binaries.gt});
		daemons.push(daemon);
		const client = await connectDaemon(town);
		clients.push(client);
		const info = await client.request('session.start', {spec: mayorSpec(town)});
		process.kill(info.pid!, 'SIGKILL');
		await eventually(async () => expect((await client.request('status')).sessions[0]?.state.state).toBe('exited'), {what: 'the mayor to show as exited'});
		const terminal = io();
		expect(await within(attachSession(client, 'mayor', terminal), 5000)).toBe('exited');
		expect(terminal.written().endsWith(restoreModes)).toBe(true);
	});

	it('a daemon stopping (gt down) ends the attach: its agents stop first, so it ends as exited', async () => {
		const {town, env} = await makeEchoTown();
		const daemon = await startDaemon(town, env, {log: () => undefined, gtEntry: binaries.gt});
		const client = await connectDaemon(town);
		clients.push(client);
		await client.request('session.start', {spec: mayorSpec(town)});
		const terminal = io();
		const attached = attachSession(client, 'mayor', terminal);
		await eventually(() => expect(terminal.written()).toContain('echo agent'), {what: 'the agent on the attached screen'});
		await daemon.shutdown();
		expect(await within(attached, 10_000)).toBe('exited');
		expect(terminal.written().endsWith(restoreModes)).toBe(true);
		expect(attachEndLine('gone', 'the Mayor')).toMatch(/^The daemon is gone/);
	});
});
