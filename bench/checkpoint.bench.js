// Checkpoint benchmark: what one turn's checkpoint costs on a 10,000-file worktree, as a
// ratio to a bare `git stash create` in the same worktree, in the same run.
//
// A repository of BENCH_FILES files (default 10,000, in 100 directories) with a linked
// worktree, as a polecat's. Each round changes BENCH_CHANGED tracked files (default 10) and
// adds two untracked ones, then times, in alternating order:
//   - `git stash create` (the baseline: a commit of tracked changes, nothing moved; it
//     leaves untracked files out, which a checkpoint must record);
//   - takeCheckpoint() from core/work/checkpoints.ts, bundled from source with esbuild,
//     as the daemon's checkpointer calls it at a turn end (new files included);
//   - the same again with nothing changed (a turn that only read files).
// Rounds: BENCH_RUNS (default 15); medians reported. Results: bench/results/checkpoint.json
//
// Run:  node bench/run.js checkpoint      (no build needed: the core module is bundled here)
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {machineInfo, median, printTable, repo, writeResults} from './lib.js';

const files = Number(process.env.BENCH_FILES ?? 10_000);
const changed = Number(process.env.BENCH_CHANGED ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 15);

export default async function run() {
	const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'gt-bench-checkpoint-')));
	try {
		const outfile = path.join(tmp, 'checkpoints.mjs');
		await build({entryPoints: [path.join(repo, 'source/core/work/checkpoints.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, packages: 'external', logLevel: 'warning'});
		const {takeCheckpoint} = await import(pathToFileURL(outfile).href);
		const home = path.join(tmp, 'home');
		mkdirSync(home);
		writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n');
		const env = {PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1'};
		const git = (cwd, ...args) => execFileSync('git', args, {cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024}).trim();
		const main = path.join(tmp, 'repo');
		mkdirSync(main);
		git(main, 'init', '-q');
		for (let index = 0; index < files; index++) {
			const dir = path.join(main, `d${String(index % 100).padStart(2, '0')}`);
			if (index < 100) mkdirSync(dir);
			writeFileSync(path.join(dir, `f${index}.txt`), `file ${index}\n${'x'.repeat(200)}\n`);
		}
		git(main, 'add', '-A');
		git(main, 'commit', '-q', '-m', 'files');
		const worktree = path.join(tmp, 'polecats', 'nux');
		git(main, 'worktree', 'add', '-q', '-b', 'polecat/nux/ca-1', worktree);
		git(worktree, 'status', '--porcelain'); // a warm index, as an agent's is
		const agent = {address: 'bm/polecats/nux', id: 'bm.polecats.nux', rig: 'bm', worktree};
		const time = async work => {
			const started = performance.now();
			await work();
			return performance.now() - started;
		};
		const stash = [];
		const checkpoint = [];
		const unchanged = [];
		for (let round = 0; round < runs; round++) {
			for (let index = 0; index < changed; index++) writeFileSync(path.join(worktree, `d${String(index % 100).padStart(2, '0')}`, `f${index}.txt`), `round ${round}\n`);
			writeFileSync(path.join(worktree, `new-${round}-a.txt`), 'untracked\n');
			writeFileSync(path.join(worktree, `new-${round}-b.txt`), 'untracked\n');
			const pair = [
				async () => stash.push(await time(() => git(worktree, 'stash', 'create'))),
				async () => checkpoint.push(await time(() => takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: new Date()}))),
			];
			if (round % 2) pair.reverse();
			for (const step of pair) await step();
			unchanged.push(await time(() => takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: new Date()})));
		}
		const base = median(stash);
		const rows = [
			['git stash create (baseline)', base.toFixed(1), '1.00×'],
			[`checkpoint, ${changed} changed + 2 new files`, median(checkpoint).toFixed(1), `${(median(checkpoint) / base).toFixed(2)}×`],
			['checkpoint, nothing changed (skipped)', median(unchanged).toFixed(1), `${(median(unchanged) / base).toFixed(2)}×`],
		];
		const machine = machineInfo();
		console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}\nworktree: ${files} files; ${runs} rounds; medians`);
		printTable(['per turn', 'ms', 'vs stash create'], rows);
		writeResults('checkpoint', {machine, files, changed, runs, stashMs: stash, checkpointMs: checkpoint, unchangedMs: unchanged, ratio: median(checkpoint) / base});
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
}
