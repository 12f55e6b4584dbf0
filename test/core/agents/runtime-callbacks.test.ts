import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentRuntimeDir, claudeSettings, claudeSettingsPath, excludeFromGit, geminiSettings, gtShimPath, writeCallbackSettings} from '../../../source/core/agents/runtime-callbacks.js';
import {ensureShims} from '../../../source/core/agents/launch.js';
import {resolveAgent} from '../../../source/core/agents/registry.js';
import type {AgentRole, SessionSpec} from '../../../source/core/sessions/types.js';
import {binaries, git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

const config = {name: 'test'};

function spec(town: string, cwd: string, role: AgentRole = 'polecat', agent = 'claude'): SessionSpec {
	return {id: 'mp.polecats.furiosa', address: 'mp/polecats/furiosa', role, rig: 'mp', agent, cwd};
}

type Group = {matcher: string; hooks: Array<{type: string; command: string}>};
const commandsOf = (groups: Group[] | undefined) => (groups ?? []).flatMap(group => group.hooks.map(hook => hook.command));

describe('claude hook settings', () => {
	it("uses Claude Code's hooks format with absolute shim paths", () => {
		const town = tempDir('town');
		const gt = gtShimPath(town);
		const settings = claudeSettings(town, 'polecat') as unknown as {hooks: Record<string, Group[]>; skipDangerousModePermissionPrompt: boolean};
		expect(settings.skipDangerousModePermissionPrompt).toBe(true);
		expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'PreCompact', 'SessionStart', 'Stop', 'StopFailure', 'UserPromptSubmit']);
		// An API error ends the turn with StopFailure (claude 2.1.197), not Stop.
		expect(commandsOf(settings.hooks.StopFailure)).toEqual([`${gt} signal idle --detail 'the turn ended with an API error' || true`]);
		for (const groups of Object.values(settings.hooks)) {
			for (const group of groups) {
				expect(typeof group.matcher).toBe('string');
				for (const hook of group.hooks) {
					expect(hook.type).toBe('command');
					expect(hook.command.startsWith(`${gt} `) || hook.command.startsWith(`(${gt} `)).toBe(true);
				}
			}
		}
		expect(commandsOf(settings.hooks.SessionStart)).toEqual([`(${gt} prime --hook && ${gt} mail check --inject) || true`]);
		expect(commandsOf(settings.hooks.PreCompact)).toEqual([`${gt} prime --hook || true`]);
		expect(commandsOf(settings.hooks.UserPromptSubmit)).toEqual([`${gt} signal working || true`, `${gt} mail check --inject || true`]);
		expect(commandsOf(settings.hooks.Stop)).toEqual([`${gt} signal idle || true`]);
		expect(settings.hooks.Notification).toEqual([
			{matcher: 'permission_prompt|elicitation_dialog', hooks: [{type: 'command', command: `${gt} signal waiting || true`}]},
			{matcher: 'idle_prompt', hooks: [{type: 'command', command: `${gt} signal idle || true`}]},
		]);
	});

	it('primes interactive roles without reading their mail at session start', () => {
		const town = tempDir('town');
		for (const role of ['mayor', 'crew'] as const) {
			expect(commandsOf(claudeSettings(town, role).hooks.SessionStart)).toEqual([`${gtShimPath(town)} prime --hook || true`]);
		}
		for (const role of ['polecat', 'witness', 'refinery', 'deacon'] as const) {
			expect(commandsOf(claudeSettings(town, role).hooks.SessionStart)[0]).toContain('mail check --inject');
		}
	});

	it('quotes a town path with spaces', () => {
		const town = tempDir('my town');
		expect(commandsOf(claudeSettings(town, 'crew').hooks.Stop)).toEqual([`'${gtShimPath(town)}' signal idle || true`]);
	});

	it('writes the settings outside the worktree and hands them over with --settings', () => {
		const town = tempDir('town');
		const env = testEnv();
		const worktree = makeGitRepo(path.join(town, 'mp', 'polecats', 'furiosa'), env);
		const result = writeCallbackSettings(town, spec(town, worktree), resolveAgent(config, 'claude'));
		const file = claudeSettingsPath(town, 'mp.polecats.furiosa');
		expect(file).toBe(path.join(town, '.runtime', 'agents', 'mp.polecats.furiosa', 'settings.json'));
		expect(result).toEqual({args: ['--settings', file], file});
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(claudeSettings(town, 'polecat'));
		expect(path.relative(worktree, file).startsWith('..')).toBe(true);
		expect(existsSync(path.join(worktree, '.claude'))).toBe(false);
		expect(git(worktree, ['status', '--porcelain'], env)).toBe('');
	});

	it('hook commands never fail the agent, even when gt does', () => {
		const town = tempDir('town');
		ensureShims(town, binaries.gt);
		const stop = commandsOf(claudeSettings(town, 'polecat').hooks.Stop)[0]!;
		// No daemon, no agent identity: gt signal fails, the hook still exits 0.
		expect(() => execFileSync('/bin/sh', ['-c', stop], {env: {PATH: '/usr/bin:/bin', HOME: town}, stdio: 'ignore'})).not.toThrow();
	});

	it('refuses a session id that is not one path segment', () => {
		const town = tempDir('town');
		expect(() => agentRuntimeDir(town, '../escape')).toThrow(/invalid session id/);
		expect(() => agentRuntimeDir(town, 'a/b')).toThrow(/invalid session id/);
		expect(agentRuntimeDir(town, 'mayor')).toBe(path.join(town, '.runtime', 'agents', 'mayor'));
	});

	it('writes nothing for runtimes without hooks', () => {
		const town = tempDir('town');
		expect(writeCallbackSettings(town, spec(town, town, 'polecat', 'amp'), resolveAgent(config, 'amp'))).toEqual({args: []});
		expect(existsSync(path.join(town, '.runtime'))).toBe(false);
	});

	it('hands codex its hooks and notify as -c overrides, and writes no file', () => {
		const town = tempDir('town');
		const gt = gtShimPath(town);
		const {args, file} = writeCallbackSettings(town, spec(town, town, 'polecat', 'codex'), resolveAgent(config, 'codex'));
		expect(file).toBeUndefined();
		expect(existsSync(path.join(town, '.runtime'))).toBe(false);
		// Without it codex stops on "Hooks need review" (0.171) and waits for a human.
		expect(args[0]).toBe('--dangerously-bypass-hook-trust');
		const overrides = args.filter((_, index) => args[index - 1] === '-c');
		expect(overrides.map(override => override.split('=')[0])).toEqual(['hooks.SessionStart', 'hooks.PreCompact', 'hooks.UserPromptSubmit', 'hooks.Stop', 'hooks.PermissionRequest', 'notify']);
		expect(overrides).toContain(`hooks.UserPromptSubmit=[{hooks=[{type="command",command="${gt} signal working || true"},{type="command",command="${gt} mail check --inject || true"}]}]`);
		expect(overrides).toContain(`hooks.PermissionRequest=[{hooks=[{type="command",command="${gt} signal waiting || true"}]}]`);
		// notify appends the event as one JSON argument: sh takes it as $1 and drops it.
		expect(overrides.at(-1)).toBe(`notify=["sh","-c","${gt} signal idle --detail 'codex: turn complete' || true","gt-notify"]`);
	});
});

