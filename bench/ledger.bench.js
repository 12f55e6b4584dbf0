// Ledger benchmark: whole-process wall time of the built CLIs against a
// 10,000-bead Beads ledger, compared with a bare `node -e 0` start.
//
// What it measures (each case: 2 warm-up runs, then BENCH_RUNS timed runs; the
// time is spawn → exit, with stdout drained through a pipe):
//   node -e 0 (baseline), gt --version, bd ready --json, bd list --json,
//   bd show <id> --json, bd create, bd update <id> --status in_progress;
// plus 30 concurrent `bd create` processes (wall time, and a check that
// exactly 30 beads were added: no lost update under the ledger lock).
// Targets from the issue: `bd ready --json` at 10k beads ≤ 2x bare node start,
// `gt --version` ≤ 1.5x.
//
// Run:  npm run bench            (builds dist/ first)
//       GT_DIST=/tmp/x/dist node bench/run.js ledger
// Env:  GT_DIST (default <repo>/dist), BENCH_RUNS (default 20),
//       BENCH_KEEP=1 keeps the temp ledger. Results: bench/results/ledger.json
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const warmups = 2;
const beadCount = 10_000;
const concurrentCreates = 30;
const node = process.execPath;
const bd = path.join(dist, 'bd.js');
const gt = path.join(dist, 'gt.js');

// ---- a realistic 10k-bead ledger, written directly as Beads JSONL ----------

