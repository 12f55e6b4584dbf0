// Shared by the process benchmarks: the built binaries, /proc sampling, the daemon
// socket, waiting, a town of busy sim agents, statistics, tables and result files.
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {execFileSync, spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

export const repo = fileURLToPath(new URL('..', import.meta.url));
/** The built binaries under test: <repo>/dist, or GT_DIST. */
export const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
export const node = process.execPath;
export const gtJs = path.join(dist, 'gt.js');
export const bdJs = path.join(dist, 'bd.js');

const run = (program, args, cwd, env) => execFileSync(program, args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
/** `gt …` / `bd …` from the built binaries; their stdout, trimmed; throws on a non-zero exit. */
export const gt = (args, cwd, env) => run(node, [gtJs, ...args], cwd, env);
export const bd = (args, cwd, env) => run(node, [bdJs, ...args], cwd, env);

export function requireDist() {
	for (const file of [gtJs, bdJs]) if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` or set GT_DIST`);
}

/** The machine, for reports: printed and kept in the results file. */
export function machineInfo() {
	return {cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`};
}

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

/**
 * The town every agent-load benchmark uses, under `tmp`: benchHomeAndSource, then
 * `gt install <tmp>/town --git`, the repository as rig `bm`, default agent sim.
 */
export function simTown(tmp) {
	const {env, source} = benchHomeAndSource(tmp);
	const town = path.join(tmp, 'town');
	gt(['install', town, '--git'], tmp, env);
	gt(['rig', 'add', 'bm', source], town, env);
	gt(['config', 'default-agent', 'sim'], town, env);
	return {town, rig: path.join(town, 'bm'), env, source};
}

/** The daemon environment that keeps every sim polecat working and streaming: a filler line every chatterMs, a 1 h step. */
export const busySimEnv = chatterMs => ({GT_SIM_CHATTER: String(chatterMs), GT_SIM_SPEED: '3600000'});

/**
 * Our own `gt daemon run` child in `town` (its environment, env + extraEnv, is the
 * agents'), logging to .runtime/daemon.log, and a socket client to it.
 */
export async function startDaemon(town, env, extraEnv = {}) {
	mkdirSync(path.join(town, '.runtime'), {recursive: true});
	const log = openSync(path.join(town, '.runtime', 'daemon.log'), 'a');
	const daemon = spawn(node, [gtJs, 'daemon', 'run'], {cwd: town, env: {...env, GT_ROOT: town, ...extraEnv}, stdio: ['ignore', log, log]});
	closeSync(log);
	const exited = new Promise(resolve => daemon.once('exit', resolve));
	const socket = socketPath(town);
	try {
		const client = await waitFor('the daemon socket', async () => existsSync(socket) && connect(socket).catch(() => undefined), 15_000);
		return {daemon, exited, client, status: () => client.request('status')};
	} catch (error) {
		daemon.kill('SIGKILL');
		throw error;
	}
}

/** `count` beads in rig `bm`, out in one `gt sling`, then waits until that many agents run; their ids. */
export async function slingBusy({town, rig, env, status, count}) {
	const ids = Array.from({length: count}, (_, i) => bd(['create', `Load ${i + 1}: read src/file-${(i % 20) + 1}.js`, '--silent'], rig, env));
	gt(['sling', ...ids, 'bm'], town, env);
	await waitFor(`${count} running agents`, async () => (await status()).sessions.filter(s => s.pid && s.state.state !== 'exited').length >= count);
	return ids;
}

// ---- statistics, tables, results --------------------------------------------

export const quantile = (values, q) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
export const median = values => quantile(values, 0.5);
export const mean = values => values.reduce((sum, v) => sum + v, 0) / values.length;
export const mib = kib => kib / 1024;

export function printTable(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
	const line = row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	console.log(`\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`);
	for (const row of rows) console.log(line(row));
}

/** Writes bench/results/<name>.json (the folder ignored by git) and prints where. */
export function writeResults(name, report) {
	const resultsDir = path.join(repo, 'bench', 'results');
	mkdirSync(resultsDir, {recursive: true});
	if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
	const file = path.join(resultsDir, `${name}.json`);
	writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
	console.log(`results: ${path.relative(process.cwd(), file)}`);
}

/** Spawns `node <args>` once, drains stdout/stderr, resolves {ms, bytes, stdout}; rejects on a non-zero exit. */
export function runNode(args, cwd, env) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(node, args, {cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? {env} : {})});
		const out = [];
		let bytes = 0;
		let stderr = '';
		child.stdout.on('data', chunk => { bytes += chunk.length; out.push(chunk); });
		child.stderr.on('data', chunk => { stderr += chunk; });
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - started;
			if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
			else resolve({ms, bytes, stdout: Buffer.concat(out).toString('utf8')});
		});
	});
}

/**
 * Whole-process timing of `node <args>`: warm-up runs, then `runs` timed runs, each right
 * after a bare `node -e 0` it is compared with (on a shared, busy machine the ratio to these
 * paired starts drifts far less than one to a baseline taken earlier). `args` may be a
 * function of the run number (for writes that must differ per run).
 */
export async function timePaired(name, args, cwd, {runs = 20, warmups = 2, env} = {}) {
	const argsOf = typeof args === 'function' ? args : () => args;
	let run = 0;
	for (let i = 0; i < warmups; i++) await runNode(argsOf(run++), cwd, env);
	const times = [];
	const paired = [];
	let bytes = 0;
	for (let i = 0; i < runs; i++) {
		paired.push((await runNode(['-e', '0'], cwd, env)).ms);
		const result = await runNode(argsOf(run++), cwd, env);
		times.push(result.ms);
		bytes = result.bytes;
	}
	return {name, median: quantile(times, 0.5), p90: quantile(times, 0.9), min: Math.min(...times), stdoutBytes: bytes, runs, pairedNodeMedian: quantile(paired, 0.5)};
}
