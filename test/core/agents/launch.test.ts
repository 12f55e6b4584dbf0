import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildLaunch, ensureShims, gtShimPath, shimDir} from '../../../source/core/agents/launch.js';
import {claudeSettingsPath} from '../../../source/core/agents/runtime-callbacks.js';
import type {SessionSpec} from '../../../source/core/sessions/types.js';
import {binaries, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

const conversation = '3f2a9c1e-8d4b-4c6e-9a7f-0b1c2d3e4f50';
const gtEntry = '/opt/gastown/dist/gt.js';

function makeTown(toml = ''): string {
	const town = tempDir('town');
	writeFileSync(path.join(town, 'town.toml'), `name = "test"\n${toml}`);
	return town;
}

function polecat(town: string, agent: string, extra: Partial<SessionSpec> = {}): SessionSpec {
	const cwd = path.join(town, 'mp', 'polecats', 'furiosa');
	mkdirSync(cwd, {recursive: true});
	return {
		id: 'mp.polecats.furiosa',
		address: 'mp/polecats/furiosa',
		role: 'polecat',
		rig: 'mp',
		agent,
		cwd,
		prompt: 'Run gt prime, then work on your hook.',
		conversationId: conversation,
		...extra,
	};
}

// Not root: claude's root refusal has its own test (preflight.test.ts).
const uid = 1000;
const baseEnv = {PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/tester', LANG: 'en_US.UTF-8', ANTHROPIC_API_KEY: 'sk-test'};

describe('buildLaunch', () => {
	it('starts claude with its args, the hooks settings, a fixed session id and the prompt last', () => {
		const town = makeTown();
		const spec = polecat(town, 'claude');
		const launch = buildLaunch(town, spec, {resume: false, gtEntry, baseEnv, uid});
		const settings = claudeSettingsPath(town, spec.id);
		expect(launch.file).toBe('claude');
		expect(launch.args).toEqual(['--dangerously-skip-permissions', '--settings', settings, '--session-id', conversation, spec.prompt]);
		expect(launch.cwd).toBe(spec.cwd);
		expect(launch.typedPrompt).toBeUndefined();
		expect(launch.readyPrefix).toBe('❯ ');
		expect(launch.readyDelayMs).toBe(10_000);
		expect(existsSync(settings)).toBe(true);
	});

	it('resumes claude by conversation id, or the latest conversation without one', () => {
		const town = makeTown();
		const byId = buildLaunch(town, polecat(town, 'claude', {prompt: undefined}), {resume: true, gtEntry, baseEnv, uid});
		expect(byId.args).toEqual(['--dangerously-skip-permissions', '--settings', claudeSettingsPath(town, 'mp.polecats.furiosa'), '--resume', conversation]);
		const latest = buildLaunch(town, polecat(town, 'claude', {prompt: undefined, conversationId: undefined}), {resume: true, gtEntry, baseEnv, uid});
		expect(latest.args.slice(-1)).toEqual(['--continue']);
		const fresh = buildLaunch(town, polecat(town, 'claude', {prompt: undefined, conversationId: undefined}), {resume: false, gtEntry, baseEnv, uid});
		expect(fresh.args).not.toContain('--session-id');
	});

	it('gives codex its prompt as [PROMPT], its hooks with -c, and resumes the latest session of its worktree', () => {
		const town = makeTown();
		const launch = buildLaunch(town, polecat(town, 'codex'), {resume: false, gtEntry, baseEnv, uid});
		expect(launch.file).toBe('codex');
		expect(launch.args.slice(0, 3)).toEqual(['--dangerously-bypass-approvals-and-sandbox', '--no-daemon', '--dangerously-bypass-hook-trust']);
		expect(launch.args.at(-1)).toBe('Run gt prime, then work on your hook.');
		expect(launch.args).toContain(`hooks.Stop=[{hooks=[{type="command",command="${gtShimPath(town)} signal idle || true"}]}]`);
		expect(launch.typedPrompt).toBeUndefined();
		expect(launch.resumed).toBeUndefined();
		// Codex never took our id: a restart resumes what it saved in this worktree (or starts fresh there).
		const resumed = buildLaunch(town, polecat(town, 'codex'), {resume: true, gtEntry, baseEnv, uid});
		expect(resumed.args.slice(0, 4)).toEqual(['resume', '--last', '--dangerously-bypass-approvals-and-sandbox', '--no-daemon']);
		expect(resumed.args).not.toContain(conversation);
		expect(resumed.resumed).toBe(true);
	});

	it('marks a launch that resumes, so a resume with nothing saved can fall back to a fresh start', () => {
		const town = makeTown();
		expect(buildLaunch(town, polecat(town, 'claude'), {resume: true, gtEntry, baseEnv, uid}).resumed).toBe(true);
		expect(buildLaunch(town, polecat(town, 'claude'), {resume: false, gtEntry, baseEnv, uid}).resumed).toBeUndefined();
		// amp cannot resume: a restart is a fresh start, nothing to fall back from.
		expect(buildLaunch(town, polecat(town, 'amp'), {resume: true, gtEntry, baseEnv, uid}).resumed).toBeUndefined();
	});

	it('gives gemini the environment that makes it trust the worktree and run its hooks', () => {
		const town = makeTown();
		const spec = polecat(town, 'gemini');
		makeGitRepo(spec.cwd, testEnv());
		expect(buildLaunch(town, spec, {resume: false, gtEntry, baseEnv, uid}).env.GEMINI_CLI_TRUST_WORKSPACE).toBe('true');
	});

	it('passes gemini its prompt with -i and writes its settings into the worktree', () => {
		const town = makeTown();
		const spec = polecat(town, 'gemini');
		makeGitRepo(spec.cwd, testEnv());
		const launch = buildLaunch(town, spec, {resume: false, gtEntry, baseEnv, uid});
		expect(launch.file).toBe('gemini');
		expect(launch.args).toEqual(['--approval-mode', 'yolo', '--skip-trust', '--session-id', conversation, '-i', spec.prompt]);
		expect(launch.readyPrefix).toBeUndefined();
		expect(existsSync(path.join(spec.cwd, '.gemini', 'settings.json'))).toBe(true);
		expect(buildLaunch(town, spec, {resume: true, gtEntry, baseEnv, uid}).args).toEqual(['--approval-mode', 'yolo', '--skip-trust', '--resume', conversation, '-i', spec.prompt]);
	});

	it('runs sim with this node and the gt entry script', () => {
		const town = makeTown();
		const spec = polecat(town, 'sim');
		const launch = buildLaunch(town, spec, {resume: false, gtEntry, baseEnv, uid});
		expect(launch.file).toBe(process.execPath);
		expect(launch.args).toEqual([gtEntry, 'sim-agent', '--settings', claudeSettingsPath(town, spec.id), '--session-id', conversation, spec.prompt]);
		expect(launch.readyPrefix).toBe('❯ ');
	});

	it('defaults the gt entry to the running script', () => {
		const town = makeTown();
		const launch = buildLaunch(town, polecat(town, 'sim'), {resume: false, baseEnv, uid});
		expect(launch.args[0]).toBe(process.argv[1]);
	});

	it('runs a user agent with its own command, args and env over the preset it names', () => {
		const town = makeTown('\n[agents.fast]\ncommand = "/opt/bin/claude"\nargs = ["--model", "haiku"]\nruntime = "claude"\nenv = {ANTHROPIC_BASE_URL = "http://proxy.local", NODE_OPTIONS = "--max-old-space-size=4096"}\n');
		const spec = polecat(town, 'fast');
		const launch = buildLaunch(town, spec, {resume: false, gtEntry, baseEnv, uid});
		expect(launch.file).toBe('/opt/bin/claude');
		expect(launch.args).toEqual(['--model', 'haiku', '--settings', claudeSettingsPath(town, spec.id), '--session-id', conversation, spec.prompt]);
		expect(launch.env.ANTHROPIC_BASE_URL).toBe('http://proxy.local');
		// What the user sets on purpose wins over gt's clearing.
		expect(launch.env.NODE_OPTIONS).toBe('--max-old-space-size=4096');
	});

	it('types the prompt into a program gt does not recognise', () => {
		const town = makeTown('\n[agents.mine]\ncommand = "my-agent"\n');
		const launch = buildLaunch(town, polecat(town, 'mine'), {resume: false, gtEntry, baseEnv, uid});
		expect(launch).toMatchObject({file: 'my-agent', args: [], typedPrompt: 'Run gt prime, then work on your hook.', readyDelayMs: 5000});
	});

	it('refuses an unknown agent', () => {
		const town = makeTown();
		expect(() => buildLaunch(town, polecat(town, 'nope'), {resume: false, gtEntry, baseEnv, uid})).toThrow(/unknown agent "nope"/);
	});

	it("gives the agent its identity, the shims first on PATH and none of the parent's leaks", () => {
		const town = makeTown();
		const parent = {
			...baseEnv,
			CLAUDECODE: '1',
			NODE_OPTIONS: '--inspect',
			GT_RIG: 'other',
			GT_ROLE: 'mayor',
			BD_ACTOR: 'mayor/',
			TMUX: '/tmp/tmux-0/default,1,0',
			GIT_DIR: '/somewhere/.git',
			GT_SIM_SPEED: '5',
		};
		const crew = polecat(town, 'claude', {id: 'mp.crew.me', address: 'mp/crew/me', role: 'crew'});
		const env = buildLaunch(town, crew, {resume: false, gtEntry, baseEnv: parent, uid}).env;
		expect(env.PATH).toBe(`${shimDir(town)}:/usr/local/bin:/usr/bin:/bin`);
		expect(env).toMatchObject({
			HOME: '/home/tester',
			LANG: 'en_US.UTF-8',
			TERM: 'xterm-256color',
			COLORTERM: 'truecolor',
			GT_ROOT: town,
			GT_ROLE: 'crew',
			GT_RIG: 'mp',
			GT_AGENT: 'mp/crew/me',
			GT_SESSION: 'mp.crew.me',
			BD_ACTOR: 'mp/crew/me',
			GIT_AUTHOR_NAME: 'mp/crew/me',
			GIT_COMMITTER_NAME: 'mp/crew/me',
			GIT_AUTHOR_EMAIL: 'mp.crew.me@gastown.local',
			GIT_COMMITTER_EMAIL: 'mp.crew.me@gastown.local',
			CLAUDECODE: '',
			NODE_OPTIONS: '',
			ANTHROPIC_API_KEY: 'sk-test',
			GT_SIM_SPEED: '5',
		});
		expect(env.TMUX).toBeUndefined();
		expect(env.GIT_DIR).toBeUndefined();

		const mayor = buildLaunch(town, {id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'claude', cwd: path.join(town, 'mayor')}, {resume: false, gtEntry, baseEnv: parent, uid});
		// No rig: the parent's GT_RIG must not survive.
		expect(mayor.env.GT_RIG).toBeUndefined();
		expect(mayor.env.GT_ROLE).toBe('mayor');
		expect(mayor.args).not.toContain('--session-id');
	});
});

describe('ensureShims', () => {
	it('writes executable gt and bd shims that run this build', () => {
		expect(existsSync(binaries.gt), 'run `npm run build` first').toBe(true);
		const town = tempDir('town shims');
		const shims = ensureShims(town, binaries.gt);
		expect(shims.gt).toBe(gtShimPath(town));
		for (const shim of [shims.gt, shims.bd]) {
			expect(statSync(shim).mode & 0o777).toBe(0o755);
			expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
		}
		const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: town};
		expect(execFileSync(shims.gt, ['--version'], {env, encoding: 'utf8'}).trim()).toMatch(/^\d+\.\d+\.\d+/);
		expect(execFileSync(shims.bd, ['--version'], {env, encoding: 'utf8'}).trim()).toMatch(/^\d+\.\d+\.\d+/);
		// Found by name through the PATH an agent gets.
		expect(execFileSync('gt', ['--version'], {env: {...env, PATH: `${shimDir(town)}:${env.PATH}`}, encoding: 'utf8'}).trim()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('quotes paths with spaces and quotes, and is idempotent', () => {
		const town = tempDir("town it's");
		const entry = path.join(town, "dist dir's", 'gt.js');
		mkdirSync(path.dirname(entry));
		writeFileSync(entry, "console.log(process.argv.slice(2).join('|'));\n");
		ensureShims(town, entry);
		const first = readFileSync(gtShimPath(town), 'utf8');
		const output = execFileSync(gtShimPath(town), ['a b', "c'd", '$HOME'], {env: {PATH: '/usr/bin:/bin'}, encoding: 'utf8'});
		expect(output).toBe("a b|c'd|$HOME\n");
		ensureShims(town, entry);
		expect(readFileSync(gtShimPath(town), 'utf8')).toBe(first);
	});
});
