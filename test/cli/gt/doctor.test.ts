import {execFileSync} from 'node:child_process';
import {appendFileSync, rmSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {rigLayout, townLayout} from '../../../source/core/base/paths.js';
import {deadSessions} from '../../../source/core/doctor/runtime.js';
import {atLeast, parseVersion} from '../../../source/core/doctor/machine.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {runCli, tempDir, testEnv} from '../../helpers/cli.js';
import {makeTown} from '../../helpers/town.js';

type Check = {id: string; name: string; status: 'ok' | 'warn' | 'fail'; message: string; fix: string | null};

const byId = (checks: Check[]) => new Map(checks.map(check => [check.id, check]));

describe('gt doctor', () => {
	it('passes a healthy town: machine, config, agents, rigs, ledgers; the daemon being down is a warning', async () => {
		const town = await makeTown();
		const result = await runCli('gt', ['doctor', '--json'], {cwd: town.town, env: town.vars});
		expect(result.code).toBe(0);
		const checks = byId(JSON.parse(result.stdout) as Check[]);
		for (const id of ['git', 'node', 'town.config', 'agent.sim', 'routes', 'ledger.hq', 'rig.calc.config', 'rig.calc.repo', 'rig.calc.refinery', 'rig.calc.worktrees', 'ledger.calc', 'sessions', 'locks']) {
			expect(checks.get(id), id).toMatchObject({status: 'ok'});
		}
		expect(checks.get('daemon')).toMatchObject({status: 'warn', fix: expect.stringContaining('gt up')});
		// claude, codex and gemini are looked for too; this town uses none of them.
		for (const name of ['claude', 'codex', 'gemini']) expect(['ok', 'warn']).toContain(checks.get(`agent.${name}`)?.status);

		const human = await runCli('gt', ['doctor'], {cwd: path.join(town.rigDir, 'refinery', 'rig'), env: town.vars});
		expect(human.code).toBe(0);
		expect(human.stdout).toMatch(/^✓ git\s+git \d+\.\d+/m);
		expect(human.stdout).toMatch(/^✓ rig calc refinery\s+worktree /m);
		expect(human.stdout).toMatch(/^! daemon\s+not running .* — fix: gt up/m);
		expect(human.stdout).toMatch(/All checks passed \(\d+ warnings?\)/);
	});

	it('reports a missing refinery worktree, a corrupt ledger line, bad TOML and a stale lock, each with its fix, and exits 1', async () => {
		const town = await makeTown();
		const layout = rigLayout(town.town, town.rig);
		await runCli('gt', ['crew', 'add', 'me', '--rig', town.rig], {cwd: town.town, env: town.vars});
		rmSync(path.join(layout.crew, 'me', '.git'));
		rmSync(layout.refinery, {recursive: true, force: true});
		appendFileSync(path.join(layout.beads, 'issues.jsonl'), '{"id": "ca-bad", oops\n');
		writeFileSync(townLayout(town.town).config, 'name = "test"\n[agents\nbroken = \n');
		writeFileSync(path.join(townLayout(town.town).beads, '.lock'), `999999 ${hostname()} 0\n`);

		const result = await runCli('gt', ['doctor', '--json'], {cwd: town.town, env: town.vars});
		expect(result.code).toBe(1);
		const checks = byId(JSON.parse(result.stdout) as Check[]);
		expect(checks.get('town.config')).toMatchObject({status: 'fail', message: expect.stringContaining('town.toml'), fix: expect.stringContaining('fix the TOML')});
		expect(checks.get('rig.calc.refinery')).toMatchObject({status: 'fail', fix: expect.stringContaining('worktree add')});
		expect(checks.get('ledger.calc')).toMatchObject({status: 'fail', message: expect.stringMatching(/issues\.jsonl:\d+: not valid JSON/), fix: expect.stringContaining('fix or remove that line')});
		expect(checks.get('rig.calc.worktrees')).toMatchObject({status: 'fail', message: 'not a git worktree: calc/crew/me', fix: expect.stringContaining('gt crew remove me --rig calc --force')});
		expect(checks.get('ledger.hq')).toMatchObject({status: 'ok'});
		expect(checks.get('locks')).toMatchObject({status: 'warn', message: expect.stringContaining('process 999999 is gone'), fix: expect.stringContaining('rm ')});

		const human = await runCli('gt', ['doctor'], {cwd: town.town, env: town.vars});
		expect(human.code).toBe(1);
		expect(human.stdout).toMatch(/^✗ town config\s+.* — fix: fix the TOML/m);
		expect(human.stdout).toMatch(/^✗ rig calc refinery\s+the refinery worktree .* — fix: rm -rf /m);
		expect(human.stdout).toMatch(/^✗ ledger calc\s+.*issues\.jsonl:\d+/m);
		expect(human.stdout).toMatch(/^4 checks failed, \d+ warnings?$/m);

		// The fixes it names work: the refinery's is a command line, the others are edits by hand.
		execFileSync('sh', ['-c', checks.get('rig.calc.refinery')!.fix!], {env: town.vars, stdio: 'ignore'});
		const crewFix = await runCli('gt', ['crew', 'remove', 'me', '--rig', 'calc', '--force'], {cwd: town.town, env: town.vars});
		expect(crewFix.stderr).toBe('');
		writeFileSync(townLayout(town.town).config, 'name = "test"\ndefault_agent = "sim"\n');
		const issues = path.join(layout.beads, 'issues.jsonl');
		execFileSync('sed', ['-i', '/ca-bad/d', issues]);
		rmSync(path.join(townLayout(town.town).beads, '.lock'));
		const fixed = await runCli('gt', ['doctor'], {cwd: town.town, env: town.vars});
		expect([fixed.code, fixed.stdout]).toEqual([0, expect.stringContaining('All checks passed')]);
	});

	it('outside a town checks only the machine, and a configured runtime that is missing fails', async () => {
		const vars = testEnv();
		const outside = await runCli('gt', ['doctor', '--json'], {cwd: tempDir('nowhere'), env: vars});
		expect(outside.code).toBe(0);
		expect((JSON.parse(outside.stdout) as Check[]).map(check => check.id)).toEqual(['git', 'node', 'agent.claude', 'agent.codex', 'agent.gemini']);

		const town = await makeTown();
		await runCli('gt', ['config', 'agent', 'set', 'ghost', 'no-such-agent-binary --flag'], {cwd: town.town, env: town.vars});
		await runCli('gt', ['config', 'default-agent', 'ghost'], {cwd: town.town, env: town.vars});
		const missing = await runCli('gt', ['doctor', '--json'], {cwd: town.town, env: town.vars});
		expect(missing.code).toBe(1);
		expect(byId(JSON.parse(missing.stdout) as Check[]).get('agent.ghost')).toMatchObject({status: 'fail', message: expect.stringContaining('no-such-agent-binary is not found on PATH'), fix: expect.stringContaining('gt config default-agent')});
	});

	it('compares versions and finds sessions whose process is gone', () => {
		expect(parseVersion('git version 2.39.5')).toEqual([2, 39, 5]);
		expect(atLeast([2, 39, 5], [2, 25])).toBe(true);
		expect(atLeast([2, 9, 0], [2, 25])).toBe(false);
		expect(atLeast([20, 0, 0], [20])).toBe(true);
		const session = (id: string, pid: number | undefined, state: string) => ({id, pid, state: {state}}) as unknown as SessionInfo;
		const dead = deadSessions([session('a', 1, 'working'), session('b', 2, 'idle'), session('c', 3, 'exited'), session('d', undefined, 'starting')], pid => pid === 1);
		expect(dead.map(info => info.id)).toEqual(['b']);
	});
});
