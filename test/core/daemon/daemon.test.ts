import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {connectDaemon, isDaemonRunning, type DaemonClient} from '../../../source/core/daemon/client.js';
import {startDaemon, type RunningDaemon} from '../../../source/main/daemon.js';
import {daemonPaths, readSessionRecords, socketPathFor} from '../../../source/core/daemon/daemon-paths.js';
import type {StreamEvent} from '../../../source/core/daemon/protocol.js';
import {isGtError} from '../../../source/core/base/errors.js';
import {binaries, runOk, tempDir} from '../../helpers/cli.js';
import {makeEchoTown, mayorSpec} from './echo-town.js';
import {eventually} from '../../helpers/wait.js';

const daemons: RunningDaemon[] = [];
const clients: DaemonClient[] = [];
afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(daemons.map(daemon => daemon.shutdown()));
});

async function start(town: string, env: Parameters<typeof startDaemon>[1]) {
	const log: string[] = [];
	const daemon = await startDaemon(town, env, {log: line => log.push(line), gtEntry: binaries.gt});
	daemons.push(daemon);
	const client = await connectDaemon(town);
	clients.push(client);
	return {daemon, client, log};
}

async function rejection(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		if (isGtError(error)) return {kind: error.kind, message: error.message};
		throw error;
	}
	throw new Error('expected a rejection');
}

/** A raw socket, to test the framing itself. */
function rawConnection(socketPath: string) {
	const socket = net.createConnection(socketPath);
	let received = '';
	socket.setEncoding('utf8');
	socket.on('data', chunk => {
		received += chunk;
	});
	const messages = () => received.split('\n').filter(Boolean).map(line => JSON.parse(line) as {id: number; ok?: boolean; result?: unknown; error?: {kind: string}});
	return {socket, messages};
}

