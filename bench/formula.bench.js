// Formula benchmark: whole-process wall time, compared with a bare `node -e 0`
// start in the same run, of
//  - `bd cook` of a generated 3,000-step formula (a chain, plus fan-in needs every
//    tenth step, one nested child per hundredth step), compile and runtime mode;
//  - `bd cook` and `bd mol pour` of a 3,000-step formula made by composition: it
//    extends a 1,000-step parent, maps a 3-step expansion over 500 of its steps,
//    applies an aspect's advice after the other 500, and unrolls a 100-iteration
//    loop of 5 steps (each pour into a fresh ledger, set up outside the timing);
//  - `bd mol pour` of a towers-of-hanoi-style formula (1,026 beads: a root, a
//    setup step with 1,023 nested moves, a check and a verify).
// Targets from the issue: composed cook and pour at a small multiple of node's
// start; the 1,026-step pour under 2 s.
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

export function composedFormulas() {
	const base = ['formula = "bench-base"', 'description = "A 1,000-step parent for {{project}}"', '[vars.project]', 'required = true', ''];
	for (let index = 0; index < 1000; index++) {
		const id = index % 2 === 0 ? `s${index}.impl` : `s${index}.check`;
		const previous = index === 0 ? [] : [index % 2 === 1 ? `s${index - 1}.impl` : `s${index - 1}.check`];
		base.push('[[steps]]', `id = "${id}"`, `title = "Part ${index} of {{project}}"`, `description = "Do part ${index}."`, `needs = ${JSON.stringify(previous)}`, '');
	}
	const triple = ['formula = "bench-triple"', 'type = "expansion"', '[[template]]', 'id = "{target}.draft"', 'title = "Draft {target.title}"', '[[template]]', 'id = "{target}.refine"', 'title = "Refine {target.title}"', 'needs = ["{target}.draft"]', '[[template]]', 'id = "{target}.polish"', 'title = "Polish {target.title}"', 'needs = ["{target}.refine"]', ''];
	const audit = ['formula = "bench-audit"', 'type = "aspect"', '[[advice]]', 'target = "*.check"', '[advice.after]', 'id = "{step.id}-audit"', 'title = "Audit {step.title}"', ''];
	const composed = ['formula = "bench-composed"', 'extends = ["bench-base"]', '[[compose.map]]', 'select = "*.impl"', 'with = "bench-triple"', '[compose]', 'aspects = ["bench-audit"]', '', '[[steps]]', 'id = "soak"', 'title = "Soak test"', 'needs = ["s999.check"]', '[steps.loop]', 'count = 100'];
	for (let index = 0; index < 5; index++) composed.push('[[steps.loop.body]]', `id = "round${index}"`, `title = "Round ${index} of {{project}}"`, ...(index > 0 ? [`needs = ["round${index - 1}"]`] : []));
	// [compose] after [[compose.map]] would redefine the table: put aspects inside the map's table instead.
	const text = composed.join('\n').replace('[[compose.map]]\nselect = "*.impl"\nwith = "bench-triple"\n[compose]\naspects = ["bench-audit"]', '[compose]\naspects = ["bench-audit"]\n[[compose.map]]\nselect = "*.impl"\nwith = "bench-triple"');
	return {'bench-base': base.join('\n'), 'bench-triple': triple.join('\n'), 'bench-audit': audit.join('\n'), 'bench-composed': `${text}\n`};
}

export function hanoiFormula() {
	const lines = ['formula = "bench-hanoi"', 'description = "Ten disks"', '[[steps]]', 'id = "setup"', 'title = "Set up the pegs"'];
	for (let move = 1; move <= 1023; move++) lines.push('[[steps.children]]', `id = "move-${move}"`, `title = "Move ${move}: disk ${Math.log2(move & -move) + 1}"`, ...(move > 1 ? [`needs = ["move-${move - 1}"]`] : []));
	lines.push('[[steps]]', 'id = "check"', 'title = "Check the pegs"', 'needs = ["setup"]', '[[steps]]', 'id = "verify"', 'title = "Verify"', 'needs = ["check"]');
	return `${lines.join('\n')}\n`;
}

/** A fresh ledger holding the bench formulas, for a pour that must not see earlier pours. */
function freshLedger(files) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-formula-pour-'));
	const init = spawnSync(node, [bd, 'init', '--prefix', 'fp'], {cwd: dir, encoding: 'utf8', env: {...process.env, HOME: dir}});
	if (init.status !== 0) throw new Error(`bd init failed: ${init.stderr}`);
	const formulas = path.join(dir, '.beads', 'formulas');
	mkdirSync(formulas, {recursive: true});
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(formulas, `${name}.formula.toml`), text);
	return dir;
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

