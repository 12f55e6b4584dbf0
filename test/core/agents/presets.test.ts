import {describe, expect, it} from 'vitest';
import {agentPresets, findPreset, inferRuntime, presetNames} from '../../../source/core/agents/presets.js';

describe('agent presets', () => {
	it('has exactly the built-in runtimes, each once', () => {
		expect(presetNames).toEqual(['claude', 'codex', 'gemini', 'copilot', 'opencode', 'amp', 'cursor', 'sim']);
	});

	it.each(agentPresets.map(preset => [preset.name, preset] as const))('%s has every field a launcher needs', (_, preset) => {
		expect(preset.description.length).toBeGreaterThan(10);
		expect(preset.command).toMatch(/^[a-z][a-z-]*$/);
		expect(Array.isArray(preset.args)).toBe(true);
		expect(typeof preset.env).toBe('object');
		expect(['arg', 'flag', 'typed']).toContain(preset.prompt.kind);
		if (preset.prompt.kind === 'flag') expect(preset.prompt.flag).toMatch(/^-/);
		expect(preset.processNames.length).toBeGreaterThan(0);
		expect(preset.instructionsFile).toMatch(/^[A-Z]+\.md$/);
		expect(['none', 'settings-flag', 'settings-file', 'config-args']).toContain(preset.callbacks.kind);
		expect(preset.ready.delayMs).toBeGreaterThan(0);
		if (preset.resume) {
			const lists = [preset.resume.assignId, preset.resume.byId, preset.resume.latest].filter(Boolean);
			expect(lists.length).toBeGreaterThan(0);
			if (preset.resume.assignId) expect(preset.resume.assignId).toContain('{id}');
			if (preset.resume.byId) expect(preset.resume.byId).toContain('{id}');
		}
	});

	it('runs every real agent without permission prompts', () => {
		expect(findPreset('claude')!.args).toContain('--dangerously-skip-permissions');
		expect(findPreset('codex')!.args).toContain('--dangerously-bypass-approvals-and-sandbox');
		expect(findPreset('gemini')!.args).toEqual(['--approval-mode', 'yolo', '--skip-trust']);
		expect(findPreset('copilot')!.args).toContain('--yolo');
		expect(findPreset('amp')!.args).toContain('--dangerously-allow-all');
		expect(findPreset('cursor')).toMatchObject({command: 'cursor-agent', args: ['-f']});
		expect(JSON.parse(findPreset('opencode')!.env.OPENCODE_PERMISSION!)).toEqual({'*': 'allow'});
	});

	it('knows how each one takes its first prompt, resumes and is configured', () => {
		expect(findPreset('claude')!.prompt).toEqual({kind: 'arg'});
		expect(findPreset('gemini')!.prompt).toEqual({kind: 'flag', flag: '-i'});
		expect(findPreset('copilot')!.prompt).toEqual({kind: 'flag', flag: '-i'});
		expect(findPreset('opencode')!.prompt).toEqual({kind: 'flag', flag: '--prompt'});
		expect(findPreset('codex')!.prompt).toEqual({kind: 'arg'});
		expect(findPreset('claude')!.resume).toMatchObject({style: 'flag', assignId: ['--session-id', '{id}'], byId: ['--resume', '{id}']});
		expect(findPreset('codex')!.resume).toEqual({style: 'subcommand', latest: ['resume', '--last']});
		expect(findPreset('gemini')!.resume?.byId?.[0]).toBe('--resume');
		expect(findPreset('amp')!.resume).toBeUndefined();
		expect(findPreset('claude')!.callbacks).toEqual({kind: 'settings-flag', file: '.claude/settings.json', flag: '--settings'});
		expect(findPreset('gemini')!.callbacks).toEqual({kind: 'settings-file', file: '.gemini/settings.json'});
		expect(findPreset('codex')!.callbacks.kind).toBe('config-args');
		expect(findPreset('gemini')!.env).toEqual({GEMINI_CLI_TRUST_WORKSPACE: 'true'});
		expect(findPreset('claude')!.instructionsFile).toBe('CLAUDE.md');
		expect(findPreset('codex')!.instructionsFile).toBe('AGENTS.md');
		expect(findPreset('gemini')!.instructionsFile).toBe('GEMINI.md');
	});

	it('marks the simulated agent as this package’s own program', () => {
		expect(findPreset('sim')).toMatchObject({command: 'gt', args: ['sim-agent'], bundled: true});
		expect(agentPresets.filter(preset => preset.bundled).map(preset => preset.name)).toEqual(['sim']);
	});
});

describe('inferRuntime', () => {
	it.each([
		['claude', 'claude'],
		['/usr/local/bin/claude', 'claude'],
		['C:\\Tools\\claude.exe', 'claude'],
		['/opt/my tools/gemini', 'gemini'],
		['cursor-agent', 'cursor'],
		['codex', 'codex'],
		['npx @openai/codex', 'codex'],
		['npx -y @google/gemini-cli@latest', 'gemini'],
		['pnpm dlx @anthropic-ai/claude-code', 'claude'],
		['bunx opencode-ai', 'opencode'],
		['env FOO=1 amp', 'amp'],
		['copilot --yolo', 'copilot'],
		['node /srv/gt/dist/gt.js sim-agent', 'sim'],
		['gt sim-agent', 'sim'],
		['gt', undefined],
		['my-agent', undefined],
		['npx', undefined],
		['', undefined],
		['claudette', undefined],
	])('%j → %s', (program, expected) => {
		expect(inferRuntime(program)).toBe(expected);
	});

	it('reads the arguments when the program is only a launcher', () => {
		expect(inferRuntime('npx', ['-y', '@openai/codex', '--model', 'o3'])).toBe('codex');
		expect(inferRuntime('gt', ['sim-agent'])).toBe('sim');
		expect(inferRuntime('my-wrapper', ['claude'])).toBeUndefined();
	});
});