function rng(seed) { // mulberry32: the same ledger on every run
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function generateBeads(total) {
	const random = rng(42);
	const int = n => Math.floor(random() * n);
	const pick = list => list[int(list.length)];
	const weighted = pairs => { // [[value, weight], …]
		let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
		for (const [value, w] of pairs) if ((r -= w) < 0) return value;
		return pairs[0][0];
	};
	const words = 'ledger lock merge queue polecat witness refinery convoy hook mail rig mayor deacon sling formula molecule patrol retry timeout cache index parser export import status priority label dependency handoff crash restart'.split(' ');
	const labels = ['backend', 'frontend', 'cli', 'tui', 'perf', 'flaky', 'docs', 'security', 'infra', 'good-first-issue', 'tech-debt', 'p-urgent'];
	const actors = ['overseer', 'mayor', 'gastown/polecats/nux', 'gastown/polecats/slit', 'gastown/crew/max', 'beads/witness'];
	const sentence = n => Array.from({length: n}, () => pick(words)).join(' ');
	const used = new Set();
	const freshId = length => {
		for (;;) {
			const id = `bm-${Array.from({length}, () => int(36).toString(36)).join('')}`;
			if (!used.has(id)) return used.add(id), id;
		}
	};
	const start = Date.parse('2025-01-06T09:00:00Z');
	const beads = []; // creation order: dependencies only point backwards, so no cycles
	while (beads.length < total) {
		const i = beads.length;
		const parent = beads.length > 50 && random() < 0.12 ? beads[beads.length - 1 - int(50)] : undefined;
		const base = parent && !parent.id.includes('.') ? parent : undefined;
		if (base) base.children = (base.children ?? 0) + 1;
		const id = base ? `${base.id}.${base.children}` : freshId(i < 1200 ? 4 : 5);
		const created = start + i * 37 * 60_000 + int(60_000);
		const updated = created + int(20 * 86_400_000);
		const status = weighted([['closed', 45], ['open', 35], ['in_progress', 8], ['hooked', 4], ['deferred', 8]]);
		const bead = {
			id,
			title: `${pick(['Fix', 'Add', 'Refactor', 'Investigate', 'Document', 'Speed up'])} ${sentence(3 + int(5))}`,
			description: random() < 0.4 ? `${sentence(40 + int(40))}.`.slice(0, 200 + int(300)) : undefined,
			status,
			priority: weighted([[0, 3], [1, 12], [2, 50], [3, 25], [4, 10]]),
			issue_type: base ? weighted([['task', 70], ['bug', 30]]) : weighted([['task', 55], ['bug', 25], ['feature', 15], ['epic', 5]]),
			assignee: status === 'in_progress' || status === 'hooked' ? pick(actors.slice(2)) : undefined,
			created_at: new Date(created).toISOString(),
			created_by: pick(actors),
			updated_at: new Date(updated).toISOString(),
			started_at: status === 'in_progress' || status === 'hooked' ? new Date(created + 3_600_000).toISOString() : undefined,
			closed_at: status === 'closed' ? new Date(updated).toISOString() : undefined,
			close_reason: status === 'closed' ? pick(['done', 'fixed in main', 'duplicate', 'wontfix']) : undefined,
			defer_until: status === 'deferred' ? '2030-01-01T00:00:00.000Z' : undefined,
			labels: random() < 0.6 ? [...new Set(Array.from({length: 1 + int(3)}, () => pick(labels)))].sort() : undefined,
			dependencies: [],
		};
		const edge = (target, type) => bead.dependencies.push({issue_id: id, depends_on_id: target, type, created_at: bead.created_at, created_by: bead.created_by});
		if (base) edge(base.id, 'parent-child');
		if (i > 10 && random() < 0.3) {
			const targets = new Set(Array.from({length: 1 + int(3)}, () => beads[Math.max(0, i - 1 - int(Math.min(i, 400)))].id));
			for (const target of targets) if (target !== base?.id) edge(target, 'blocks');
		}
		beads.push(bead);
	}
	for (const bead of beads) delete bead.children;
	return beads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const jsonLine = bead => JSON.stringify(bead, (key, value) => (Array.isArray(value) && value.length === 0 ? undefined : value));

// ---- process timing --------------------------------------------------------

/** Spawns one process, drains stdout/stderr, resolves {ms, bytes, stdout}. Rejects on a non-zero exit. */
function runOnce(args, cwd) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(node, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']});
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

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timeCase(name, args, cwd) {
	for (let i = 0; i < warmups; i++) await runOnce(args, cwd);
	const times = [];
	let bytes = 0;
	for (let i = 0; i < runs; i++) {
		const result = await runOnce(args, cwd);
		times.push(result.ms);
		bytes = result.bytes;
	}
	times.sort((a, b) => a - b);
	return {name, median: percentile(times, 50), p90: percentile(times, 90), min: times[0], stdoutBytes: bytes, runs};
}

function bdJson(args, cwd) {
	const result = spawnSync(node, [bd, ...args], {cwd, encoding: 'utf8', maxBuffer: 1 << 28});
	if (result.status !== 0) throw new Error(`bd ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
	return JSON.parse(result.stdout);
}

// ---- the benchmark ---------------------------------------------------------

export default async function run() {
	for (const file of [bd, gt]) if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` or set GT_DIST`);
	const machine = {cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`};
	console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform})`);
	console.log(`dist: ${dist}   runs: ${runs} (+${warmups} warm-up)`);

	const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-ledger-'));
	try {
		// 1. Build the ledger: `bd init`, then write issues.jsonl directly.
		let t = performance.now();
		await runOnce([bd, 'init', '--prefix', 'bm'], tmp);
		const beads = generateBeads(beadCount);
		const text = `${beads.map(jsonLine).join('\n')}\n`;
		writeFileSync(path.join(tmp, '.beads', 'issues.jsonl'), text);
		const stats = bdJson(['stats', '--json'], tmp);
		if (stats.total !== beadCount) throw new Error(`bd stats reports ${stats.total} beads, expected ${beadCount}`);
		const deps = beads.reduce((sum, b) => sum + (b.dependencies?.length ?? 0), 0);
		console.log(`ledger: ${beadCount} beads, ${deps} dependencies, ${(text.length / 2 ** 20).toFixed(1)} MiB, ready ${stats.ready}, blocked ${stats.blocked}, built in ${(performance.now() - t).toFixed(0)} ms (${tmp})`);

		// 2. Sequential whole-process timings.
		const showId = beads.find(b => b.dependencies?.length >= 2 && b.id.includes('.'))?.id ?? beads[0].id;
		const updateId = beads.find(b => b.status === 'open' && !b.id.includes('.'))?.id ?? beads[0].id;
		const cases = [
			['node -e 0', ['-e', '0']],
			['gt --version', [gt, '--version']],
			['bd ready --json', [bd, 'ready', '--json']],
			['bd list --json', [bd, 'list', '--json']],
			[`bd show ${showId} --json`, [bd, 'show', showId, '--json']],
			['bd create "bench bead"', [bd, 'create', 'bench bead']],
			[`bd update ${updateId} --status in_progress`, [bd, 'update', updateId, '--status', 'in_progress']],
		];
		const results = [];
		for (const [name, args] of cases) {
			results.push(await timeCase(name, args, tmp));
			process.stdout.write('.');
		}
		process.stdout.write('\n');
		const baseline = results[0].median;
		const targets = {'gt --version': 1.5, 'bd ready --json': 2};
		for (const r of results) {
			r.ratio = r.median / baseline;
			if (targets[r.name]) r.target = {maxRatio: targets[r.name], pass: r.ratio <= targets[r.name]};
		}
		const rows = results.map(r => [r.name, r.median.toFixed(1), r.p90.toFixed(1), r.min.toFixed(1), `${r.ratio.toFixed(2)}x`, String(r.stdoutBytes),
			r.target ? `${r.target.pass ? 'PASS' : 'FAIL'} (≤${r.target.maxRatio}x)` : '']);
		printTable(['command', 'median ms', 'p90 ms', 'min ms', 'vs node', 'stdout B', 'target'], rows);

		// 3. Concurrency: N `bd create` at once; every one must land.
		const before = bdJson(['stats', '--json'], tmp).total;
		t = performance.now();
		const outcomes = await Promise.allSettled(Array.from({length: concurrentCreates}, (_, i) => runOnce([bd, 'create', `concurrent ${i}`], tmp)));
		const wallMs = performance.now() - t;
		const failed = outcomes.filter(o => o.status === 'rejected').map(o => o.reason.message);
		const after = bdJson(['stats', '--json'], tmp).total;
		const titles = new Set(readFileSync(path.join(tmp, '.beads', 'issues.jsonl'), 'utf8').split('\n').filter(Boolean)
			.map(line => JSON.parse(line).title).filter(title => /^concurrent \d+$/.test(title)));
		const concurrency = {processes: concurrentCreates, wallMs, added: after - before, distinctTitles: titles.size, failed,
			pass: failed.length === 0 && after - before === concurrentCreates && titles.size === concurrentCreates};
		console.log(`\n${concurrentCreates} concurrent bd create: ${wallMs.toFixed(0)} ms wall (${(wallMs / concurrentCreates).toFixed(1)} ms/bead), ` +
			`${concurrency.added} beads added, ${titles.size} distinct titles, ${failed.length} failed → ${concurrency.pass ? 'PASS (no lost update)' : 'FAIL'}`);
		for (const message of failed) console.log(`  ${message}`);

		// 4. Results file.
		const resultsDir = path.join(repo, 'bench', 'results');
		mkdirSync(resultsDir, {recursive: true});
		if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
		const report = {benchmark: 'ledger', date: new Date().toISOString(), machine, dist, beads: beadCount, dependencies: deps, runs, warmups, baselineMs: baseline, results, concurrency};
		writeFileSync(path.join(resultsDir, 'ledger.json'), `${JSON.stringify(report, null, 2)}\n`);
		console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'ledger.json'))}`);
		if (!concurrency.pass) process.exitCode = 1; // a lost update is a bug; a missed time target is only reported
	} finally {
		if (process.env.BENCH_KEEP === '1') console.log(`kept ${tmp}`);
		else rmSync(tmp, {recursive: true, force: true});
	}
}

function printTable(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
	const line = row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	console.log(`\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`);
	for (const row of rows) console.log(line(row));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
