// Agents benchmark: the town daemon under 30 busy `sim` agents, and sling latency.
//
// In a temp town made with the built binaries (gt install, a small git repo as rig
// `bm`, default agent sim), with our own `gt daemon run` child whose environment the
// agents inherit: GT_SIM_CHATTER (a filler line every BENCH_CHATTER_MS) and
// GT_SIM_SPEED=1h, so every polecat sits in the first step of its work ("Checking my
// hook", spinner turning) and chatters: working, never finishing. (GT_SIM_STALL would
// keep them working too, but a stalled sim writes nothing by design.)
//   1. Load: the daemon idle for 3 s (0 agents), then 30 beads in one `gt sling`
//      (one polecat each); once all 30 run, BENCH_SECONDS of samples, one a second:
//      daemon CPU (utime+stime deltas from /proc/<pid>/stat, in cores), daemon RSS,
//      and the RSS and CPU of the agent processes (the daemon's children, by ppid).
//      Output flow: growth of <town>/.runtime/transcripts (each is capped at 5 MiB,
//      ~5 min at these rates: longer runs undercount).
//   2. Sling latency: BENCH_SLINGS beads slung one at a time (`gt sling <id> bm`),
//      from command start to the session having a pid (status polled every 10 ms),
//      to its first output, and to the command's exit; each polecat is stopped once
//      measured, so every sling meets an otherwise idle daemon. Baseline: a bare
//      `git worktree add -b <branch> <dir> main` in the rig's .repo.git, as often.
// Targets from the issue: daemon below half a core with 30 busy agents; sling
// (command start to agent pid) within 1 s plus the worktree's own cost.
//
// Run:  npm run bench            (builds dist/ first)
//       BENCH_SECONDS=10 node bench/run.js agents
// Env:  GT_DIST (default <repo>/dist), BENCH_SECONDS (60), BENCH_AGENTS (30),
//       BENCH_SLINGS (10), BENCH_CHATTER_MS (100), BENCH_KEEP=1 keeps the temp town,
//       BENCH_CPU_PROF=1 runs the daemon with --cpu-prof and prints its top functions.
// Results: bench/results/agents.json
import {execFileSync, spawn} from 'node:child_process';
import {closeSync, existsSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {benchHomeAndSource, childrenOf, connect, proc, socketPath, waitFor} from './lib.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const agentCount = Number(process.env.BENCH_AGENTS ?? 30);
const slings = Number(process.env.BENCH_SLINGS ?? 10);
const chatterMs = Number(process.env.BENCH_CHATTER_MS ?? 100);
const profile = process.env.BENCH_CPU_PROF === '1';
const node = process.execPath;
const gtJs = path.join(dist, 'gt.js');
const bdJs = path.join(dist, 'bd.js');

// ---- processes, /proc, the daemon socket ----------------------------------

const run = (program, args, cwd, env) => execFileSync(program, args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
const gt = (args, cwd, env) => run(node, [gtJs, ...args], cwd, env);
const bd = (args, cwd, env) => run(node, [bdJs, ...args], cwd, env);

/** Spawn → exit in ms; rejects on a non-zero exit. */
function timed(program, args, cwd, env) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(program, args, {cwd, env, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', chunk => { stderr += chunk; });
		child.on('error', reject);
		child.on('close', code => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.trim()}`))));
	});
}

const dirBytes = dir => (existsSync(dir) ? readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) : 0);
const median = values => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const mean = values => values.reduce((sum, v) => sum + v, 0) / values.length;
const mib = kib => kib / 1024;

// ---- the benchmark ---------------------------------------------------------

export default async function runBench() {
	for (const file of [gtJs, bdJs]) if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` or set GT_DIST`);
	const machine = {cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`};
	console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform})`);
	console.log(`dist: ${dist}   agents: ${agentCount}, ${seconds} s, chatter every ${chatterMs} ms   slings: ${slings}`);

	const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'gt-bench-agents-')));
	const town = path.join(tmp, 'town');
	const rig = path.join(town, 'bm');
	const {env, source} = benchHomeAndSource(tmp);
	let daemon;
	const agentPids = new Set();
	try {
		gt(['install', town, '--git'], tmp, env);
		gt(['rig', 'add', 'bm', source], town, env);
		gt(['config', 'default-agent', 'sim'], town, env);
		const newBeads = (count, label) => Array.from({length: count}, (_, i) => bd(['create', `${label} ${i + 1}: read src/file-${(i % 20) + 1}.js`, '--silent'], rig, env));

		// Our daemon: its environment is the agents' environment.
		const daemonEnv = {...env, GT_ROOT: town, GT_SIM_CHATTER: String(chatterMs), GT_SIM_SPEED: '3600000'};
		const profDir = path.join(tmp, 'cpu-prof');
		mkdirSync(path.join(town, '.runtime'), {recursive: true});
		const log = openSync(path.join(town, '.runtime', 'daemon.log'), 'a');
		daemon = spawn(node, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), gtJs, 'daemon', 'run'], {cwd: town, env: daemonEnv, stdio: ['ignore', log, log]});
		closeSync(log);
		const daemonExited = new Promise(resolve => daemon.once('exit', resolve));
		const socket = socketPath(town);
		const client = await waitFor('the daemon socket', async () => existsSync(socket) && connect(socket).catch(() => undefined), 15_000);
		const status = () => client.request('status');

		// Samples: one a second; agents are the daemon's direct children (their pty processes).
		const samples = [];
		let last;
		const sample = () => {
			const d = proc(daemon.pid);
			if (!d) throw new Error('the daemon exited (see .runtime/daemon.log; BENCH_KEEP=1 keeps it)');
			const children = childrenOf(daemon.pid).map(pid => [pid, proc(pid)]).filter(([, p]) => p);
			for (const [pid] of children) agentPids.add(pid);
			const now = {t: performance.now(), daemonCpu: d.cpuSeconds, agentCpu: children.reduce((s, [, p]) => s + p.cpuSeconds, 0), n: children.length};
			if (last) {
				const wall = (now.t - last.t) / 1000;
				samples.push({cores: (now.daemonCpu - last.daemonCpu) / wall, agentCores: last.n === now.n ? (now.agentCpu - last.agentCpu) / wall : undefined,
					rssKiB: d.rssKiB, agents: now.n, agentRssKiB: children.reduce((s, [, p]) => s + p.rssKiB, 0)});
			}
			last = now;
		};
		const sampleFor = async secs => {
			samples.length = 0, last = undefined, sample();
			for (let i = 0; i < secs; i++) { await sleep(1000); sample(); }
			return [...samples];
		};

		// 1. Idle, then the load.
		const idle = await sampleFor(3);
		const ids = newBeads(agentCount, 'Load');
		let t = performance.now();
		gt(['sling', ...ids, 'bm'], town, env);
		const slingAllMs = performance.now() - t;
		await waitFor(`${agentCount} running agents`, async () => (await status()).sessions.filter(s => s.pid && s.state.state !== 'exited').length >= agentCount);
		const startAllMs = performance.now() - t;
		await sleep(2000); // past their start-up
		const transcripts = path.join(town, '.runtime', 'transcripts');
		const bytesBefore = dirBytes(transcripts);
		const load = await sampleFor(seconds);
		const outputBytes = dirBytes(transcripts) - bytesBefore;
		const loadStates = (await status()).sessions.reduce((counts, s) => ({...counts, [s.state.state]: (counts[s.state.state] ?? 0) + 1}), {});
		await Promise.all((await status()).sessions.map(s => client.request('session.stop', {id: s.id})));

		const [rss0, rssN] = [idle, load].map(list => mean(list.map(s => s.rssKiB)));
		const full = load.filter(s => s.agents === agentCount); // samples with every agent up
		const result = {
			agents: agentCount, seconds, chatterMs, slingAllMs, startAllMs, states: loadStates,
			idleCores: mean(idle.map(s => s.cores)), meanCores: mean(load.map(s => s.cores)), maxCores: Math.max(...load.map(s => s.cores)),
			idleRssMiB: mib(rss0), meanRssMiB: mib(rssN), maxRssMiB: mib(Math.max(...load.map(s => s.rssKiB))),
			daemonRssPerAgentMiB: mib((rssN - rss0) / agentCount),
			agentsRssTotalMiB: full.length ? mib(mean(full.map(s => s.agentRssKiB))) : undefined,
			agentCoresTotal: mean(load.filter(s => s.agentCores !== undefined).map(s => s.agentCores)),
			minAgentsRunning: Math.min(...load.map(s => s.agents)),
			outputBytes, outputKiBPerSecond: outputBytes / 1024 / seconds,
		};
		result.agentRssMiB = result.agentsRssTotalMiB && result.agentsRssTotalMiB / agentCount;
		result.pass = result.meanCores < 0.5 && result.maxCores < 0.5;

		// 2. Sling latency, one bead at a time, then the bare worktree.
		await waitFor('the agents to stop', async () => childrenOf(daemon.pid).length === 0, 30_000);
		const latency = [];
		for (const id of newBeads(slings, 'Latency')) {
			const before = new Set((await status()).sessions.filter(s => s.pid && s.state.state !== 'exited').map(s => s.id));
			const started = Date.now();
			t = performance.now();
			let exitMs;
			const command = timed(node, [gtJs, 'sling', id, 'bm'], town, env).then(ms => { exitMs = ms; });
			const fresh = async () => (await status()).sessions.find(s => !before.has(s.id) && s.bead === id && s.pid);
			let session;
			while (!(session = await fresh())) await sleep(10);
			const pidMs = performance.now() - t;
			// lastOutputAt is the latest output: the first poll that has one is within ~10 ms of the first.
			while (!session.lastOutputAt) { await sleep(10); session = await fresh(); }
			await command;
			latency.push({pidMs, firstOutputMs: Date.parse(session.lastOutputAt) - started, exitMs});
			await client.request('session.stop', {id: session.id});
		}
		const worktree = [];
		for (let i = 0; i < slings; i++) worktree.push(await timed('git', ['worktree', 'add', '-q', '-b', `bench/wt-${i}`, path.join(tmp, `wt-${i}`), 'main'], path.join(rig, '.repo.git'), env));
		const sling = {runs: slings, pidMs: median(latency.map(l => l.pidMs)), firstOutputMs: median(latency.map(l => l.firstOutputMs)),
			exitMs: median(latency.map(l => l.exitMs)), worktreeMs: median(worktree), samples: latency, worktreeSamples: worktree};
		sling.pass = sling.pidMs <= 1000 + sling.worktreeMs;

		// 3. Down (the finally below kills what is left, by pid).
		client.close(), gt(['down'], town, env);
		await Promise.race([daemonExited, sleep(10_000)]);

		const f = (v, digits = 1) => (v === undefined ? '–' : v.toFixed(digits));
		printTable(['daemon, ' + agentCount + ' busy agents', 'value', 'target'], [
			['CPU mean (cores)', f(result.meanCores, 3), `${result.meanCores < 0.5 ? 'PASS' : 'FAIL'} (<0.5)`],
			['CPU max (cores)', f(result.maxCores, 3), `${result.maxCores < 0.5 ? 'PASS' : 'FAIL'} (<0.5)`],
			['CPU idle, 0 agents (cores)', f(result.idleCores, 3), ''],
			['RSS 0 agents (MiB)', f(result.idleRssMiB), ''],
			['RSS mean / max (MiB)', `${f(result.meanRssMiB)} / ${f(result.maxRssMiB)}`, ''],
			['daemon RSS per agent (MiB)', f(result.daemonRssPerAgentMiB, 2), ''],
			['agent RSS each (MiB)', f(result.agentRssMiB), ''],
			['agents CPU total (cores)', f(result.agentCoresTotal, 2), ''],
			['output (KiB/s, all agents)', f(result.outputKiBPerSecond), ''],
		]);
		console.log(`sling of ${agentCount} beads: ${slingAllMs.toFixed(0)} ms, all running after ${startAllMs.toFixed(0)} ms; agents running through the window: ≥${result.minAgentsRunning}; states at the end: ${JSON.stringify(loadStates)}`);
		printTable(['sling latency (median of ' + slings + ')', 'ms', 'target'], [
			['gt sling → agent pid', f(sling.pidMs, 0), `${sling.pass ? 'PASS' : 'FAIL'} (≤1000 + worktree)`],
			['gt sling → first screen output', f(sling.firstOutputMs, 0), ''],
			['gt sling → command exit', f(sling.exitMs, 0), ''],
			['bare git worktree add', f(sling.worktreeMs, 0), ''],
		]);

		let profileTop;
		if (profile) profileTop = summariseProfile(profDir);

		const resultsDir = path.join(repo, 'bench', 'results');
		mkdirSync(resultsDir, {recursive: true});
		if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
		const report = {benchmark: 'agents', date: new Date().toISOString(), machine, dist, load: result, loadSamples: load, idleSamples: idle, sling, ...(profileTop ? {profileTop} : {})};
		writeFileSync(path.join(resultsDir, 'agents.json'), `${JSON.stringify(report, null, 2)}\n`);
		console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'agents.json'))}`);
	} finally {
		// Stragglers: the daemon and any agent it started (by pid) still alive.
		for (const pid of [daemon?.pid, ...agentPids]) if (pid && proc(pid)) try { process.kill(pid, 'SIGKILL'); } catch {}
		if (process.env.BENCH_KEEP === '1') console.log(`kept ${tmp}`);
		else rmSync(tmp, {recursive: true, force: true});
	}
}

