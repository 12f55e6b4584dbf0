// Crash campaign: "nothing lost, nothing hung" under SIGKILL.
//
//   1. Daemon kills (CRASH_ROUNDS, default 20). A temp town (gt install, a small git
//      repo as rig `bm`, default agent sim with GT_SIM_SPEED=1h so polecats keep
//      working) with 5 beads slung to polecats. Each round SIGKILLs the town's daemon
//      at a random point, cycling through three kinds:
//        steady   — a random 0–1.5 s after the last round settled;
//        startup  — a random 0–700 ms after `gt up` was started (the daemon coming up);
//        respawn  — the moment .runtime/daemon.log shows "respawned (pid" after `gt up`
//                   (the daemon halfway through bringing the agents back);
//      then `gt up` (again). Within CRASH_SETTLE_MS every hooked bead must have a live
//      session (`gt agents --json`: its bead, a pid that is alive and not a zombie, not
//      exited) and `gt hooks list --json` must still show it hooked. A bead without one
//      is a lost agent. Every command runs with a timeout; one over it is a hang.
//   2. Writer kills (CRASH_KILLS, default 200, split over 1k and 10k ledgers built with
//      the ledger bench's generator). Batches of concurrent `bd create/update/close`
//      (CRASH_WRITERS per batch, default 6, each on a distinct bead), two of them
//      SIGKILLed at a random point of a write's lifetime (calibrated per ledger). After
//      each batch: every write whose process exited 0 (and, for create, printed its id)
//      is in the ledger (`bd show --json`); `bd list --json` exits 0; the next write
//      succeeds within 2 s (no stuck lock); then every line of every .beads/*.jsonl
//      parses and ends with a newline (a torn journal tail must be cut off by that
//      next write).
// Prints a summary table; exits non-zero (process.exitCode = 1) when any count of
// lost agents, hangs, lost writes, broken files or stuck locks is not zero.
//
// Run:  node scripts/build.js && node bench/run.js crash
//       GT_DIST=/tmp/x/dist CRASH_ROUNDS=5 CRASH_KILLS=40 node bench/run.js crash
// Env:  GT_DIST, CRASH_ROUNDS (20), CRASH_KILLS (200), CRASH_WRITERS (6),
//       CRASH_BEADS (ledger sizes; default 1000,10000), CRASH_SETTLE_MS (20000),
//       CRASH_SEED (random seed; default: time), BENCH_KEEP=1 keeps the temp dirs.
// Results: bench/results/crash.json
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {generateBeads, jsonLine} from './ledger.bench.js';
import {benchHomeAndSource} from './lib.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const rounds = Number(process.env.CRASH_ROUNDS ?? 20);
const kills = Number(process.env.CRASH_KILLS ?? 200);
const writersPerBatch = Math.max(3, Number(process.env.CRASH_WRITERS ?? 6));
const killsPerBatch = 2;
const ledgerSizes = (process.env.CRASH_BEADS ?? '1000,10000').split(',').map(Number).filter(n => n > 0);
const settleMs = Number(process.env.CRASH_SETTLE_MS ?? 20_000);
const keep = process.env.BENCH_KEEP === '1';
const node = process.execPath;
const gtJs = path.join(dist, 'gt.js');
const bdJs = path.join(dist, 'bd.js');
const hookedBeads = 5;

let seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const seedUsed = seed;
const random = () => { // mulberry32
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = n => Math.floor(random() * n);

// ---- processes with a timeout ------------------------------------------------

const hangs = [];

/**
 * Starts a process; `done` resolves {code, signal, stdout, stderr, ms, hung}. A process
 * still running after timeoutMs is SIGKILLed and recorded as a hang.
 */
function start(program, args, {cwd, env, timeoutMs = 30_000, label}) {
	const started = performance.now();
	const child = spawn(program, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	let hung = false;
	child.stdout.on('data', chunk => { stdout += chunk; });
	child.stderr.on('data', chunk => { stderr += chunk; });
	const timer = setTimeout(() => {
		hung = true;
		hangs.push(`${label ?? args.slice(1).join(' ')} (over ${timeoutMs} ms)`);
		child.kill('SIGKILL');
	}, timeoutMs);
	const done = new Promise(resolve => child.on('close', (code, signal) => {
		clearTimeout(timer);
		resolve({code, signal, stdout, stderr, ms: performance.now() - started, hung});
	}));
	return {child, done};
}
const gtRun = (args, cwd, env, timeoutMs = 30_000) => start(node, [gtJs, ...args], {cwd, env, timeoutMs, label: `gt ${args.join(' ')}`}).done;
const bdRun = (args, cwd, env, timeoutMs = 30_000) => start(node, [bdJs, ...args], {cwd, env, timeoutMs, label: `bd ${args.join(' ')}`}).done;
async function ok(resultPromise, what) {
	const result = await resultPromise;
	if (result.code !== 0) throw new Error(`${what} exited ${result.code ?? result.signal}: ${result.stderr.trim()}`);
	return result.stdout.trim();
}

/** Alive and not a zombie. */
function alive(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
	} catch {
		return false;
	}
}

/** Every live process whose working directory is inside `dir` (our town's daemon and agents). */
function processesUnder(dir) {
	const found = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
		try {
			const cwd = readlinkSync(`/proc/${name}/cwd`);
			if ((cwd === dir || cwd.startsWith(`${dir}/`)) && alive(Number(name))) found.push({pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean)});
		} catch { /* gone or not ours */ }
	}
	return found;
}
const daemonPids = town => processesUnder(town).filter(p => p.cmdline.includes(gtJs) && p.cmdline.at(-2) === 'daemon' && p.cmdline.at(-1) === 'run').map(p => p.pid);
const killAll = pids => { for (const pid of pids) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } };

// ---- 1. daemon kills ---------------------------------------------------------

