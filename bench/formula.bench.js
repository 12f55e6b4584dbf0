// Formula benchmark: whole-process wall time of `bd cook <formula> --json` for a
// generated 3,000-step formula (a chain, plus fan-in needs every tenth step, one
// nested child per hundredth step), compared with a bare `node -e 0` start.
// Target from the issue: well under a second.
//
// Run:  npm run bench                       (builds dist/ first)
//       GT_DIST=/tmp/x/dist node bench/run.js formula
// Env:  GT_DIST (default <repo>/dist), BENCH_RUNS (default 10), BENCH_STEPS
//       (default 3000). Results: bench/results/formula.json
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const runs = Number(process.env.BENCH_RUNS ?? 10);
const stepCount = Number(process.env.BENCH_STEPS ?? 3000);
const warmups = 2;
const node = process.execPath;
const bd = path.join(dist, 'bd.js');

function formulaText(total) {
	const lines = ['formula = "bench-big"', 'description = "A big generated workflow for {{project}}"', '', '[vars.project]', 'required = true', '', '[vars.owner]', 'default = "mayor"', ''];
	for (let index = 0; index < total; index++) {
		const needs = [];
		if (index > 0) needs.push(`s${index - 1}`);
		if (index % 10 === 0) for (let back = 2; back <= 6 && index - back >= 0; back++) needs.push(`s${index - back}`);
		lines.push('[[steps]]', `id = "s${index}"`, `title = "Step ${index} of {{project}} for {{owner}}"`, `description = "Do part ${index} of {{project}}; check it with {{owner}}."`, `needs = ${JSON.stringify(needs)}`, `priority = ${index % 5}`, 'labels = ["bench"]');
		if (index % 100 === 0) lines.push('', '[[steps.children]]', `id = "s${index}-sub"`, `title = "Sub-step of ${index} for {{project}}"`);
		lines.push('');
	}
	return lines.join('\n');
}

function runOnce(args, cwd) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(node, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']});
		let bytes = 0;
		let stderr = '';
		child.stdout.on('data', chunk => (bytes += chunk.length));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
			else resolve({ms, bytes});
		});
	});
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function timeCase(name, args, cwd) {
	for (let index = 0; index < warmups; index++) await runOnce(args, cwd);
	const times = [];
	let bytes = 0;
	for (let index = 0; index < runs; index++) {
		const result = await runOnce(args, cwd);
		times.push(result.ms);
		bytes = result.bytes;
	}
	return {name, median: median(times), min: Math.min(...times), max: Math.max(...times), stdoutBytes: bytes, runs};
}

export default async function run() {
	if (!existsSync(bd)) throw new Error(`no ${bd}: run npm run build (or set GT_DIST)`);
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-formula-bench-'));
	try {
		const init = spawnSync(node, [bd, 'init', '--prefix', 'fb'], {cwd: tmp, encoding: 'utf8', env: {...process.env, HOME: tmp}});
		if (init.status !== 0) throw new Error(`bd init failed: ${init.stderr}`);
		const formulas = path.join(tmp, '.beads', 'formulas');
		mkdirSync(formulas, {recursive: true});
		const text = formulaText(stepCount);
		writeFileSync(path.join(formulas, 'bench-big.formula.toml'), text);
		console.log(`formula: ${stepCount} steps (+${Math.ceil(stepCount / 100)} nested), ${(text.length / 1024).toFixed(0)} KiB of TOML; ${runs} runs after ${warmups} warm-ups`);

		const results = [
			await timeCase('node -e 0', ['-e', '0'], tmp),
			await timeCase('bd cook bench-big --json', [bd, 'cook', 'bench-big', '--var', 'project=gastown', '--json'], tmp),
		];
		const baseline = results[0].median;
		for (const result of results) result.ratio = result.median / baseline;
		const width = Math.max(...results.map(result => result.name.length));
		console.log(`${'command'.padEnd(width)}  median ms  min ms  max ms  vs node  stdout B`);
		for (const result of results) {
			console.log(`${result.name.padEnd(width)}  ${result.median.toFixed(1).padStart(9)}  ${result.min.toFixed(1).padStart(6)}  ${result.max.toFixed(1).padStart(6)}  ${`${result.ratio.toFixed(2)}x`.padStart(7)}  ${String(result.stdoutBytes).padStart(8)}`);
		}
		const cook = results[1];
		console.log(`target: bd cook of ${stepCount} steps well under 1000 ms — ${cook.median < 1000 ? 'met' : 'MISSED'} (${cook.median.toFixed(0)} ms)`);

		const resultsDir = path.join(repo, 'bench', 'results');
		mkdirSync(resultsDir, {recursive: true});
		if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
		const report = {benchmark: 'formula', date: new Date().toISOString(), machine: {cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version}, dist, steps: stepCount, runs, warmups, baselineMs: baseline, results};
		writeFileSync(path.join(resultsDir, 'formula.json'), `${JSON.stringify(report, null, 2)}\n`);
		console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'formula.json'))}`);
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
}
