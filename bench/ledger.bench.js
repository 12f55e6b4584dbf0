// Ledger benchmark: whole-process wall time of the built CLIs against Beads
// ledgers of 1,000, 10,000 and 100,000 beads, compared with a bare `node -e 0`
// start in the same run.
//
// What it measures per ledger size (each case: 2 warm-up runs, then BENCH_RUNS
// timed runs, each right after a bare `node -e 0` that it is compared with; the
// time is spawn → exit, with stdout drained through a pipe):
//   node -e 0 (baseline), gt --version, bd ready --json, bd list --json,
//   bd show <id> --json, bd create, bd update <id> --status in_progress,
//   bd close <id> (a different open bead each run, so every run writes);
// then each bd command once more with a preload that reports its peak RSS
// (untimed); plus 30 concurrent `bd create` processes (wall time, and a check
// that exactly 30 beads were added: no lost update under the ledger lock).
// Targets (DESIGN.md §9): at 10k beads reads ≤ 1.5x and writes ≤ 2x bare node;
// at 100k reads and writes ≤ 3x and a write's peak RSS ≤ 150 MiB;
// `gt --version` ≤ 1.5x.
//
// Run:  npm run build && node bench/run.js ledger
//       GT_DIST=/tmp/x/dist node bench/run.js ledger
// Env:  GT_DIST (default <repo>/dist), BENCH_RUNS (default 20),
//       BENCH_BEADS (ledger sizes, comma-separated; default 1000,10000,100000),
//       BENCH_KEEP=1 keeps the temp ledgers. Results: bench/results/ledger.json
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {runNode, timePaired} from './lib.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const warmups = 2;
const beadCounts = (process.env.BENCH_BEADS ?? '1000,10000,100000').split(',').map(Number).filter(count => count > 0);
const concurrentCreates = 30;
const node = process.execPath;
const bd = path.join(dist, 'bd.js');
const gt = path.join(dist, 'gt.js');

// ---- a realistic ledger, written directly as Beads JSONL ----------