async function daemonCampaign(tmp) {
	const town = path.join(tmp, 'town');
	const rig = path.join(town, 'bm');
	const {env: baseEnv, source} = benchHomeAndSource(tmp);
	const env = {...baseEnv, GT_SIM_SPEED: '3600000'}; // the daemon gt up starts inherits it, and so do its agents
	const result = {rounds: 0, kinds: {}, lost: 0, lostDetail: [], hangsBefore: hangs.length, killed: 0, recoverMs: [], notes: []};
	try {
		await ok(gtRun(['install', town, '--git'], tmp, env), 'gt install');
		await ok(gtRun(['rig', 'add', 'bm', source], town, env), 'gt rig add');
		await ok(gtRun(['config', 'default-agent', 'sim'], town, env), 'gt config default-agent');
		const ids = [];
		for (let i = 0; i < hookedBeads; i++) ids.push(await ok(bdRun(['create', `Crash ${i + 1}: read src/file-${i + 1}.js`, '--silent'], rig, env), 'bd create'));
		await ok(gtRun(['sling', ...ids, 'bm'], town, env, 60_000), 'gt sling');
		const log = path.join(town, '.runtime', 'daemon.log');
		const logSize = () => (existsSync(log) ? readFileSync(log).length : 0);

		const check = async () => { // every hooked bead with a live session, within settleMs
			const deadline = Date.now() + settleMs;
			let missing = ids;
			let notHooked = [];
			while (Date.now() < deadline) {
				const agents = await gtRun(['agents', '--json'], town, env, 10_000);
				const hooks = await gtRun(['hooks', 'list', '--json'], town, env, 10_000);
				if (agents.code === 0 && hooks.code === 0) {
					const sessions = JSON.parse(agents.stdout);
					const hooked = new Set(JSON.parse(hooks.stdout).filter(h => h.bead?.hooked).map(h => h.bead.id));
					notHooked = ids.filter(id => !hooked.has(id));
					missing = ids.filter(id => !sessions.some(s => s.bead === id && s.pid && alive(s.pid) && s.state?.state !== 'exited'));
					if (missing.length === 0 && notHooked.length === 0) return {missing, notHooked};
				}
				await sleep(250);
			}
			return {missing, notHooked};
		};
		const first = await check();
		if (first.missing.length || first.notHooked.length) throw new Error(`the town did not start its ${hookedBeads} polecats: missing ${first.missing.join(' ')} not hooked ${first.notHooked.join(' ')}`);

		const kinds = ['steady', 'startup', 'respawn'];
		for (let round = 0; round < rounds; round++) {
			const kind = kinds[round % kinds.length];
			result.kinds[kind] = (result.kinds[kind] ?? 0) + 1;
			if (kind === 'steady') {
				await sleep(int(1500));
				const pids = daemonPids(town);
				killAll(pids);
				result.killed += pids.length;
			} else {
				// Kill the daemon first, then kill again while `gt up` brings it back.
				killAll(daemonPids(town));
				await sleep(100);
				const before = daemonPids(town);
				const offset = logSize();
				const up = start(node, [gtJs, 'up'], {cwd: town, env, timeoutMs: 30_000, label: `gt up (round ${round + 1}, ${kind})`});
				let exited = false;
				void up.done.then(() => { exited = true; });
				const delay = int(700);
				const t0 = Date.now();
				let target;
				while (!exited && Date.now() - t0 < 15_000) {
					const fresh = daemonPids(town).filter(pid => !before.includes(pid));
					if (kind === 'startup' && fresh.length && Date.now() - t0 >= delay) { target = fresh; break; }
					if (kind === 'respawn' && fresh.length && readFileSync(log).subarray(offset).includes('respawned (pid')) { target = fresh; break; }
					await sleep(kind === 'respawn' ? 5 : 20);
				}
				if (target) { killAll(target); result.killed += target.length; }
				else result.notes.push(`round ${round + 1} (${kind}): gt up finished before the kill point; killed after it instead`), killAll(daemonPids(town));
				const upResult = await up.done; // may fail (its daemon died under it); it must not hang
				if (upResult.code !== 0 && !upResult.hung) result.notes.push(`round ${round + 1} (${kind}): the interrupted gt up exited ${upResult.code}: ${upResult.stderr.trim().split('\n')[0]}`);
			}
			const t = performance.now();
			const up = await gtRun(['up'], town, env, 30_000);
			if (up.code !== 0 && !up.hung) result.notes.push(`round ${round + 1}: gt up exited ${up.code}: ${up.stderr.trim()}`);
			const {missing, notHooked} = await check();
			result.recoverMs.push(performance.now() - t);
			result.rounds++;
			const lost = new Set([...missing, ...notHooked]);
			result.lost += lost.size;
			if (lost.size) result.lostDetail.push(`round ${round + 1} (${kind}): no live session ${missing.join(' ') || '-'}, not hooked ${notHooked.join(' ') || '-'}`);
			const daemons = daemonPids(town).length;
			if (daemons !== 1) result.notes.push(`round ${round + 1}: ${daemons} daemons running after gt up`);
			process.stdout.write(`  round ${String(round + 1).padStart(2)} ${kind.padEnd(7)} lost ${lost.size}  recovered in ${(performance.now() - t).toFixed(0)} ms\n`);
		}
	} finally {
		await gtRun(['down'], town, env, 30_000).catch(() => undefined);
		await sleep(200);
		killAll(processesUnder(town).map(p => p.pid)); // anything of this town still up
	}
	result.hangs = hangs.length - result.hangsBefore;
	return result;
}

// ---- 2. writer kills ---------------------------------------------------------

