// Dashboard benchmark: the real `gt dashboard` in a real browser over a town with 30 streaming agents.
//
// In a temp town made with the built binaries (as bench/ui.bench.js: gt install, a small
// git repo as rig `bm`, default agent sim), with our own `gt daemon run` child whose
// environment the agents inherit: GT_SIM_CHATTER (a filler line every BENCH_CHATTER_MS)
// and GT_SIM_SPEED=1h, so every polecat keeps working and streaming. BENCH_AGENTS beads
// go out in one `gt sling`; once all run, `gt dashboard --port 0` is started (its first
// stdout line is the URL with ?token=…) and Debian's chromium, driven by puppeteer-core
// (headless, 1400x1000), opens it and waits until the page says `daemon up` and lists
// every polecat (tr[data-agent="<address>"]).
//   1. Idle page: BENCH_SECONDS of samples, one a second: the dashboard process's CPU
//      (the node child running gt.js: /proc/<pid>/stat utime+stime deltas, in cores),
//      its RSS, the daemon's CPU and the browser's (chromium and all its processes).
//   2. State → page: BENCH_CHANGES state changes of one polecat, sent straight to the
//      daemon socket (session.signal: `idle`, then `working`, alternating; both stick
//      over a chattering sim's screen, where `waiting` would be overruled by the next
//      output). Each is timed from just before the request until the agent's row shows
//      the new [data-state], seen by a mutation observer in the page (page clock, the
//      same wall clock). 200–500 ms apart, jittered.
//   3. Terminal open: one polecat's terminal opened in the page (its button in the
//      agents table; xterm under #terminal) and BENCH_SECONDS more samples while it streams.
//   4. Dropped output: a custom agent runtime `counter` (gt config agent set; a node
//      script that takes its tty raw, so typed prompts never echo, and waits for a go
//      file) is slung one bead; its terminal is opened in the page first, then it prints
//      BENCH_LINES numbered lines at full speed and `counter: done`. Then the page's
//      visible xterm rows (#terminal .xterm-rows, one div per row) must equal the
//      daemon's screen (session.snapshot) row by row, the visible line numbers must be
//      consecutive and end at BENCH_LINES, and every line must have reached the page
//      once, in order (the terminal's server-sent `output` events, recorded in the page).
// Targets from the issue: with 30 streaming agents a state change reaches the page in
// under 1 s (p90); the dashboard process stays under 0.1 core with one page open (mean,
// idle page and terminal open); one agent terminal streams without dropped output.
//
// Run:  npm run bench            (builds dist/ first)
//       BENCH_SECONDS=10 node bench/run.js dashboard
// Env:  GT_DIST (default <repo>/dist), CHROMIUM_PATH (/usr/bin/chromium), BENCH_SECONDS (30),
//       BENCH_AGENTS (30), BENCH_CHANGES (20), BENCH_LINES (3000), BENCH_CHATTER_MS (100),
//       BENCH_KEEP=1 keeps the temp town.
// Results: bench/results/dashboard.json
/* global document, window -- functions under "in the page" and those passed to page.* run in the browser */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {pathToFileURL} from 'node:url';
import puppeteer from 'puppeteer-core';
import {bd, busySimEnv, childrenOf, dist, gt, gtJs, machineInfo, mean, median, mib, node, printTable, proc, quantile, requireDist, simTown, slingBusy, startDaemon, waitFor, writeResults} from './lib.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const agentCount = Number(process.env.BENCH_AGENTS ?? 30);
const changes = Number(process.env.BENCH_CHANGES ?? 20);
const lineCount = Number(process.env.BENCH_LINES ?? 3000);
const chatterMs = Number(process.env.BENCH_CHATTER_MS ?? 100);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const viewport = {width: 1400, height: 1000};
const targets = {latencyP90Ms: 1000, dashboardCores: 0.1};

// ---- processes --------------------------------------------------------------

/** pid and all its descendants, from one pass over /proc. */
function processTree(root) {
	const children = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
		} catch {}
	}
	const tree = [root];
	for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
	return tree;
}

