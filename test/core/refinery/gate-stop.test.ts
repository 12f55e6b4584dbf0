// A stop never waits on a gate, and a gate never outlives its daemon into the next
// one's merge: a gate that sleeps 600 s; `gt down` returns promptly (the gate killed,
// its merge request queued again) and `gt up` works; a daemon SIGKILLed mid-gate
// leaves a gate that the next start kills before it runs the gate again, so two gates
// never run at once in the refinery worktree.
import {appendFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {rigLayout} from '../../../source/core/base/paths.js';
import {updateTomlFile} from '../../../source/core/base/toml-file.js';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

const rounds = Number(process.env.GT_TEST_ROUNDS ?? 3);

// The gate: notes its pid, says whether another gate is still alive, then sleeps 600 s.
const gateScript = `
const {appendFileSync, readFileSync} = require('node:fs');
const [log, overlap] = process.argv.slice(2);
const alive = pid => { try { process.kill(pid, 0); } catch { return false; }
	try { const stat = readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'; } catch { return true; } };
let before = '';
try { before = readFileSync(log, 'utf8'); } catch {}
for (const pid of before.split('\\n').filter(Boolean).map(Number)) if (alive(pid)) appendFileSync(overlap, pid + ' alive when ' + process.pid + ' started\\n');
appendFileSync(log, process.pid + '\\n');
setTimeout(() => {}, 600000);
`;

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return true;
	}
};

describe('gates and a stopping daemon', () => {
	const home = tempDir('gate-stop');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const gateLog = path.join(home, 'gates.log');
	const overlap = path.join(home, 'overlap.log');
	const gt = (args: string[]) => runOk('gt', args, {cwd: town, env});
	const gates = () => (existsSync(gateLog) ? readFileSync(gateLog, 'utf8').split('\n').filter(Boolean).map(Number) : []);
	const daemonPid = () => Number(readFileSync(path.join(town, '.runtime', 'daemon.pid'), 'utf8').trim().split(/\s+/)[0]);
	const gateRunning = (count: number, what: string) =>
		eventually(() => {
			const all = gates();
			expect(all.length).toBeGreaterThanOrEqual(count);
			expect(alive(all.at(-1)!)).toBe(true);
			return all.at(-1)!;
		}, {what, timeout: 40_000, interval: 100});

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
		for (const pid of gates()) if (alive(pid)) process.kill(pid, 'SIGKILL');
	});

	it('a merge request whose gate sleeps 600 s', async () => {
		const source = makeGitRepo(path.join(home, 'source'), env, {'README.md': '# p\n'});
		await runOk('gt', ['install', town], {cwd: home, env});
		await gt(['rig', 'add', 'mp', source]);
		await gt(['config', 'default-agent', 'sim']);
		const script = path.join(home, 'gate.cjs');
		writeFileSync(script, gateScript);
		await updateTomlFile(rigLayout(town, 'mp').config, table => {
			table.merge_queue = {gates: [`${process.execPath} ${script} ${gateLog} ${overlap}`], gate_timeout: 900};
		});
		const bead = (await runOk('bd', ['create', 'Write docs/usage.md', '--silent'], {cwd: path.join(town, 'mp'), env})).trim();
		await gt(['sling', bead, 'mp']);
		await gateRunning(1, 'the gate to start');
	}, 60_000);

	it('gt down returns promptly, kills the gate, and the next gt up works', async () => {
		const gate = gates().at(-1)!;
		const started = Date.now();
		const down = await gt(['down']);
		const seconds = (Date.now() - started) / 1000;
		appendFileSync(path.join(home, 'figures.log'), `gt down with a running gate: ${seconds.toFixed(2)} s\n`);
		console.log(`gt down with a running 600 s gate: ${seconds.toFixed(2)} s`);
		expect(down).not.toContain('still exiting');
		expect(seconds).toBeLessThan(10);
		expect(alive(gate)).toBe(false);
		const list = JSON.parse(await gt(['mq', 'list', '--json'])) as Array<{state: string; last_error?: string}>;
		expect(list[0]).toMatchObject({state: 'queued'});
		expect(list[0]!.last_error).toMatch(/aborted: the refinery stopped; queued again/);
		await gt(['up']);
		await gateRunning(2, 'the gate to run again after gt up');
	}, 60_000);

	it(`SIGKILL mid-gate: the next start kills the old gate first, never two at once (${rounds} rounds)`, async () => {
		let gone = 0;
		for (let round = 0; round < rounds; round++) {
			const gate = gates().at(-1)!;
			const count = gates().length;
			process.kill(daemonPid(), 'SIGKILL');
			await gt(['up']);
			await gateRunning(count + 1, `a new gate after the restart of round ${round + 1}`);
			if (!alive(gate)) gone++;
			expect(alive(gate), `the gate of the killed daemon (pid ${gate})`).toBe(false);
		}
		expect(existsSync(overlap) ? readFileSync(overlap, 'utf8') : '').toBe('');
		expect(gone).toBe(rounds);
	}, 60_000 + rounds * 45_000);
});