function ledgerFilesProblems(beadsDir) {
	const problems = [];
	for (const name of readdirSync(beadsDir).filter(n => n.endsWith('.jsonl'))) {
		const text = readFileSync(path.join(beadsDir, name), 'utf8');
		if (text.length === 0) continue;
		if (!text.endsWith('\n')) problems.push(`${name}: last line has no newline`);
		const lines = text.split('\n');
		if (lines.at(-1) === '') lines.pop();
		lines.forEach((line, i) => { try { JSON.parse(line); } catch { problems.push(`${name}:${i + 1}: does not parse (${line.slice(0, 60)}…)`); } });
	}
	return problems;
}

async function writerCampaign(tmp, size, killsHere) {
	const dir = path.join(tmp, `ledger-${size}`);
	mkdirSync(dir);
	const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, USER: 'bench', LANG: 'C.UTF-8', BD_ACTOR: 'crash'};
	await ok(bdRun(['init', '--prefix', 'bm'], dir, env), 'bd init');
	const beads = generateBeads(size);
	writeFileSync(path.join(dir, '.beads', 'issues.jsonl'), `${beads.map(jsonLine).join('\n')}\n`);
	const parents = new Set(beads.flatMap(b => (b.dependencies ?? []).map(d => d.depends_on_id)));
	const free = beads.filter(b => b.status === 'open' && !b.dependencies?.length && !parents.has(b.id) && !b.id.includes('.')).map(b => b.id);
	// Updates pick any free bead (distinct within a batch); closes take beads this campaign
	// created (no dependencies, so always closable), falling back to free ones.
	const fresh = [];
	let inBatch = new Set();
	const take = op => {
		const list = op === 'close' && fresh.length ? fresh : free;
		for (let tries = 0; tries < 1000; tries++) {
			const at = int(list.length);
			const id = list[at];
			if (inBatch.has(id)) continue;
			inBatch.add(id);
			if (op === 'close') list.splice(at, 1);
			return id;
		}
		throw new Error(`ledger ${size}: ran out of beads to ${op}`);
	};
	const result = {size, batches: 0, writes: 0, acknowledged: 0, killed: 0, killedLanded: 0, lost: 0, lostDetail: [], brokenFiles: 0, brokenDetail: [], stuckLocks: 0, stuckDetail: [], tornTailsSeen: 0, otherFailures: [], hangsBefore: hangs.length, nextWriteMs: []};

	// Calibrate: how long one write process lives at this size.
	const lifetimes = [];
	for (let i = 0; i < 3; i++) lifetimes.push((await bdRun(['update', take('update'), '--title', `calibrate ${i}`], dir, env)).ms);
	const life = lifetimes.sort((a, b) => a - b)[1];
	let token = 0;
	while (result.killed < killsHere) {
		const writers = [];
		inBatch = new Set();
		for (let w = 0; w < writersPerBatch; w++) {
			const op = ['create', 'update', 'close'][w % 3];
			const mark = `crash-${size}-${++token}`;
			const id = op === 'create' ? undefined : take(op);
			const args = op === 'create' ? ['create', mark, '--silent'] : op === 'update' ? ['update', id, '--title', mark] : ['close', id, '-r', mark];
			writers.push({op, id, mark, args, run: start(node, [bdJs, ...args], {cwd: dir, env, timeoutMs: 30_000, label: `bd ${args.join(' ')}`})});
		}
		const victims = new Set();
		while (victims.size < Math.min(killsPerBatch, killsHere - result.killed)) victims.add(int(writers.length));
		// Concurrent writers queue on the lock, so a kill anywhere up to a few lifetimes lands mid-write.
		await Promise.all([...victims].map(async index => {
			await sleep(life * (0.2 + random() * 2.8));
			writers[index].run.child.kill('SIGKILL');
		}));
		const outcomes = await Promise.all(writers.map(w => w.run.done));
		result.batches++;
		result.writes += writers.length;
		const acknowledged = [];
		outcomes.forEach((outcome, i) => {
			const w = writers[i];
			if (outcome.signal === 'SIGKILL' && !outcome.hung) {
				result.killed++;
				w.killed = true;
			} else if (outcome.code === 0) {
				if (w.op === 'create') w.id = outcome.stdout.trim(), fresh.push(w.id);
				acknowledged.push(w);
			} else if (!outcome.hung) result.otherFailures.push(`bd ${w.args.join(' ')} exited ${outcome.code}: ${outcome.stderr.trim()}`);
		});
		result.acknowledged += acknowledged.length;
		// Every acknowledged write is in the ledger.
		const checkIds = [...acknowledged, ...writers.filter(w => w.killed && w.id)].map(w => w.id);
		const shown = checkIds.length ? await bdRun(['show', ...checkIds, '--json'], dir, env) : {code: 0, stdout: '[]'};
		const byId = new Map();
		if (shown.code === 0) for (const bead of JSON.parse(shown.stdout)) byId.set(bead.id, bead);
		for (const w of acknowledged) {
			const bead = byId.get(w.id);
			const landed = bead && (w.op === 'create' ? bead.title === w.mark : w.op === 'update' ? bead.title === w.mark : bead.status === 'closed' && (bead.close_reason ?? w.mark) === w.mark);
			if (!landed) { result.lost++; result.lostDetail.push(`${w.op} ${w.id ?? '(no id printed)'} ${w.mark}: ${bead ? `found ${JSON.stringify({title: bead.title, status: bead.status, close_reason: bead.close_reason})}` : `not in the ledger (${shown.stderr.trim()})`}`); }
		}
		for (const w of writers.filter(x => x.killed && x.id)) {
			const bead = byId.get(w.id);
			if (bead && (bead.title === w.mark || (w.op === 'close' && bead.status === 'closed'))) result.killedLanded++;
		}
		// The files parse (through bd, and every line by hand).
		const tornBefore = ledgerFilesProblems(path.join(dir, '.beads')).filter(p => p.includes('no newline')).length;
		result.tornTailsSeen += tornBefore;
		const list = await bdRun(['list', '--json', '--all'], dir, env);
		if (list.code !== 0) {
			const plain = await bdRun(['list', '--json'], dir, env);
			if (plain.code !== 0) { result.brokenFiles++; result.brokenDetail.push(`batch ${result.batches}: bd list --json exited ${plain.code}: ${plain.stderr.trim()}`); }
		}
		// The lock is not stuck: the next write succeeds within 2 s.
		const next = await bdRun(['create', `after batch ${result.batches}`, '--silent'], dir, env, 10_000);
		result.nextWriteMs.push(next.ms);
		if (next.code === 0) fresh.push(next.stdout.trim());
		if (next.code !== 0 || next.ms > 2000) { result.stuckLocks++; result.stuckDetail.push(`batch ${result.batches}: next write exit ${next.code ?? next.signal} after ${next.ms.toFixed(0)} ms: ${next.stderr.trim()}`); }
		const problems = ledgerFilesProblems(path.join(dir, '.beads'));
		if (problems.length) { result.brokenFiles++; result.brokenDetail.push(`batch ${result.batches}: ${problems.slice(0, 3).join('; ')}`); }
	}
	result.lifeMs = life;
	result.hangs = hangs.length - result.hangsBefore;
	return result;
}

