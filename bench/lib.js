// Shared by the process benchmarks: /proc sampling, the daemon socket, waiting.
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

const tick = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;

/** {comm, cpuSeconds, ppid, rssKiB} of a process, or undefined once it is gone. */
export function proc(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return {comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / tick, rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)};
	} catch {
		return undefined;
	}
}

export const childrenOf = ppid => readdirSync('/proc').filter(name => /^\d+$/.test(name)).map(Number)
	.filter(pid => { try { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === ppid; } catch { return false; } });

/** The daemon's socket, as core/daemon/daemon-paths.ts computes it. */
export function socketPath(town) {
	const preferred = path.join(town, '.runtime', 'gt.sock');
	if (Buffer.byteLength(preferred) <= 100) return preferred;
	return path.join(os.tmpdir(), `gt-${createHash('sha256').update(path.resolve(town)).digest('hex').slice(0, 16)}.sock`);
}

/** A minimal JSON-lines client: request(method, params) → result. */
export async function connect(socket) {
	const conn = net.createConnection(socket);
	await new Promise((resolve, reject) => conn.once('connect', resolve).once('error', reject));
	const pending = new Map();
	let buffer = '';
	let next = 1;
	conn.setEncoding('utf8').on('data', chunk => {
		buffer += chunk;
		for (let at; (at = buffer.indexOf('\n')) >= 0;) {
			const message = JSON.parse(buffer.slice(0, at));
			buffer = buffer.slice(at + 1);
			const answer = pending.get(message.id);
			pending.delete(message.id);
			if (message.ok) answer?.resolve(message.result);
			else answer?.reject(new Error(message.error?.message ?? 'daemon error'));
		}
	});
	return {
		request: (method, params) => new Promise((resolve, reject) => {
			const id = next++;
			pending.set(id, {resolve, reject});
			conn.write(`${JSON.stringify({id, method, ...(params ? {params} : {})})}\n`);
		}),
		close: () => conn.destroy(),
	};
}

export async function waitFor(what, test, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await test();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

/**
 * A fixed HOME with a git identity, and a small git repository of 20 files under
 * `tmp`: what every agent benchmark builds its town from.
 */
export function benchHomeAndSource(tmp) {
	const home = path.join(tmp, 'home');
	mkdirSync(home);
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n');
	const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: 'bench', LANG: 'C.UTF-8', TMPDIR: os.tmpdir(),
		GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0'};
	const source = path.join(tmp, 'source');
	mkdirSync(path.join(source, 'src'), {recursive: true});
	for (let i = 1; i <= 20; i++) writeFileSync(path.join(source, 'src', `file-${i}.js`), `export const value${i} = ${i};\n`);
	writeFileSync(path.join(source, 'README.md'), '# bench\n');
	for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '-m', 'initial']]) execFileSync('git', args, {cwd: source, env, stdio: 'ignore'});
	return {env, source};
}
