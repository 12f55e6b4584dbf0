import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentForRole, agentJson, defaultAgentName, isKnownAgent, knownAgentNames, listAgents, resolveAgent} from '../../../source/core/agents/registry.js';
import {readTownConfig, type TownConfig} from '../../../source/core/town/town-config.js';
import {GtError} from '../../../source/core/base/errors.js';
import {tempDir} from '../../helpers/cli.js';

/** A town with the given town.toml body, read back through the real parser. */
function town(toml: string): TownConfig {
	const root = tempDir('agents');
	writeFileSync(path.join(root, 'town.toml'), `name = "t"\n${toml}`);
	return readTownConfig(root);
}

function thrown(action: () => unknown): GtError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(GtError);
		return error as GtError;
	}
	throw new Error('expected an error');
}

const userAgents = `
default_agent = "fast"

[agents.fast]
command = "claude"
args = ["--model", "haiku"]

[agents.claude]
command = "/opt/claude/bin/claude"
args = ["--dangerously-skip-permissions", "--verbose"]

[agents.oc]
command = "npx"
args = ["opencode-ai"]
env = {OPENCODE_PERMISSION = '{"*":"ask"}', EXTRA = "1"}

[agents.mine]
command = "my-agent"

[agents.pinned]
command = "wrapper.sh"
runtime = "gemini"

[roles]
mayor = "claude"
polecat = "mine"
`;

describe('listAgents', () => {
	it('lists the presets alone in an empty town', () => {
		const agents = listAgents(town(''));
		expect(agents.map(agent => [agent.name, agent.source])).toEqual([
			['claude', 'built-in'],
			['codex', 'built-in'],
			['gemini', 'built-in'],
			['copilot', 'built-in'],
			['opencode', 'built-in'],
			['amp', 'built-in'],
			['cursor', 'built-in'],
			['sim', 'built-in'],
		]);
	});

	it('puts overrides in place of the built-in and custom agents after, by name', () => {
		const agents = listAgents(town(userAgents));
		expect(agents.map(agent => `${agent.name}:${agent.source}`)).toEqual([
			'claude:override',
			'codex:built-in',
			'gemini:built-in',
			'copilot:built-in',
			'opencode:built-in',
			'amp:built-in',
			'cursor:built-in',
			'sim:built-in',
			'fast:custom',
			'mine:custom',
			'oc:custom',
			'pinned:custom',
		]);
		expect(knownAgentNames(town(userAgents)).slice(-4)).toEqual(['fast', 'mine', 'oc', 'pinned']);
	});
});