// ---- the campaign -------------------------------------------------------------

export default async function runBench() {
	for (const file of [gtJs, bdJs]) if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` or set GT_DIST`);
	const started = performance.now();
	console.log(`dist: ${dist}   seed ${seedUsed}   daemon rounds ${rounds}   writer kills ${kills} over ledgers of ${ledgerSizes.join(', ')} beads, ${writersPerBatch} writers a batch`);
	const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'gt-bench-crash-')));
	let daemon;
	const ledgers = [];
	try {
		if (rounds > 0) {
			console.log('\n1. daemon kills');
			daemon = await daemonCampaign(tmp);
		}
		if (kills > 0) {
			console.log('\n2. writer kills');
			let remaining = kills;
			for (const [i, size] of ledgerSizes.entries()) {
				const here = Math.ceil(remaining / (ledgerSizes.length - i));
				remaining -= here;
				const r = await writerCampaign(tmp, size, here);
				ledgers.push(r);
				console.log(`  ledger ${size}: ${r.batches} batches, ${r.writes} writes, ${r.acknowledged} acknowledged, ${r.killed} killed (${r.killedLanded} of them landed anyway), write lifetime ~${r.lifeMs.toFixed(0)} ms`);
			}
		}
	} finally {
		if (!keep) rmSync(tmp, {recursive: true, force: true});
		else console.log(`kept ${tmp}`);
	}
	const rows = [];
	if (daemon) {
		const recover = [...daemon.recoverMs].sort((a, b) => a - b);
		rows.push([`daemon kills ×${daemon.rounds} (${Object.entries(daemon.kinds).map(([k, n]) => `${k} ${n}`).join(', ')})`, 'hooked agents lost', daemon.lost]);
		rows.push(['', 'hangs', daemon.hangs]);
		rows.push(['', 'recovery median / max ms', `${recover[Math.floor((recover.length - 1) / 2)]?.toFixed(0)} / ${recover.at(-1)?.toFixed(0)}`]);
	}
	for (const r of ledgers) {
		rows.push([`writer kills ×${r.killed} (${r.size} beads)`, 'acknowledged writes lost', r.lost]);
		rows.push(['', 'broken files', r.brokenFiles]);
		rows.push(['', 'stuck locks', r.stuckLocks]);
		rows.push(['', 'hangs', r.hangs]);
		rows.push(['', 'acknowledged / other failures', `${r.acknowledged} / ${r.otherFailures.length}`]);
		rows.push(['', 'torn journal tails seen (cut by next write)', r.tornTailsSeen]);
		rows.push(['', 'next write max ms', Math.max(...r.nextWriteMs).toFixed(0)]);
	}
	const width = [0, 1].map(c => Math.max(...rows.map(row => String(row[c]).length)));
	console.log('\nsummary');
	for (const row of rows) console.log(`  ${String(row[0]).padEnd(width[0])}  ${String(row[1]).padEnd(width[1])}  ${row[2]}`);
	const details = [...(daemon?.lostDetail ?? []), ...ledgers.flatMap(r => [...r.lostDetail, ...r.brokenDetail, ...r.stuckDetail]), ...hangs.map(h => `hang: ${h}`)];
	const notes = [...(daemon?.notes ?? []), ...ledgers.flatMap(r => r.otherFailures.map(f => `ledger ${r.size}: ${f}`))];
	if (details.length) console.log(`\nfailures:\n${details.map(d => `  ${d}`).join('\n')}`);
	if (notes.length) console.log(`\nnotes (not counted):\n${notes.slice(0, 30).map(d => `  ${d.length > 160 ? `${d.slice(0, 160)}…` : d}`).join('\n')}${notes.length > 30 ? `\n  … ${notes.length - 30} more` : ''}`);
	const bad = (daemon ? daemon.lost + daemon.hangs : 0) + ledgers.reduce((sum, r) => sum + r.lost + r.brokenFiles + r.stuckLocks + r.hangs, 0);
	console.log(`\n${bad === 0 ? 'PASS' : 'FAIL'}: ${bad} problems in ${((performance.now() - started) / 1000).toFixed(0)} s (seed ${seedUsed})`);
	mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
	writeFileSync(path.join(repo, 'bench', 'results', 'crash.json'), `${JSON.stringify({seed: seedUsed, rounds, kills, daemon, ledgers, hangs, at: new Date().toISOString()}, null, 2)}\n`);
	if (bad !== 0) process.exitCode = 1;
}