describe('gemini hook settings', () => {
	it("uses Gemini CLI's event names", () => {
		const town = tempDir('town');
		const settings = geminiSettings(town, 'polecat');
		expect(settings.hooksConfig).toEqual({enabled: true});
		expect(Object.keys(settings.hooks).sort()).toEqual(['AfterAgent', 'BeforeAgent', 'Notification', 'PreCompress', 'SessionStart']);
		expect(commandsOf(settings.hooks.AfterAgent)).toEqual([`${gtShimPath(town)} signal idle || true`]);
		expect(commandsOf(settings.hooks.BeforeAgent)).toEqual([`${gtShimPath(town)} signal working || true`, `${gtShimPath(town)} mail check --inject || true`]);
	});

	it('writes .gemini/settings.json into the worktree, hidden from git', () => {
		const town = tempDir('town');
		const env = testEnv();
		const worktree = makeGitRepo(path.join(town, 'crew', 'me'), env);
		const result = writeCallbackSettings(town, spec(town, worktree, 'crew', 'gemini'), resolveAgent(config, 'gemini'));
		const file = path.join(worktree, '.gemini', 'settings.json');
		expect(result).toEqual({args: [], file});
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(geminiSettings(town, 'crew'));
		expect(git(worktree, ['status', '--porcelain', '--untracked-files=all'], env)).toBe('');
		// Twice: one exclude line.
		writeCallbackSettings(town, spec(town, worktree, 'crew', 'gemini'), resolveAgent(config, 'gemini'));
		excludeFromGit(file);
		const exclude = readFileSync(path.join(worktree, '.git', 'info', 'exclude'), 'utf8');
		expect(exclude.split('\n').filter(line => line === '/.gemini/settings.json')).toHaveLength(1);
	});

	it("uses the common dir's exclude file for a linked worktree", () => {
		const town = tempDir('town');
		const env = testEnv();
		const source = makeGitRepo(path.join(town, 'source'), env);
		const bare = path.join(town, 'mp', '.repo.git');
		git(town, ['clone', '-q', '--bare', source, bare], env);
		const worktree = path.join(town, 'mp', 'polecats', 'nux');
		git(bare, ['worktree', 'add', '-q', '-b', 'polecat/nux/mp-1', worktree], env);
		writeCallbackSettings(town, {...spec(town, worktree, 'polecat', 'gemini'), id: 'mp.polecats.nux'}, resolveAgent(config, 'gemini'));
		expect(readFileSync(path.join(bare, 'info', 'exclude'), 'utf8')).toContain('/.gemini/settings.json\n');
		expect(git(worktree, ['status', '--porcelain', '--untracked-files=all'], env)).toBe('');
	});

	it("leaves a project's own .gemini/settings.json alone", () => {
		const town = tempDir('town');
		const env = testEnv();
		const worktree = makeGitRepo(path.join(town, 'crew', 'me'), env, {'README.md': '# x\n', '.gemini/settings.json': '{"theme": "mine"}\n'});
		writeCallbackSettings(town, spec(town, worktree, 'crew', 'gemini'), resolveAgent(config, 'gemini'));
		expect(readFileSync(path.join(worktree, '.gemini', 'settings.json'), 'utf8')).toBe('{"theme": "mine"}\n');
		expect(readFileSync(path.join(worktree, '.git', 'info', 'exclude'), 'utf8')).not.toContain('.gemini');
	});

	it('refuses to write through a committed .gemini symlink that leaves the worktree; one inside is fine', () => {
		const town = tempDir('town');
		const env = testEnv();
		const outside = tempDir('outside');
		const source = makeGitRepo(path.join(town, 'source'), env);
		symlinkSync(outside, path.join(source, '.gemini'));
		git(source, ['add', '.gemini'], env);
		git(source, ['commit', '-q', '-m', 'gemini config lives elsewhere'], env);
		const worktree = path.join(town, 'crew', 'me');
		git(town, ['clone', '-q', source, worktree], env);
		expect(git(worktree, ['ls-files', '-s', '.gemini'], env)).toMatch(/^120000 /);
		expect(() => writeCallbackSettings(town, spec(town, worktree, 'crew', 'gemini'), resolveAgent(config, 'gemini'))).toThrow(
			`refusing to write ${worktree}/.gemini/settings.json: ${worktree}/.gemini is a symlink to ${outside}, outside ${worktree}`,
		);
		expect(readdirSync(outside)).toEqual([]);

		const inside = makeGitRepo(path.join(town, 'crew', 'you'), env, {'README.md': '# x\n', 'config/gemini/.keep': ''});
		symlinkSync('config/gemini', path.join(inside, '.gemini'));
		writeCallbackSettings(town, spec(town, inside, 'crew', 'gemini'), resolveAgent(config, 'gemini'));
		expect(existsSync(path.join(inside, 'config', 'gemini', 'settings.json'))).toBe(true);
	});

	it('writes the file outside a repository too, without an exclude', () => {
		const town = tempDir('town');
		const dir = path.join(town, 'plain');
		mkdirSync(dir);
		writeCallbackSettings(town, spec(town, dir, 'crew', 'gemini'), resolveAgent(config, 'gemini'));
		expect(existsSync(path.join(dir, '.gemini', 'settings.json'))).toBe(true);
	});
});