function rng(seed) { // mulberry32: the same ledger on every run
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateBeads(total) {
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

export const jsonLine = bead => JSON.stringify(bead, (key, value) => (Array.isArray(value) && value.length === 0 ? undefined : value));

// ---- process timing --------------------------------------------------------

const runOnce = (args, cwd) => runNode(args, cwd);
const timeCase = (name, args, cwd) => timePaired(name, args, cwd, {runs, warmups});

function bdJson(args, cwd) {
	const result = spawnSync(node, [bd, ...args], {cwd, encoding: 'utf8', maxBuffer: 1 << 28});
	if (result.status !== 0) throw new Error(`bd ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
	return JSON.parse(result.stdout);
}

// ---- the benchmark ---------------------------------------------------------

const readTargets = {1000: 1.5, 10000: 1.5, 100000: 3};
const writeTargets = {1000: 2, 10000: 2, 100000: 3};
const rssTargetMiB = {100000: 150};

/** Peak RSS (MiB) of one run of `args`: a preload prints process.resourceUsage().maxRSS at exit. */
async function peakRss(args, cwd, preload) {
	await runOnce(['-r', preload, ...args], cwd);
	return Number(readFileSync(path.join(path.dirname(preload), 'rss.txt'), 'utf8')) / 1024;
}

async function benchSize(beadCount, machine) {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-ledger-'));
	try {
		// 1. Build the ledger: `bd init`, then write issues.jsonl directly.
		let t = performance.now();
		const town = path.join(tmp, 'town');
		mkdirSync(town);
		await runOnce([bd, 'init', '--prefix', 'bm'], town);
		const beads = generateBeads(beadCount);
		const text = `${beads.map(jsonLine).join('\n')}\n`;
		writeFileSync(path.join(town, '.beads', 'issues.jsonl'), text);
		const stats = bdJson(['stats', '--json'], town);
		if (stats.total !== beadCount) throw new Error(`bd stats reports ${stats.total} beads, expected ${beadCount}`);
		const deps = beads.reduce((sum, b) => sum + (b.dependencies?.length ?? 0), 0);
		console.log(`\nledger: ${beadCount} beads, ${deps} dependencies, ${(text.length / 2 ** 20).toFixed(1)} MiB, ready ${stats.ready}, blocked ${stats.blocked}, built in ${(performance.now() - t).toFixed(0)} ms (${town})`);

		// 2. Sequential whole-process timings.
		const showId = beads.find(b => b.dependencies?.length >= 2 && b.id.includes('.'))?.id ?? beads[0].id;
		const updateId = beads.find(b => b.status === 'open' && !b.id.includes('.'))?.id ?? beads[0].id;
		// Beads `bd close` accepts without --force: open, no dependencies, no children; one per run.
		const parents = new Set(beads.flatMap(b => (b.dependencies ?? []).map(d => d.depends_on_id)));
		const closable = beads.filter(b => b.status === 'open' && !b.dependencies?.length && !parents.has(b.id) && b.id !== updateId).map(b => b.id);
		if (closable.length < warmups + runs + 1) throw new Error(`only ${closable.length} closable beads`);
		const cases = [
			['node -e 0', ['-e', '0']],
			['gt --version', [gt, '--version']],
			['bd ready --json', [bd, 'ready', '--json'], 'read'],
			['bd list --json', [bd, 'list', '--json'], 'read'],
			[`bd show <id> --json`, [bd, 'show', showId, '--json'], 'read'],
			['bd create "bench bead"', [bd, 'create', 'bench bead'], 'write'],
			[`bd update <id> --status in_progress`, [bd, 'update', updateId, '--status', 'in_progress'], 'write'],
			['bd close <id>', run => [bd, 'close', closable[run]], 'write'],
		];
		const results = [];
		for (const [name, args, kind] of cases) {
			const result = await timeCase(name, args, town);
			if (kind) result.kind = kind;
			results.push(result);
			process.stdout.write('.');
		}
		// 3. Peak RSS of each bd command, one untimed run each (with the preload).
		const preload = path.join(tmp, 'rss.cjs');
		writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(tmp, 'rss.txt'))}, String(process.resourceUsage().maxRSS)));\n`);
		for (const [index, [, args, kind]] of cases.entries()) {
			if (!kind) continue;
			results[index].peakRssMiB = await peakRss(typeof args === 'function' ? args(warmups + runs) : args, town, preload);
		}
		process.stdout.write('\n');
		const baseline = results[0].median;
		for (const r of results) {
			// The ratio is to the paired bare starts (see timeCase); vsBaseline is to the first case's median.
			r.vsBaseline = r.median / baseline;
			r.ratio = r.median / r.pairedNodeMedian;
			const maxRatio = r.name === 'gt --version' ? 1.5 : r.kind === 'read' ? readTargets[beadCount] : r.kind === 'write' ? writeTargets[beadCount] : undefined;
			const maxRss = r.kind === 'write' ? rssTargetMiB[beadCount] : undefined;
			if (maxRatio !== undefined) r.target = {maxRatio, ...(maxRss ? {maxRssMiB: maxRss} : {}), pass: r.ratio <= maxRatio && (!maxRss || r.peakRssMiB <= maxRss)};
		}
		const rows = results.map(r => [r.name, r.median.toFixed(1), r.p90.toFixed(1), r.min.toFixed(1), r.pairedNodeMedian.toFixed(1), `${r.ratio.toFixed(2)}x`, r.peakRssMiB ? r.peakRssMiB.toFixed(0) : '', String(r.stdoutBytes),
			r.target ? `${r.target.pass ? 'PASS' : 'FAIL'} (≤${r.target.maxRatio}x${r.target.maxRssMiB ? `, ≤${r.target.maxRssMiB} MiB` : ''})` : '']);
		printTable(['command', 'median ms', 'p90 ms', 'min ms', 'node ms', 'vs node', 'RSS MiB', 'stdout B', 'target'], rows);

		// 4. Concurrency: N `bd create` at once; every one must land.
		const before = bdJson(['stats', '--json'], town).total;
		t = performance.now();
		const outcomes = await Promise.allSettled(Array.from({length: concurrentCreates}, (_, i) => runOnce([bd, 'create', `concurrent ${i}`], town)));
		const wallMs = performance.now() - t;
		const failed = outcomes.filter(o => o.status === 'rejected').map(o => o.reason.message);
		const after = bdJson(['stats', '--json'], town).total;
		const titles = new Set(bdJson(['list', '--json', '--all', '--limit', '0'], town).map(bead => bead.title).filter(title => /^concurrent \d+$/.test(title)));
		const concurrency = {processes: concurrentCreates, wallMs, added: after - before, distinctTitles: titles.size, failed,
			pass: failed.length === 0 && after - before === concurrentCreates && titles.size === concurrentCreates};
		console.log(`\n${concurrentCreates} concurrent bd create: ${wallMs.toFixed(0)} ms wall (${(wallMs / concurrentCreates).toFixed(1)} ms/bead), ` +
			`${concurrency.added} beads added, ${titles.size} distinct titles, ${failed.length} failed → ${concurrency.pass ? 'PASS (no lost update)' : 'FAIL'}`);
		for (const message of failed) console.log(`  ${message}`);
		return {beads: beadCount, dependencies: deps, fileMiB: text.length / 2 ** 20, baselineMs: baseline, results, concurrency};
	} finally {
		if (process.env.BENCH_KEEP === '1') console.log(`kept ${tmp}`);
		else rmSync(tmp, {recursive: true, force: true});
	}
}

export default async function run() {
	for (const file of [bd, gt]) if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` or set GT_DIST`);
	const machine = {cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`};
	console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node} (${machine.platform})`);
	console.log(`dist: ${dist}   runs: ${runs} (+${warmups} warm-up)   sizes: ${beadCounts.join(', ')}`);
	const sizes = [];
	for (const count of beadCounts) sizes.push(await benchSize(count, machine));

	// Growth: each command's ratio to bare node at every size.
	if (sizes.length > 1) {
		const names = sizes[0].results.filter(r => r.kind).map(r => r.name);
		const rows = names.map(name => [name, ...sizes.flatMap(size => {
			const r = size.results.find(result => result.name === name);
			return [`${r.ratio.toFixed(2)}x`, r.peakRssMiB ? r.peakRssMiB.toFixed(0) : ''];
		})]);
		printTable(['growth (vs node, RSS MiB)', ...sizes.flatMap(size => [`${size.beads / 1000}k`, 'MiB'])], rows);
	}

	const resultsDir = path.join(repo, 'bench', 'results');
	mkdirSync(resultsDir, {recursive: true});
	if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
	const report = {benchmark: 'ledger', date: new Date().toISOString(), machine, dist, runs, warmups, sizes};
	writeFileSync(path.join(resultsDir, 'ledger.json'), `${JSON.stringify(report, null, 2)}\n`);
	console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'ledger.json'))}`);
	// A lost update is a bug; a missed time target is only reported.
	if (sizes.some(size => !size.concurrency.pass)) process.exitCode = 1;
}

function printTable(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
	const line = row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	console.log(`\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`);
	for (const row of rows) console.log(line(row));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