/** The daemon's CPU profile (its whole life: idle, starts, load, stops): top functions and modules by self time, idle left out. */
function summariseProfile(dir) {
	const file = existsSync(dir) && readdirSync(dir).find(name => name.endsWith('.cpuprofile'));
	if (!file) return console.log('no CPU profile written'), undefined;
	const {nodes, samples, timeDeltas} = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
	const byId = new Map(nodes.map(n => [n.id, n.callFrame]));
	const fns = new Map();
	const modules = new Map();
	const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
	samples.forEach((id, i) => {
		const {functionName, url, lineNumber} = byId.get(id);
		if (functionName === '(idle)') return;
		const ms = (timeDeltas[i] ?? 0) / 1000;
		add(fns, `${functionName || '(anonymous)'}${url ? ` ${path.basename(url)}:${lineNumber + 1}` : ''}`, ms);
		add(modules, url ? path.basename(url) : functionName.startsWith('(') ? functionName : '(native: fs, buffers…)', ms);
	});
	const busy = [...fns.values()].reduce((sum, v) => sum + v, 0);
	const top = map => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, ms]) => ({name, ms: Math.round(ms), share: ms / busy}));
	const rows = list => list.map(t => [t.name.slice(0, 70), String(t.ms), `${(t.share * 100).toFixed(1)}%`]);
	const result = {busyMs: Math.round(busy), functions: top(fns), modules: top(modules)};
	printTable([`daemon CPU profile: self time (busy ${result.busyMs} ms)`, 'ms', 'share'], rows(result.functions));
	printTable(['by module (dist chunk or native)', 'ms', 'share'], rows(result.modules));
	return result;
}

function printTable(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
	const line = row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	console.log(`\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`);
	for (const row of rows) console.log(line(row));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBench();