describe('the daemon (in process, real ptys)', () => {
	it('serves every method over the socket, streams sessions and events, and records sessions.json', async () => {
		const {town, env} = await makeEchoTown();
		const {daemon, client, log} = await start(town, env);
		const paths = daemonPaths(town);
		expect(statSync(paths.socket).mode & 0o777).toBe(0o600);
		expect(readFileSync(paths.pid, 'utf8').trim()).toBe(String(process.pid));
		expect(await isDaemonRunning(town)).toBe(true);
		expect(await client.request('ping')).toMatchObject({pid: process.pid});

		const events: StreamEvent[] = [];
		const all = client.subscribe('events.subscribe', undefined, event => events.push(event));
		await all.ready;

		const info = await client.request('session.start', {spec: mayorSpec(town)});
		expect(info).toMatchObject({id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'echo', cols: 120, rows: 40, restarts: 0, state: {state: 'starting'}});
		expect(info.pid).toBeGreaterThan(0);
		expect(readSessionRecords(paths.sessions).map(record => record.spec.id)).toEqual(['mayor']);

		const stream: StreamEvent[] = [];
		const subscription = client.subscribe('session.subscribe', {id: 'mayor'}, event => stream.push(event));
		await subscription.ready;
		const output = () => stream.filter(event => event.event === 'output').map(event => (event as {data: string}).data).join('');
		await eventually(async () => expect((await client.request('session.snapshot', {id: 'mayor'})).lines[0]).toBe('echo agent  as mayor/'), {what: '(await client.request(\'session.snapshot\', {id: \'mayor\'})).lines[0] to be \'echo agent as mayor/\''});
		// The first streamed event is the snapshot (it may still be on its way under load).
		await eventually(() => expect(stream[0]?.event).toBe('snapshot'), {what: 'the subscription to start with a snapshot'});

		await client.request('session.write', {id: 'mayor', data: 'hello\r'});
		await eventually(() => expect(output()).toContain('["hello\\n"]'), {what: 'output() to contain \'["hello\\\\n"]\''});
		expect((await client.request('session.transcript', {id: 'mayor', lines: 2})).lines).toEqual(['["hello\\n"]', '>']);
		await client.request('session.resize', {id: 'mayor', cols: 100, rows: 30});
		expect(await client.request('session.snapshot', {id: 'mayor'})).toMatchObject({cols: 100, rows: 30});

		// Signals set the state at once; a nudge is typed into an idle agent and queued for a busy one.
		await client.request('session.signal', {id: 'mayor', state: 'idle'});
		await eventually(() => expect(events).toContainEqual(expect.objectContaining({event: 'state', session: 'mayor', state: expect.objectContaining({state: 'idle', source: 'signal'})})), {what: 'events to contain expect.objectContaining({event: \'state\', session: \'mayor\', state: expect.objectContaining…'});
		expect(await client.request('session.nudge', {id: 'mayor', text: 'first nudge'})).toEqual({delivered: 'typed'});
		await eventually(() => expect(output()).toContain('["first nudge\\n"]'), {what: 'output() to contain \'["first nudge\\\\n"]\''});
		await client.request('session.signal', {id: 'mayor', state: 'working', detail: 'busy'});
		expect(await client.request('session.nudge', {id: 'mayor', text: 'second nudge'})).toEqual({delivered: 'queued'});
		expect(readdirSync(path.join(paths.nudgeQueue, 'mayor'))).toHaveLength(1);
		await client.request('session.signal', {id: 'mayor', state: 'done'});
		await eventually(() => expect(output()).toContain('["second nudge\\n"]'), {what: 'output() to contain \'["second nudge\\\\n"]\''});
		expect(readdirSync(path.join(paths.nudgeQueue, 'mayor'))).toHaveLength(0);
		const status = await client.request('status');
		expect(status.sessions[0]).toMatchObject({state: {state: 'idle', source: 'signal', detail: 'done'}});

		// Errors come back as {kind, message}.
		expect(await rejection(client.request('session.start', {spec: mayorSpec(town)}))).toEqual({kind: 'conflict', message: 'agent mayor/ is already running'});
		expect(await rejection(client.request('session.write', {id: 'nobody', data: 'x'}))).toMatchObject({kind: 'notFound'});
		expect(await rejection(client.request('session.start', {spec: {...mayorSpec(town), id: 'other'}}))).toMatchObject({kind: 'usage'});
		expect(await rejection(client.request('session.start', {spec: {...mayorSpec(town), id: 'mp.crew.x', address: 'mp/crew/x', role: 'crew', agent: 'nope'}}))).toMatchObject({kind: 'notFound'});
		expect(await rejection(client.request('session.start', {spec: {...mayorSpec(town), id: 'hq.crew.g', address: 'hq/crew/g', role: 'crew', agent: 'ghost'}}))).toEqual({
			kind: 'notFound',
			message: 'agent "ghost" runs no-such-agent-program, which is not installed (not found on PATH)',
		});
		expect(await rejection(client.request('session.start', {spec: {...mayorSpec(town), id: 'hq.crew.g', address: 'hq/crew/g', role: 'crew', cwd: path.join(town, 'gone')}}))).toMatchObject({kind: 'notFound'});
		expect(await rejection(client.request('session.signal', {id: 'mayor', state: 'sleepy' as never}))).toMatchObject({kind: 'usage'});
		expect(await rejection(client.request('session.resize', {id: 'mayor', cols: 0, rows: 5}))).toMatchObject({kind: 'usage'});
		expect(await rejection(client.request('nonsense' as 'ping'))).toEqual({kind: 'usage', message: 'unknown method "nonsense"'});
		const refused = client.subscribe('session.subscribe', {id: 'nobody'}, () => undefined);
		await expect(refused.ready).rejects.toThrow('no agent session "nobody"');
		await refused.closed;

		// A restart keeps the stream: a fresh snapshot, then the new process's output.
		const restarted = await client.request('session.restart', {id: 'mayor'});
		expect(restarted.restarts).toBe(1);
		expect(restarted.pid).not.toBe(info.pid);
		await eventually(() => expect(stream.filter(event => event.event === 'snapshot')).toHaveLength(2), {what: 'stream.filter(event => event.event === \'snapshot\') to have length 2'});
		expect(await client.request('session.detach', {id: 'mayor'})).toEqual({detached: 1});
		await eventually(() => expect(stream.at(-1)).toMatchObject({event: 'detach', session: 'mayor'}), {what: 'stream.at(-1) to match {event: \'detach\', session: \'mayor\'}'});

		expect(await client.request('session.stop', {id: 'mayor'})).toEqual({stopped: true});
		await eventually(() => expect(stream.some(event => event.event === 'exit')).toBe(true), {what: 'stream.some(event => event.event === \'exit\') to be true'});
		expect(events).toContainEqual(expect.objectContaining({event: 'session', session: 'mayor', info: null}));
		expect((await client.request('status')).sessions).toEqual([]);
		expect(readSessionRecords(paths.sessions)).toEqual([]);
		subscription.close();
		all.close();
		await subscription.closed;

		await client.request('shutdown', {stopAgents: true});
		await daemon.stopped;
		expect(existsSync(paths.socket)).toBe(false);
		expect(existsSync(paths.pid)).toBe(false);
		expect(log.join('\n')).toMatch(/mayor started: .*echo-agent\.cjs \(pid \d+\)/);
		expect(log.at(-1)).toMatch(/stopped \(0 agents stopped\)$/);
	});

	it('frames JSON lines: several per chunk, split lines, long lines, garbage', async () => {
		const {town, env} = await makeEchoTown();
		const {client} = await start(town, env);
		await client.request('session.start', {spec: mayorSpec(town)});
		const raw = rawConnection(daemonPaths(town).socket);
		await new Promise(resolve => raw.socket.once('connect', resolve));
		raw.socket.write('{"id":1,"method":"ping"}\n{"id":2,"meth');
		raw.socket.write('od":"status"}\n\nnot json\n');
		const big = 'y'.repeat(3 * 1024 * 1024);
		raw.socket.write(`${JSON.stringify({id: 3, method: 'session.write', params: {id: 'mayor', data: `${big.slice(0, 100)}\r`}})}\n`);
		raw.socket.write(`${JSON.stringify({id: 4, method: 'session.nudge', params: {id: 'nobody', text: big}})}\n`);
		await eventually(() => expect(raw.messages()).toHaveLength(5), {what: 'raw.messages() to have length 5'});
		const byId = new Map(raw.messages().map(message => [message.id, message]));
		expect(byId.get(1)).toMatchObject({ok: true, result: {pid: process.pid}});
		expect(byId.get(2)).toMatchObject({ok: true});
		expect(byId.get(0)).toMatchObject({ok: false, error: {kind: 'usage'}});
		expect(byId.get(3)).toMatchObject({ok: true});
		expect(byId.get(4)).toMatchObject({ok: false, error: {kind: 'notFound'}});
		raw.socket.destroy();
	});

	it('refuses a second start of one agent, even while the first is still starting', async () => {
		const {town, env} = await makeEchoTown();
		const {client} = await start(town, env);
		const results = await Promise.allSettled([client.request('session.start', {spec: mayorSpec(town)}), client.request('session.start', {spec: mayorSpec(town)})]);
		expect(results.map(result => result.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((await client.request('status')).sessions).toHaveLength(1);
	});

	it('is single-instance: a second daemon is refused; a dead one\'s pid file is taken over', async () => {
		const {town, env} = await makeEchoTown();
		const paths = daemonPaths(town);
		// A pid file left by a process that is gone, and its socket file.
		const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}));
		mkdirSync(paths.runtime, {recursive: true});
		writeFileSync(paths.pid, `${dead}\n`);
		writeFileSync(paths.socket, '');
		const {daemon} = await start(town, env);
		expect(readFileSync(paths.pid, 'utf8').trim()).toBe(String(process.pid));
		const second = await rejection(startDaemon(town, env, {log: () => undefined}));
		expect(second).toEqual({kind: 'conflict', message: `a daemon is already running for this town (pid ${process.pid})`});
		await daemon.shutdown();
		expect(existsSync(paths.pid)).toBe(false);
	});

	it('says why a background daemon did not start, from its log', async () => {
		const {town, vars, work} = await makeEchoTown();
		const entry = path.join(work, 'broken-gt.js');
		writeFileSync(entry, "console.error('boom: cannot start'); process.exit(1);\n");
		await expect(connectDaemon(town, {start: true, gtEntry: entry, env: vars})).rejects.toThrow(/^the daemon did not start: boom: cannot start$/);
		await expect(connectDaemon(town)).rejects.toThrow('the daemon is not running for this town');
	});

	it('puts the socket under the temp directory when the town path is too long for one', async () => {
		const deep = path.join(tempDir('deep'), 'a'.repeat(40), 'b'.repeat(40));
		mkdirSync(deep, {recursive: true});
		const {town, env} = await makeEchoTown({under: deep});
		const socket = socketPathFor(town);
		expect(socket.startsWith(path.join(town, '.runtime'))).toBe(false);
		expect(Buffer.byteLength(socket)).toBeLessThan(100);
		const {client, daemon} = await start(town, env);
		expect(daemon.socketPath).toBe(socket);
		expect(await client.request('ping')).toMatchObject({pid: process.pid});
		await daemon.shutdown();
		expect(existsSync(socket)).toBe(false);
	});

	it('respawns recorded agents whose bead is still hooked (GUPP), resuming them, and drops the rest', async () => {
		const {town, env, vars} = await makeEchoTown();
		const bd = async (...args: string[]) => (await runOk('bd', args, {cwd: town, env: vars})).trim();
		const hooked = await bd('create', 'hooked work', '--silent');
		await bd('update', hooked, '--status', 'hooked');
		const open = await bd('create', 'open work', '--silent');
		const paths = daemonPaths(town);
		mkdirSync(paths.runtime, {recursive: true});
		const crew = (name: string, bead?: string) => ({
			spec: {id: `hq.crew.${name}`, address: `hq/crew/${name}`, role: 'crew', agent: 'echo', cwd: town, ...(bead ? {bead} : {})},
			startedAt: '2024-01-01T00:00:00.000Z',
		});
		writeFileSync(paths.sessions, JSON.stringify([crew('keep', hooked), crew('open', open), crew('none'), {spec: {...mayorSpec(town)}, startedAt: '2024-01-01T00:00:00.000Z'}]));
		const {client, log} = await start(town, env);
		const {sessions} = await client.request('status');
		expect(sessions.map(info => info.id)).toEqual(['hq.crew.keep']);
		expect(log.join('\n')).toContain('hq.crew.keep respawned');
		expect(log.join('\n')).toContain('hq.crew.open not respawned: no hooked work');
		expect(readSessionRecords(paths.sessions)).toEqual([crew('keep', hooked)]);
		await eventually(async () => expect((await client.request('session.transcript', {id: 'hq.crew.keep'})).lines[0]).toBe('echo agent  as hq/crew/keep'), {what: '(await client.request(\'session.transcript\', {id: \'hq.crew.keep\'})).lines[0] to be \'echo agent as hq/crew/keep\''});
	});
});