/** `gt dashboard --port 0` in the town; resolves once it printed its URL (first stdout line). */
async function startDashboard(town, env) {
	const child = spawn(node, [gtJs, 'dashboard', '--port', '0'], {cwd: town, env: {...env, GT_ROOT: town}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	let exit;
	child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
	child.stderr.setEncoding('utf8').on('data', chunk => { stderr = (stderr + chunk).slice(-4000); });
	const exited = new Promise(resolve => child.once('exit', (code, signal) => { exit = {code, signal}; resolve(exit); }));
	const handle = {child, pid: child.pid, exited, get stderr() { return stderr.trim(); }, get exit() { return exit; }};
	const url = await waitFor('the dashboard URL', () => {
		if (exit) throw new Error(`gt dashboard exited (${JSON.stringify(exit)}): ${stderr.trim()}`);
		return stdout.includes('\n') && stdout.slice(0, stdout.indexOf('\n')).trim();
	}, 15_000).catch(error => { child.kill('SIGKILL'); throw error; });
	if (!/^http:\/\/.+\?token=/.test(url)) { child.kill('SIGKILL'); throw new Error(`gt dashboard's first line is not its URL: ${url}`); }
	return {...handle, url};
}

/** The counter agent: raw tty (typed prompts never echo), waits for `go`, prints `count` numbered lines, then idles. */
const counterScript = `import {existsSync} from 'node:fs';
const [go, count] = [process.argv[2], Number(process.argv[3])];
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', () => {}).resume();
process.stdout.write('counter: waiting for ' + go + '\\r\\n');
const wait = setInterval(() => {
	if (!existsSync(go)) return;
	clearInterval(wait);
	for (let i = 1; i <= count; i++) process.stdout.write('line ' + String(i).padStart(5, '0') + ' ' + 'abcdefghij'.repeat(6) + ' end\\r\\n');
	process.stdout.write('counter: done\\r\\n');
}, 20);
`;

// ---- in the page --------------------------------------------------------------

/** Records what the page's event sources receive: overview updates (count, bytes), and each terminal stream's snapshots and output. */
function recordStreams() {
	const Original = window.EventSource;
	window.__benchStreams = [];
	window.__benchOverviews = {count: 0, chars: 0};
	window.EventSource = class extends Original {
		constructor(url, init) {
			super(url, init);
			if (String(url).includes('/api/events')) {
				this.addEventListener('overview', event => { window.__benchOverviews.count++; window.__benchOverviews.chars += event.data.length; });
				return;
			}
			if (!String(url).includes('/api/sessions/')) return;
			const record = {url: String(url), snapshots: 0, output: []};
			window.__benchStreams.push(record);
			this.addEventListener('snapshot', () => { record.snapshots++; });
			this.addEventListener('output', event => { record.output.push(JSON.parse(event.data)); });
		}
	};
}

const rowsInPage = () => [...document.querySelectorAll('#terminal .xterm-rows > div')].map(row => row.textContent.replaceAll('\u00a0', ' ').trimEnd());
const terminalShows = text => [...document.querySelectorAll('#terminal .xterm-rows > div')].some(row => row.textContent.replaceAll('\u00a0', ' ').includes(text));

// ---- the benchmark ------------------------------------------------------------

export default async function runBench() {
	requireDist();
	if (!existsSync(chromium)) throw new Error(`${chromium} not found: install chromium or set CHROMIUM_PATH`);
	const machine = machineInfo();
	console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform})`);
	console.log(`dist: ${dist}   agents: ${agentCount}, chatter every ${chatterMs} ms   ${seconds} s per phase   changes: ${changes}   lines: ${lineCount}   browser: ${chromium}`);

	const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'gt-bench-dashboard-')));
	let town;
	let env;
	let daemon;
	let client;
	let dashboard;
	let browser;
	const agentPids = new Set();
	try {
		const made = simTown(tmp);
		({town, env} = made);
		const counter = path.join(tmp, 'counter.mjs');
		const go = path.join(tmp, 'counter.go');
		writeFileSync(counter, counterScript);
		gt(['config', 'agent', 'set', 'counter', `${node} ${counter} ${go} ${lineCount}`], town, env);

		const started = await startDaemon(town, env, busySimEnv(chatterMs));
		({daemon, client} = started);
		const {exited: daemonExited, status} = started;
		await slingBusy({town, rig: made.rig, env, status, count: agentCount});
		for (const pid of childrenOf(daemon.pid)) agentPids.add(pid);
		const polecats = (await status()).sessions.filter(s => s.role === 'polecat').sort((a, b) => a.address.localeCompare(b.address));

		// The dashboard, and the page in chromium.
		dashboard = await startDashboard(town, env);
		const dashProc = proc(dashboard.pid);
		if (!dashProc || !/node/.test(dashProc.comm)) throw new Error(`dashboard pid ${dashboard.pid} is ${dashProc?.comm ?? 'gone'}, not node`);
		browser = await puppeteer.launch({executablePath: chromium, args: ['--no-sandbox', '--headless=new'], defaultViewport: viewport});
		const browserPid = browser.process()?.pid;
		const page = await browser.newPage();
		const pageErrors = [];
		page.on('pageerror', error => pageErrors.push(error.message));
		page.on('console', message => { if (message.type() === 'error') pageErrors.push(message.text()); });
		await page.evaluateOnNewDocument(recordStreams);
		let t = performance.now();
		await page.goto(dashboard.url, {waitUntil: 'load'});
		await page.waitForSelector('[data-daemon="up"]', {timeout: 30_000});
		await page.waitForFunction(addresses => addresses.every(address => document.querySelector(`tr[data-agent="${address}"]`)), {polling: 200, timeout: 30_000}, polecats.map(s => s.address))
			.catch(async error => { throw new Error(`${error.message}: the page lists ${await page.$$eval('tr[data-agent]', rows => rows.length)} agents, want ${polecats.length}`); });
		const pageReadyMs = performance.now() - t;
		const dashChildren = childrenOf(dashboard.pid).length;
		await sleep(3000); // settle: first renders, the first poll

		// Samples: one a second; the dashboard, the daemon and the browser's process tree.
		const sampler = () => {
			const samples = [];
			let last;
			let failure;
			const sample = () => {
				const d = proc(dashboard.pid);
				const dm = proc(daemon.pid);
				if (!d) failure ??= new Error(`gt dashboard exited: ${dashboard.stderr}`);
				if (!dm) failure ??= new Error('the daemon exited (see .runtime/daemon.log; BENCH_KEEP=1 keeps it)');
				if (!d || !dm) return;
				const tree = browserPid ? processTree(browserPid).map(proc).filter(Boolean) : [];
				const now = {t: performance.now(), dash: d.cpuSeconds, daemon: dm.cpuSeconds, browser: tree.reduce((sum, p) => sum + p.cpuSeconds, 0)};
				if (last) {
					const wall = (now.t - last.t) / 1000;
					samples.push({dashCores: (now.dash - last.dash) / wall, daemonCores: (now.daemon - last.daemon) / wall, browserCores: Math.max(0, now.browser - last.browser) / wall,
						dashRssKiB: d.rssKiB, daemonRssKiB: dm.rssKiB, browserRssKiB: tree.reduce((sum, p) => sum + p.rssKiB, 0), browserProcesses: tree.length});
				}
				last = now;
			};
			sample();
			const timer = setInterval(sample, 1000);
			return () => {
				clearInterval(timer);
				sample();
				if (failure) throw failure;
				return samples;
			};
		};

		// 1. The page open, idle.
		const overviews = () => page.evaluate(() => ({...window.__benchOverviews}));
		let stop = sampler();
		const overviewsBefore = await overviews();
		await sleep(seconds * 1000);
		const idle = stop();
		const overviewsAfter = await overviews();
		const overviewFeed = {perSecond: (overviewsAfter.count - overviewsBefore.count) / seconds, kiBPerSecond: (overviewsAfter.chars - overviewsBefore.chars) / 1024 / seconds, meanKiB: (overviewsAfter.chars - overviewsBefore.chars) / 1024 / Math.max(1, overviewsAfter.count - overviewsBefore.count)};

		// 2. State change → page.
		const target = polecats[0];
		const stateCell = (address, state) => document.querySelector(`tr[data-agent="${address}"] [data-state]`)?.getAttribute('data-state') === state ? Date.now() : false;
		const latencies = [];
		for (let i = 0; i < changes; i++) {
			const state = i % 2 === 0 ? 'idle' : 'working';
			const seen = page.waitForFunction(stateCell, {polling: 'mutation', timeout: 10_000}, target.address, state);
			const before = Date.now();
			await client.request('session.signal', {id: target.id, state, detail: `bench change ${i + 1}`});
			const at = await (await seen.catch(async error => {
				const shown = await page.$eval(`tr[data-agent="${target.address}"] [data-state]`, cell => cell.getAttribute('data-state')).catch(() => 'no row');
				const daemonState = (await status()).sessions.find(s => s.id === target.id)?.state;
				throw new Error(`change ${i + 1} (${state}) not on the page: ${error.message}; the page shows ${shown}, the daemon says ${JSON.stringify(daemonState)}`);
			})).jsonValue();
			latencies.push(at - before);
			await sleep(200 + Math.random() * 300);
		}

		// 3. One terminal open, streaming.
		const streamed = polecats[1] ?? polecats[0];
		const openTerminal = async address => {
			await page.click(`tr[data-agent="${address}"] button.link`);
			await page.waitForSelector('#terminal .xterm-rows > div', {timeout: 10_000});
			await page.$eval('#terminal', panel => panel.scrollIntoView({block: 'start'}));
		};
		await openTerminal(streamed.address);
		await page.waitForFunction(() => [...document.querySelectorAll('#terminal .xterm-rows > div')].some(row => row.textContent.trim() !== ''), {timeout: 10_000});
		await sleep(1000);
		stop = sampler();
		await sleep(seconds * 1000);
		const terminalPhase = stop();
		const streamedRecord = await page.evaluate(id => window.__benchStreams.filter(s => s.url.includes(`/${encodeURIComponent(id)}/`)).at(-1), streamed.id);
		const streamedOutput = {snapshots: streamedRecord?.snapshots ?? 0, events: streamedRecord?.output.length ?? 0, chars: streamedRecord?.output.reduce((sum, data) => sum + data.length, 0) ?? 0};

		// 4. Dropped output: the counter agent, its terminal open before it prints.
		const bead = bd(['create', `Count to ${lineCount}`, '--silent'], made.rig, env);
		gt(['sling', bead, 'bm', '--agent', 'counter'], town, env);
		const counterSession = await waitFor('the counter agent', async () => (await status()).sessions.find(s => s.agent === 'counter' && s.pid), 30_000);
		agentPids.add(counterSession.pid);
		const snapshot = () => client.request('session.snapshot', {id: counterSession.id});
		await waitFor('the counter to wait for its go file', async () => (await snapshot()).lines.some(line => line.includes('counter: waiting')), 30_000);
		await page.waitForSelector(`tr[data-agent="${counterSession.address}"]`, {timeout: 30_000});
		await openTerminal(counterSession.address);
		await page.waitForFunction(terminalShows, {polling: 'mutation', timeout: 10_000}, 'counter: waiting');
		t = performance.now();
		writeFileSync(go, '');
		await waitFor('the counter to finish (daemon screen)', async () => (await snapshot()).lines.some(line => line === 'counter: done'), 60_000);
		const daemonDoneMs = performance.now() - t;
		const pageDone = await page.waitForFunction(terminalShows, {polling: 'mutation', timeout: 30_000}, 'counter: done').then(() => true, () => false);
		const pageDoneMs = performance.now() - t;
		await sleep(1000); // the last frames
		const screen = await snapshot();
		const pageRows = await page.evaluate(rowsInPage);
		const record = await page.evaluate(id => window.__benchStreams.filter(s => s.url.includes(`/${encodeURIComponent(id)}/`)).at(-1), counterSession.id);

		const daemonRows = screen.lines.map(line => line.trimEnd());
		let firstDiff;
		for (let row = 0; row < Math.max(daemonRows.length, pageRows.length); row++) {
			if ((daemonRows[row] ?? '<none>') !== (pageRows[row] ?? '<none>')) { firstDiff = {row, daemon: daemonRows[row] ?? '<none>', page: pageRows[row] ?? '<none>'}; break; }
		}
		const visible = pageRows.map(row => /^line (\d{5}) /.exec(row)?.[1]).filter(Boolean).map(Number);
		const visibleOk = visible.length > 0 && visible.at(-1) === lineCount && visible.every((n, i) => i === 0 || n === visible[i - 1] + 1);
		const received = [...(record?.output.join('') ?? '').matchAll(/line (\d{5}) abcdefghij/g)].map(match => Number(match[1]));
		const outOfOrder = received.findIndex((n, i) => n !== i + 1);
		const receivedOk = received.length === lineCount && outOfOrder === -1;
		const dropped = {
			session: counterSession.id, lines: lineCount, daemonDoneMs, pageDone, pageDoneMs,
			rows: {daemon: daemonRows.length, page: pageRows.length}, screenMatch: firstDiff === undefined && pageRows.length > 0, firstDiff,
			visible: {count: visible.length, first: visible[0], last: visible.at(-1), consecutive: visibleOk},
			received: {snapshots: record?.snapshots ?? 0, events: record?.output.length ?? 0, lines: received.length, firstOutOfOrderAt: outOfOrder === -1 ? undefined : outOfOrder, got: outOfOrder === -1 ? undefined : received[outOfOrder], inOrder: receivedOk},
		};
		dropped.ok = dropped.screenMatch && visibleOk && receivedOk && pageDone;

		const states = (await status()).sessions.reduce((counts, s) => ({...counts, [s.state.state]: (counts[s.state.state] ?? 0) + 1}), {});

		// Close the page and the dashboard, then down.
		await browser.close().catch(() => undefined);
		browser = undefined;
		dashboard.child.kill('SIGTERM');
		const dashExit = await Promise.race([dashboard.exited, sleep(5000).then(() => 'timeout')]);
		client.close(), client = undefined;
		gt(['down'], town, env);
		await Promise.race([daemonExited, sleep(10_000)]);

		const stats = list => ({
			dashCoresMean: mean(list.map(s => s.dashCores)), dashCoresMax: Math.max(...list.map(s => s.dashCores)),
			daemonCoresMean: mean(list.map(s => s.daemonCores)), daemonCoresMax: Math.max(...list.map(s => s.daemonCores)),
			browserCoresMean: mean(list.map(s => s.browserCores)), browserCoresMax: Math.max(...list.map(s => s.browserCores)),
			dashRssMeanMiB: mib(mean(list.map(s => s.dashRssKiB))), dashRssMaxMiB: mib(Math.max(...list.map(s => s.dashRssKiB))),
			daemonRssMeanMiB: mib(mean(list.map(s => s.daemonRssKiB))), browserRssMeanMiB: mib(mean(list.map(s => s.browserRssKiB))),
			browserProcesses: Math.max(...list.map(s => s.browserProcesses)),
		});
		const latency = {changes: latencies.length, medianMs: median(latencies), p90Ms: quantile(latencies, 0.9), maxMs: Math.max(...latencies), minMs: Math.min(...latencies)};
		const result = {agents: agentCount, seconds, chatterMs, changes, lines: lineCount, pageReadyMs, states, dashboardPid: dashboard.pid, dashboardChildren: dashChildren,
			dashboardExit: dashExit, pageErrors, latencyAgent: target.id, terminalAgent: streamed.id, idle: stats(idle), terminal: stats(terminalPhase), overviewFeed, streamedOutput, latency, dropped};
		result.cpuPass = result.idle.dashCoresMean < targets.dashboardCores && result.terminal.dashCoresMean < targets.dashboardCores;
		result.latencyPass = latency.p90Ms < targets.latencyP90Ms;
		result.outputPass = dropped.ok;

		const f = (v, digits = 1) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
		const mark = pass => (pass ? 'PASS' : 'MISS');
		const I = result.idle;
		const T = result.terminal;
		printTable([`gt dashboard, ${agentCount} streaming agents, one page`, 'idle page', 'terminal open', 'target'], [
			['dashboard CPU mean (cores)', f(I.dashCoresMean, 3), f(T.dashCoresMean, 3), `${mark(result.cpuPass)} (<${targets.dashboardCores})`],
			['dashboard CPU max (cores)', f(I.dashCoresMax, 3), f(T.dashCoresMax, 3), ''],
			['dashboard RSS mean / max (MiB)', `${f(I.dashRssMeanMiB)} / ${f(I.dashRssMaxMiB)}`, `${f(T.dashRssMeanMiB)} / ${f(T.dashRssMaxMiB)}`, ''],
			['daemon CPU mean / max (cores)', `${f(I.daemonCoresMean, 3)} / ${f(I.daemonCoresMax, 3)}`, `${f(T.daemonCoresMean, 3)} / ${f(T.daemonCoresMax, 3)}`, ''],
			['daemon RSS mean (MiB)', f(I.daemonRssMeanMiB), f(T.daemonRssMeanMiB), ''],
			[`browser CPU mean / max (cores, ${T.browserProcesses} procs)`, `${f(I.browserCoresMean, 3)} / ${f(I.browserCoresMax, 3)}`, `${f(T.browserCoresMean, 3)} / ${f(T.browserCoresMax, 3)}`, ''],
			['browser RSS mean (MiB, summed over procs)', f(I.browserRssMeanMiB), f(T.browserRssMeanMiB), ''],
		]);
		printTable(['state change → page (ms)', 'median', 'p90', 'max', 'target'], [
			[`session.signal idle/working (${latencies.length})`, f(latency.medianMs), f(latency.p90Ms), f(latency.maxMs), `${mark(result.latencyPass)} (p90 <${targets.latencyP90Ms})`],
		]);
		const D = dropped;
		printTable([`terminal output, ${lineCount} lines at full speed`, 'value', 'target'], [
			['daemon screen shows the end after (ms)', f(D.daemonDoneMs, 0), ''],
			['page shows the end after (ms)', D.pageDone ? f(D.pageDoneMs, 0) : 'never', ''],
			['lines received by the page, in order', `${D.received.lines}${D.received.inOrder ? '' : ` (first wrong at #${D.received.firstOutOfOrderAt + 1}: ${D.received.got ?? 'missing'})`}`, `${mark(D.received.inOrder)} (${lineCount})`],
			[`page rows = daemon screen (${D.rows.page} / ${D.rows.daemon} rows)`, D.screenMatch ? 'equal' : `row ${D.firstDiff?.row ?? '?'} differs`, mark(D.screenMatch)],
			['visible line numbers', `${D.visible.first ?? '–'}…${D.visible.last ?? '–'} (${D.visible.count})`, `${mark(D.visible.consecutive)} (consecutive, to ${lineCount})`],
			['no dropped output', D.ok ? 'ok' : 'mismatch', mark(D.ok)],
		]);
		if (D.firstDiff) console.log(`first differing row ${D.firstDiff.row}:\n  daemon: ${JSON.stringify(D.firstDiff.daemon)}\n  page:   ${JSON.stringify(D.firstDiff.page)}`);
		console.log(`idle page: ${f(overviewFeed.perSecond, 2)} overview updates/s (${f(overviewFeed.meanKiB)} KiB each, ${f(overviewFeed.kiBPerSecond)} KiB/s)`);
		console.log(`page ready (all ${polecats.length} polecats listed) after ${f(pageReadyMs, 0)} ms; streamed terminal ${streamed.id}: ${streamedOutput.events} output events, ${streamedOutput.chars} chars in ${seconds} s`);
		console.log(`agent states at the end: ${JSON.stringify(states)}; dashboard pid ${dashboard.pid} (node, ${dashChildren} children), exit on SIGTERM: ${JSON.stringify(dashExit)}`);
		if (pageErrors.length) console.log(`page errors (${pageErrors.length}): ${pageErrors.slice(0, 5).join(' | ')}`);
		console.log(`overall: ${mark(result.cpuPass && result.latencyPass && result.outputPass)}`);

		writeResults('dashboard', {benchmark: 'dashboard', date: new Date().toISOString(), machine, dist, result, idleSamples: idle, terminalSamples: terminalPhase, latencyMs: latencies, pageRows, daemonRows});
	} finally {
		if (browser) {
			const pid = browser.process()?.pid;
			await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
			if (pid && proc(pid)) try { process.kill(pid, 'SIGKILL'); } catch {}
		}
		client?.close();
		if (dashboard && proc(dashboard.pid)) {
			dashboard.child.kill('SIGTERM');
			await Promise.race([dashboard.exited, sleep(5000)]);
		}
		if (daemon && proc(daemon.pid) && town && existsSync(town)) try { gt(['down'], town, env); } catch {}
		for (const pid of [dashboard?.pid, daemon?.pid, ...agentPids]) if (pid && proc(pid)) try { process.kill(pid, 'SIGKILL'); } catch {}
		if (process.env.BENCH_KEEP === '1') console.log(`kept ${tmp}`);
		else rmSync(tmp, {recursive: true, force: true});
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBench();
