// Completion benchmark: what one <tab> costs. Each case is a whole `gt __complete …` or
// `bd __complete …` process, as the shell scripts run it, in a town whose rig ledger holds
// BENCH_BEADS beads (generated as in ledger.bench.js), compared with a bare `node -e 0`
// started right before it.
//
// Cases: command words (`gt __complete conv li`), flags, fixed choices, live bead ids
// across the town's ledgers with titles (`gt __complete sling ''`), an id prefix in the
// rig (`bd __complete show bm-1`), agents and rigs (`gt __complete sling <bead> ''`).
// Targets: a tab must answer well inside the ~100 ms after which a reply stops feeling
// instant. Command words, flags and fixed choices ≤ 2× bare node (an empty ES module file
// alone is ~1.2×, `gt --version` ~1.3×, `gt --help` ~1.7×); live values read a ledger: ≤ 3.5× at 1,000
// beads, ≤ 5× at 10,000 (where `gt sling <tab>` lists every open bead of the town).
//
// Run:  npm run build && node bench/run.js completion
// Env:  GT_DIST, BENCH_RUNS (default 15), BENCH_BEADS (default 1000,10000)
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {bdJs, gt, gtJs, machineInfo, printTable, requireDist, simTown, timePaired, writeResults} from './lib.js';
import {generateBeads, jsonLine} from './ledger.bench.js';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const sizes = (process.env.BENCH_BEADS ?? '1000,10000').split(',').map(Number).filter(count => count > 0);

async function benchSize(beadCount) {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-completion-'));
	try {
		const {town, rig, env} = simTown(tmp);
		const beads = generateBeads(beadCount);
		writeFileSync(path.join(rig, '.beads', 'issues.jsonl'), `${beads.map(jsonLine).join('\n')}\n`);
		gt(['crew', 'add', 'max', '--rig', 'bm'], town, env);
		const openBead = beads.find(bead => bead.status === 'open').id;
		const cases = [
			['gt: command words', town, [gtJs, '__complete', 'conv', 'li'], 2],
			['gt: flags', town, [gtJs, '__complete', 'sling', '--'], 2],
			['bd: fixed choices', rig, [bdJs, '__complete', 'update', openBead, '--status', ''], 2],
			['gt: beads + formulas', town, [gtJs, '__complete', 'sling', ''], beadCount > 1000 ? 5 : 3.5],
			['bd: id prefix', rig, [bdJs, '__complete', 'show', 'bm-1'], beadCount > 1000 ? 5 : 3.5],
			['gt: agents + rigs', town, [gtJs, '__complete', 'sling', openBead, ''], 2.5],
		];
		const rows = [];
		for (const [name, cwd, args, target] of cases) {
			const result = await timePaired(name, args, cwd, {runs, env});
			const ratio = result.median / result.pairedNodeMedian;
			const candidates = execFileSync(process.execPath, args, {cwd, env, encoding: 'utf8'}).split('\n').filter(Boolean).length;
			rows.push({...result, ratio, target, candidates, ok: ratio <= target});
		}
		printTable(['case', 'candidates', 'median ms', 'p90 ms', 'node ms', 'vs node', 'target'], rows.map(row => [
			row.name, String(row.candidates), row.median.toFixed(1), row.p90.toFixed(1), row.pairedNodeMedian.toFixed(1), `${row.ratio.toFixed(2)}x`, `≤ ${row.target}x ${row.ok ? 'ok' : 'MISSED'}`,
		]));
		return {beads: beadCount, cases: rows};
	} finally {
		if (!process.env.BENCH_KEEP) rmSync(tmp, {recursive: true, force: true});
	}
}

export default async function run() {
	requireDist();
	const machine = machineInfo();
	console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}`);
	const results = [];
	for (const count of sizes) {
		console.log(`\n${count} beads in the rig ledger`);
		results.push(await benchSize(count));
	}
	writeResults('completion', {benchmark: 'completion', date: new Date().toISOString(), machine, runs, sizes: results});
}