/** `cwd` is a directory, or a function making a fresh one per run (outside the timing). */
async function timeCase(name, args, cwd) {
	const dirFor = () => (typeof cwd === 'function' ? cwd() : cwd);
	const made = [];
	const once = async () => {
		const dir = dirFor();
		if (dir !== cwd) made.push(dir);
		return runOnce(args, dir);
	};
	try {
		for (let index = 0; index < warmups; index++) await once();
		const times = [];
		let bytes = 0;
		for (let index = 0; index < runs; index++) {
			const result = await once();
			times.push(result.ms);
			bytes = result.bytes;
		}
		return {name, median: median(times), min: Math.min(...times), max: Math.max(...times), stdoutBytes: bytes, runs};
	} finally {
		for (const dir of made) rmSync(dir, {recursive: true, force: true});
	}
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
		const composed = composedFormulas();
		for (const [name, body] of Object.entries(composed)) writeFileSync(path.join(formulas, `${name}.formula.toml`), body);
		const hanoi = {'bench-hanoi': hanoiFormula()};
		console.log(`formula: ${stepCount} steps (+${Math.ceil(stepCount / 100)} nested), ${(text.length / 1024).toFixed(0)} KiB of TOML; composed: 1,000 + map + aspect + loop; ${runs} runs after ${warmups} warm-ups`);
		const check = spawnSync(node, [bd, 'mol', 'pour', 'bench-composed', '--var', 'project=gastown', '--dry-run', '--json'], {cwd: tmp, encoding: 'utf8', env: {...process.env, HOME: tmp}});
		if (check.status !== 0) throw new Error(`composed formula does not pour: ${check.stderr}`);
		const composedBeads = JSON.parse(check.stdout).would_create;

		const results = [
			await timeCase('node -e 0', ['-e', '0'], tmp),
			await timeCase('bd cook bench-big (compile)', [bd, 'cook', 'bench-big'], tmp),
			await timeCase('bd cook bench-big --var (runtime)', [bd, 'cook', 'bench-big', '--var', 'project=gastown'], tmp),
			await timeCase('bd cook bench-composed', [bd, 'cook', 'bench-composed'], tmp),
			await timeCase('bd mol pour bench-composed', [bd, 'mol', 'pour', 'bench-composed', '--var', 'project=gastown', '--json'], () => freshLedger(composed)),
			await timeCase('bd mol pour bench-hanoi', [bd, 'mol', 'pour', 'bench-hanoi', '--json'], () => freshLedger(hanoi)),
		];
		const baseline = results[0].median;
		for (const result of results) result.ratio = result.median / baseline;
		const width = Math.max(...results.map(result => result.name.length));
		console.log(`${'command'.padEnd(width)}  median ms  min ms  max ms  vs node  stdout B`);
		for (const result of results) {
			console.log(`${result.name.padEnd(width)}  ${result.median.toFixed(1).padStart(9)}  ${result.min.toFixed(1).padStart(6)}  ${result.max.toFixed(1).padStart(6)}  ${`${result.ratio.toFixed(2)}x`.padStart(7)}  ${String(result.stdoutBytes).padStart(8)}`);
		}
		const cook = results[2];
		console.log(`composed formula: ${composedBeads} beads when poured`);
		console.log(`target: bd cook of ${stepCount} steps well under 1000 ms — ${cook.median < 1000 ? 'met' : 'MISSED'} (${cook.median.toFixed(0)} ms)`);
		const hanoiPour = results[5];
		console.log(`target: the 1,026-bead hanoi pour under 2000 ms — ${hanoiPour.median < 2000 ? 'met' : 'MISSED'} (${hanoiPour.median.toFixed(0)} ms)`);

		const resultsDir = path.join(repo, 'bench', 'results');
		mkdirSync(resultsDir, {recursive: true});
		if (!existsSync(path.join(resultsDir, '.gitignore'))) writeFileSync(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
		const report = {benchmark: 'formula', date: new Date().toISOString(), machine: {cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version}, dist, steps: stepCount, composedBeads, runs, warmups, baselineMs: baseline, results};
		writeFileSync(path.join(resultsDir, 'formula.json'), `${JSON.stringify(report, null, 2)}\n`);
		console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'formula.json'))}`);
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
}
