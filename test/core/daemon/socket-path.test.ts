// The socket of a deep town lives in a private per-user directory, and a client
// talks only to a socket of its own user: a planted directory or socket is refused.
import {chmodSync, chownSync, mkdirSync, statSync, symlinkSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {DaemonClient} from '../../../source/core/daemon/client.js';
import {socketPathFor} from '../../../source/core/daemon/daemon-paths.js';
import {isGtError} from '../../../source/core/base/errors.js';
import {tempDir} from '../../helpers/cli.js';

/** The one line a user sees for what `run` throws or rejects with. */
async function oneLine(run: () => unknown): Promise<string> {
	try {
		await run();
	} catch (error) {
		if (isGtError(error)) return error.describe();
		throw error;
	}
	throw new Error('expected an error');
}

const uid = process.getuid!();
const deepTown = () => path.join(tempDir('deep'), 'a'.repeat(50), 'b'.repeat(50), 'town');

const servers: net.Server[] = [];
afterAll(() => {
	for (const server of servers) server.close();
});

/** A socket "someone else" listens on, recording what it is sent. */
async function plantSocket(file: string) {
	const received: string[] = [];
	const server = net.createServer(socket => socket.on('data', chunk => received.push(String(chunk))));
	servers.push(server);
	await new Promise<void>(resolve => server.listen(file, resolve));
	return received;
}

describe('socketPathFor a deep town', () => {
	it('is <base>/gt-<uid>/<hash>.sock in a 0700 directory, whatever TMPDIR says', () => {
		const town = deepTown();
		const runtime = tempDir('xdg');
		const socket = socketPathFor(town, {vars: {XDG_RUNTIME_DIR: runtime}});
		expect(path.dirname(socket)).toBe(path.join(runtime, `gt-${uid}`));
		expect(path.basename(socket)).toMatch(/^[0-9a-f]{16}\.sock$/);
		expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);

		const saved = process.env.TMPDIR;
		try {
			process.env.TMPDIR = tempDir('shell-one');
			const one = socketPathFor(town, {vars: {}});
			process.env.TMPDIR = tempDir('shell-two');
			const two = socketPathFor(town, {vars: {}});
			expect(two).toBe(one);
			expect(path.dirname(one)).toBe(`/tmp/gt-${uid}`);
		} finally {
			if (saved === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = saved;
		}
	});

	it('refuses a socket directory someone else made or can write into, in one line saying what to do', async () => {
		const town = deepTown();
		const writable = tempDir('xdg');
		mkdirSync(path.join(writable, `gt-${uid}`));
		chmodSync(path.join(writable, `gt-${uid}`), 0o777);
		expect(await oneLine(() => socketPathFor(town, {vars: {XDG_RUNTIME_DIR: writable}}))).toBe(
			`${writable}/gt-${uid} is writable by group or others (mode 0777): gt will not put its socket there — if it is yours, \`chmod 700 ${writable}/gt-${uid}\`; otherwise remove it if you did not make it, or set XDG_RUNTIME_DIR to a directory only you can write`,
		);

		const foreign = tempDir('xdg');
		mkdirSync(path.join(foreign, `gt-${uid}`), {mode: 0o700});
		chownSync(path.join(foreign, `gt-${uid}`), 12345, 12345);
		expect(await oneLine(() => socketPathFor(town, {vars: {XDG_RUNTIME_DIR: foreign}}))).toMatch(/belongs to uid 12345, not to you \(uid 0\): gt will not put its socket there — remove it/);

		const linked = tempDir('xdg');
		symlinkSync(tempDir('elsewhere'), path.join(linked, `gt-${uid}`));
		expect(await oneLine(() => socketPathFor(town, {vars: {XDG_RUNTIME_DIR: linked}}))).toMatch(/is not a directory \(a symlink\)/);
		// The expected owner can be injected (a test runs as root).
		expect(await oneLine(() => socketPathFor(town, {vars: {XDG_RUNTIME_DIR: tempDir('xdg')}, uid: 4242}))).toMatch(/belongs to uid 0, not to you \(uid 4242\)/);
	});
});

describe('DaemonClient.connect to a planted socket', () => {
	it('refuses a socket of another user before sending it anything', async () => {
		const file = path.join(tempDir('plant'), 'gt.sock');
		const received = await plantSocket(file);
		chmodSync(file, 0o600);
		chownSync(file, 12345, 12345);
		expect(await oneLine(() => DaemonClient.connect(file))).toBe(`the daemon socket ${file} belongs to uid 12345, not to you (uid 0): gt will not talk to it — stop whatever made it and remove ${file}; \`gt up\` then starts a daemon of your own`);
		expect(received).toEqual([]);
	});

	it('refuses a socket open to group or others, and anything that is not a socket', async () => {
		const file = path.join(tempDir('plant'), 'gt.sock');
		await plantSocket(file);
		chmodSync(file, 0o666);
		expect(await oneLine(() => DaemonClient.connect(file))).toMatch(/is open to group or others \(mode 0666\): gt will not talk to it — /);
		chmodSync(file, 0o600);
		const client = await DaemonClient.connect(file);
		expect(client).toBeDefined();
		client!.close();
		expect(await DaemonClient.connect(path.join(tempDir('plant'), 'none.sock'))).toBeUndefined();
	});
});
