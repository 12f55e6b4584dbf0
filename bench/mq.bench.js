// Merge-queue benchmark: 20 merge requests of small independent changes (one new
// file each, made the way polecats make them: worktree, hook, commit, `gt done`)
// drained by the refinery with no gates, against a bare `git rebase` + `git merge
// --ff-only` of the same branches in a plain clone.
//
// The refinery runs in-process: the core (source/core/refinery and what it needs
// to build the town) is bundled here with esbuild, as scripts/readme-commands.js
// does, so no hidden command is needed. Per merge the refinery also cleans its
// worktree, runs the bookkeeping (ledger transactions, close, convoy check, event
// log) and deletes the merged branch.
//
// Run:  node bench/run.js mq      Env: BENCH_MERGES (default 20), BENCH_KEEP=1,
//       BENCH_GIT_TRACE=<file> (git trace2 events of every git call)
// Results: bench/results/mq.json
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const merges = Number(process.env.BENCH_MERGES ?? 20);

async function loadCore(dir) {
	const result = await build({
		stdin: {
			contents: [
				`export {installTown} from './source/core/town/install.ts';`,
				`export {addRig} from './source/core/town/rig-lifecycle.ts';`,
				`export {Ledger} from './source/core/beads/ledger.ts';`,
				`export {createBead} from './source/core/beads/operations.ts';`,
				`export {preparePolecat} from './source/core/town/polecats.ts';`,
				`export {hookBead} from './source/core/work/hook.ts';`,
				`export {finishWork} from './source/core/work/done.ts';`,
				`export {rigLayout} from './source/core/base/paths.ts';`,
				`export {processQueue} from './source/core/refinery/merge.ts';`,
			].join('\n'),
			resolveDir: repo, loader: 'ts',
		},
		bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error',
		// CommonJS dependencies (simple-git) require() node built-ins.
		banner: {js: `import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);`},
		external: ['node-pty', '@xterm/headless', 'ink', 'react'],
	});
	const file = path.join(dir, 'mq-core.mjs');
	writeFileSync(file, result.outputFiles[0].text);
	return import(pathToFileURL(file).href);
}

const git = (cwd, args, env) => execFileSync('git', args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();

export default async function run() {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-mq-bench-'));
	try {
		const core = await loadCore(tmp);
		const home = path.join(tmp, 'home');
		mkdirSync(home);
		const gitconfig = path.join(home, '.gitconfig');
		writeFileSync(gitconfig, '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
		const vars = {PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...(process.env.BENCH_GIT_TRACE ? {GIT_TRACE2_EVENT: process.env.BENCH_GIT_TRACE} : {})};
		const env = {cwd: tmp, home, vars, now: () => new Date()};

		// A project of modest size: 200 files.
		const project = path.join(tmp, 'project');
		mkdirSync(path.join(project, 'src'), {recursive: true});
		for (let index = 0; index < 200; index++) writeFileSync(path.join(project, 'src', `m${index}.js`), `export const v${index} = ${index};\n`);
		git(project, ['init', '-q', '-b', 'main'], vars);
		git(project, ['add', '-A'], vars);
		git(project, ['commit', '-qm', 'initial'], vars);
		await core.installTown({path: 'town', name: 'bench'}, env);
		const town = path.join(tmp, 'town');
		await core.addRig(town, {name: 'proj', source: project, prefix: 'pj'}, {...env, cwd: town});
		const layout = core.rigLayout(town, 'proj');

		// 20 merge requests, each from its own polecat.
		const ledger = core.Ledger.open(layout.beads);
		const who = () => ({actor: 'bench', now: new Date()});
		const busy = new Set();
		const branches = [];
		for (let index = 0; index < merges; index++) {
			const bead = (await ledger.transact(state => core.createBead(state, ledger, {title: `Change ${index}`}, who()))).id;
			const prepared = await core.preparePolecat(town, 'proj', {bead, busy}, env);
			busy.add(prepared.ref.name);
			await core.hookBead(ledger, bead, prepared.ref.address, who());
			writeFileSync(path.join(prepared.ref.dir, `change-${index}.txt`), `change ${index}\n`);
			git(prepared.ref.dir, ['add', '-A'], vars);
			git(prepared.ref.dir, ['commit', '-qm', `Change ${index}`], vars);
			const done = await core.finishWork(town, prepared.ref, {status: 'completed'}, who(), {...env, cwd: prepared.ref.dir});
			branches.push(done.branch);
		}

		// Baseline: the same branches in a plain clone, rebased and fast-forwarded by hand.
		const plain = path.join(tmp, 'plain');
		git(tmp, ['clone', '-q', layout.repo, plain], vars);
		for (const branch of branches) git(plain, ['branch', '-q', '--track', `b-${branches.indexOf(branch)}`, `origin/${branch}`], vars);
		const bareStart = performance.now();
		for (let index = 0; index < branches.length; index++) {
			git(plain, ['checkout', '-q', `b-${index}`], vars);
			git(plain, ['rebase', '-q', 'main'], vars);
			git(plain, ['checkout', '-q', 'main'], vars);
			git(plain, ['merge', '-q', '--ff-only', `b-${index}`], vars);
		}
		const bareMs = performance.now() - bareStart;

		const start = performance.now();
		const outcomes = await core.processQueue(town, 'proj', {env});
		const refineryMs = performance.now() - start;
		const merged = outcomes.filter(outcome => outcome.state === 'merged').length;
		if (merged !== merges) throw new Error(`only ${merged}/${merges} merged`);
		const count = Number(git(layout.repo, ['rev-list', '--count', 'refs/heads/main'], vars));
		if (count !== merges + 1) throw new Error(`main has ${count} commits, expected ${merges + 1}`);

		const perMerge = refineryMs / merges;
		const barePerMerge = bareMs / merges;
		const report = {merges, refinery_total_ms: Math.round(refineryMs), refinery_per_merge_ms: Number(perMerge.toFixed(1)), bare_git_total_ms: Math.round(bareMs), bare_git_per_merge_ms: Number(barePerMerge.toFixed(1)), ratio: Number((perMerge / barePerMerge).toFixed(2)), node: process.version, date: new Date().toISOString()};
		console.log(`${merges} merge requests, no gates`);
		console.log(`  refinery (rebase, ff, close, convoy check, branch delete)  ${perMerge.toFixed(1)} ms/merge  (${Math.round(refineryMs)} ms total)`);
		console.log(`  bare git rebase + merge --ff-only                          ${barePerMerge.toFixed(1)} ms/merge  (${Math.round(bareMs)} ms total)`);
		console.log(`  ratio ${report.ratio}x`);
		mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
		writeFileSync(path.join(repo, 'bench', 'results', 'mq.json'), `${JSON.stringify(report, null, '\t')}\n`);
	} finally {
		if (!process.env.BENCH_KEEP) rmSync(tmp, {recursive: true, force: true});
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