describe('resolveAgent', () => {
	const config = town(userAgents);

	it('returns a preset untouched', () => {
		expect(resolveAgent(config, 'gemini')).toMatchObject({source: 'built-in', runtime: 'gemini', command: 'gemini', args: ['--approval-mode', 'yolo', '--skip-trust'], prompt: {kind: 'flag', flag: '-i'}});
	});

	it('takes command and args from the user, behaviour from the inferred runtime', () => {
		const fast = resolveAgent(config, 'fast');
		expect(fast).toMatchObject({source: 'custom', runtime: 'claude', runtimeExplicit: false, command: 'claude', args: ['--model', 'haiku'], instructionsFile: 'CLAUDE.md'});
		expect(fast.resume?.byId).toEqual(['--resume', '{id}']);
		expect(fast.callbacks.kind).toBe('settings-flag');
	});

	it('lets an override replace the built-in command entirely', () => {
		expect(resolveAgent(config, 'claude')).toMatchObject({source: 'override', runtime: 'claude', command: '/opt/claude/bin/claude', args: ['--dangerously-skip-permissions', '--verbose']});
	});

	it('keeps preset environment variables unless the user sets them', () => {
		expect(resolveAgent(config, 'oc')).toMatchObject({runtime: 'opencode', command: 'npx', env: {OPENCODE_PERMISSION: '{"*":"ask"}', EXTRA: '1'}, prompt: {kind: 'flag', flag: '--prompt'}});
		const plain = resolveAgent(town('[agents.o]\ncommand = "opencode"\n'), 'o');
		expect(plain.env).toEqual({OPENCODE_PERMISSION: '{"*":"allow"}'});
	});

	it('uses the runtime written in town.toml over the program name', () => {
		expect(resolveAgent(config, 'pinned')).toMatchObject({runtime: 'gemini', runtimeExplicit: true, command: 'wrapper.sh', args: [], callbacks: {kind: 'settings-file'}});
	});

	it('treats an unknown program cautiously: prompt typed, no resume, no hooks', () => {
		expect(resolveAgent(config, 'mine')).toMatchObject({runtime: undefined, prompt: {kind: 'typed'}, resume: undefined, callbacks: {kind: 'none'}, processNames: ['my-agent'], instructionsFile: 'AGENTS.md'});
		expect(agentJson(resolveAgent(config, 'mine'))).toMatchObject({runtime: null, resume: null, default: false});
	});

	it('refuses an unknown name with the known ones listed (exit 3)', () => {
		const error = thrown(() => resolveAgent(config, 'nosuch'));
		expect(error.exitCode).toBe(3);
		expect(error.message).toBe('unknown agent "nosuch"');
		expect(error.hint).toContain('claude, codex, gemini, copilot, opencode, amp, cursor, sim, fast, mine, oc, pinned');
		expect(isKnownAgent(config, 'nosuch')).toBe(false);
		expect(isKnownAgent(config, 'fast')).toBe(true);
	});

	it('reports a hand-edited entry that makes no sense, naming it', () => {
		expect(thrown(() => resolveAgent(town('[agents.x]\nargs = ["a"]\n'), 'x')).message).toMatch(/\[agents\.x\] has no command/);
		expect(thrown(() => resolveAgent(town('[agents.x]\ncommand = "a"\nargs = "b"\n'), 'x')).message).toMatch(/agents\.x\.args must be a list/);
		expect(thrown(() => resolveAgent(town('[agents.x]\ncommand = "a"\nruntime = "eliza"\n'), 'x')).message).toMatch(/runtime "eliza" is not a known runtime/);
		expect(thrown(() => listAgents(town('agents = 3\n'))).exitCode).toBe(1);
	});
});

describe('choosing agents', () => {
	it('defaults to claude, or to default_agent', () => {
		expect(defaultAgentName(town(''))).toBe('claude');
		expect(defaultAgentName(town(userAgents))).toBe('fast');
	});

	it('picks --agent, then roles.<role>, then the default', () => {
		const config = town(userAgents);
		expect(agentForRole(config, 'mayor', 'codex')).toMatchObject({name: 'codex', chosenBy: 'flag'});
		expect(agentForRole(config, 'mayor')).toMatchObject({name: 'claude', source: 'override', chosenBy: 'role'});
		expect(agentForRole(config, 'polecat')).toMatchObject({name: 'mine', chosenBy: 'role'});
		expect(agentForRole(config, 'witness')).toMatchObject({name: 'fast', chosenBy: 'default'});
		expect(agentForRole(town(''), 'crew')).toMatchObject({name: 'claude', source: 'built-in', chosenBy: 'default'});
	});

	it('says where a dangling agent name came from', () => {
		const config = town('default_agent = "gone"\n[roles]\nmayor = "ghost"\n');
		expect(thrown(() => agentForRole(config, 'mayor')).message).toBe('roles.mayor in town.toml names unknown agent "ghost"');
		expect(thrown(() => agentForRole(config, 'crew')).message).toBe('default_agent in town.toml names unknown agent "gone"');
		expect(thrown(() => agentForRole(config, 'crew', 'nope')).message).toBe('--agent names unknown agent "nope"');
		expect(thrown(() => agentForRole(config, 'janitor')).exitCode).toBe(2);
	});
});
