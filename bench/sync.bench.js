// gt sync benchmark: whole-process wall time of `gt sync` on a town whose HQ ledger
// holds 10,000 beads, with 100 beads changed on this side (not yet committed) and
// 100 others changed on the remote, against a bare `git pull` of the same commits
// in a clone without the merge driver (git's line merge: the changes touch
// different lines, so it merges cleanly too), in the same run.
//
// gt sync does more than the pull: it folds journals, commits, fetches, merges
// the ledger bead by bead (one bd merge-driver process), writes the result file by
// file, and pushes. So the chain `git commit -a && git pull && git push` is
// measured too, as the like-for-like baseline.
//
// Each timed run starts from the same state: the town reset to the base commit
// with this side's 100 changes in its working tree, the remote's branch set back
// to the commit with the other side's 100 changes.
//
// Run:  npm run build && node bench/run.js sync
// Env:  GT_DIST (default <repo>/dist), BENCH_RUNS (default 7), BENCH_BEADS (default 10000),
//       BENCH_CHANGED (per side, default 100). Results: bench/results/sync.json
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const total = Number(process.env.BENCH_BEADS ?? 10_000);
const changed = Number(process.env.BENCH_CHANGED ?? 100);
const gt = path.join(dist, 'gt.js');

const at = index => new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
const idOf = index => `hq-${index.toString(36).padStart(4, '0')}`;

function beadLine(index, title = `Bead number ${index}: a realistic title of some length`, updated = at(index)) {
	return JSON.stringify({
		id: idOf(index), title, description: `Description of bead ${index}, a sentence or two of text as agents write them.`,
		status: index % 7 === 0 ? 'closed' : 'open', priority: index % 5, issue_type: 'task', created_at: at(index), updated_at: updated,
		...(index % 3 === 0 ? {labels: ['backend', 'perf']} : {}),
	});
}

const ledgerText = changes => {
	const lines = [];
	for (let index = 0; index < total; index++) lines.push(changes.has(index) ? beadLine(index, changes.get(index), at(total + index)) : beadLine(index));
	return `${lines.join('\n')}\n`;
};

function time(file, args, cwd, env) {
	const started = process.hrtime.bigint();
	const result = spawnSync(file, args, {cwd, env, encoding: 'utf8'});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
	return ms;
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function run() {
	const work = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-sync-'));
	const home = path.join(work, 'home');
	mkdirSync(home);
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n');
	const env = {PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', LANG: 'C.UTF-8'};
	const git = (cwd, ...args) => execFileSync('git', args, {cwd, env, encoding: 'utf8'}).trim();
	try {
		const remote = path.join(work, 'remote.git');
		git(work, 'init', '-q', '--bare', remote);
		const town = path.join(work, 'town');
		execFileSync(process.execPath, [gt, 'install', town, '--git'], {cwd: work, env});
		git(town, 'remote', 'add', 'origin', remote);
		const ledger = path.join(town, '.beads', 'issues.jsonl');
		writeFileSync(ledger, ledgerText(new Map()));
		git(town, 'commit', '-q', '-am', 'base: 10,000 beads');
		git(town, 'push', '-q', 'origin', 'main');
		const base = git(town, 'rev-parse', 'HEAD');
		// The other side's 100 changes, pushed; this side's 100 others, kept as text.
		const step = Math.floor(total / (2 * changed));
		const theirs = new Map(Array.from({length: changed}, (_, index) => [index * 2 * step, `changed on the other machine ${index}`]));
		const ours = new Map(Array.from({length: changed}, (_, index) => [index * 2 * step + step, `changed here ${index}`]));
		writeFileSync(ledger, ledgerText(theirs));
		git(town, 'commit', '-q', '-am', 'the other side');
		const remoteHead = git(town, 'rev-parse', 'HEAD');
		git(town, 'push', '-q', 'origin', 'main');
		const oursText = ledgerText(ours);
		// The pull baseline: a clone with no merge driver configured (git's own line merge).
		const plain = path.join(work, 'plain');
		git(work, 'clone', '-q', remote, plain);

		const reset = dir => {
			git(remote, 'update-ref', 'refs/heads/main', remoteHead);
			git(dir, 'reset', '-q', '--hard', base);
			git(dir, 'update-ref', '-d', 'refs/remotes/origin/main');
			writeFileSync(path.join(dir, '.beads', 'issues.jsonl'), oursText);
		};
		const cases = {
			'gt sync': () => { reset(town); return time(process.execPath, [gt, 'sync'], town, env); },
			'git pull': () => {
				reset(plain);
				git(plain, 'commit', '-q', '-am', 'this side');
				return time('git', ['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], plain, env);
			},
			'git commit+pull+push': () => {
				reset(plain);
				return time('git', ['commit', '-q', '-am', 'this side'], plain, env) + time('git', ['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], plain, env) + time('git', ['push', '-q', 'origin', 'HEAD:main'], plain, env);
			},
		};
		const samples = Object.fromEntries(Object.keys(cases).map(name => [name, []]));
		for (const fn of Object.values(cases)) fn(); // warm-up
		for (let index = 0; index < runs; index++) for (const [name, fn] of Object.entries(cases)) samples[name].push(fn());
		// The merge must be right, not only fast: both sides' changes in the result.
		reset(town);
		execFileSync(process.execPath, [gt, 'sync'], {cwd: town, env});
		const merged = readFileSync(ledger, 'utf8');
		for (const [, title] of [...theirs, ...ours]) if (!merged.includes(title)) throw new Error(`the merge lost "${title}"`);

		const results = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, {median: median(values), min: Math.min(...values), max: Math.max(...values)}]));
		const pull = results['git pull'].median;
		console.log(`gt sync, ${total} beads, ${changed} changed on each side (${runs} runs, median ms; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'})`);
		for (const [name, result] of Object.entries(results)) {
			console.log(`  ${name.padEnd(22)} ${result.median.toFixed(1).padStart(8)} ms  (min ${result.min.toFixed(1)}, max ${result.max.toFixed(1)})  ${(result.median / pull).toFixed(2)}x git pull`);
		}
		mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
		writeFileSync(path.join(repo, 'bench', 'results', 'sync.json'), `${JSON.stringify({beads: total, changedPerSide: changed, runs, results, ratioToGitPull: results['gt sync'].median / pull}, null, '\t')}\n`);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}
