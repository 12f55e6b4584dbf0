import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {tempDir, testEnv} from '../../helpers/cli.js';
import {runInProcess, runInProcessOk} from '../../helpers/in-process.js';

let env: Record<string, string>;
let dir: string;
// Config commands read and validate town.toml: all of them run in process (the smoke set runs the binary).
const gt = (args: string[], cwd = dir) => runInProcess('gt', args, {cwd, env});
const gtOk = (args: string[], cwd = dir) => runInProcessOk('gt', args, {cwd, env});
const townToml = () => readFileSync(path.join(dir, 'town.toml'), 'utf8');

/** A town as far as these commands care: town.toml and .beads (gt install is tested elsewhere). */
function makeTown(body = 'name = "test"\n'): string {
	const root = tempDir('town');
	writeFileSync(path.join(root, 'town.toml'), body);
	mkdirSync(path.join(root, '.beads'));
	return root;
}

/** A failed command: the exit code, nothing on stdout, one `gt: ` line on stderr. */
async function fails(args: string[], code: number, message: RegExp, cwd = dir): Promise<string> {
	const result = await gt(args, cwd);
	expect({code: result.code, stdout: result.stdout}).toEqual({code, stdout: ''});
	expect(result.stderr).toMatch(/^gt: [^\n]+\n$/);
	expect(result.stderr).toMatch(message);
	return result.stderr;
}

beforeAll(() => {
	env = testEnv();
});

beforeEach(() => {
	dir = makeTown();
});

describe('gt config agent list', () => {
	it('lists the built-in presets and the default', async () => {
		const result = await gt(['config', 'agent', 'list']);
		expect(result).toMatchObject({code: 0, stderr: ''});
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('* claude    [built-in]  claude --dangerously-skip-permissions');
		expect(lines).toContain('  cursor    [built-in]  cursor-agent -f');
		expect(lines).toContain(`  opencode  [built-in]  OPENCODE_PERMISSION='{"*":"allow"}' opencode`);
		expect(lines).toContain('  sim       [built-in]  gt sim-agent');
		expect(lines.at(-1)).toBe('Default: claude');
	});

	it('prints a stable JSON array', async () => {
		const agents = JSON.parse(await gtOk(['config', 'agent', 'list', '--json']));
		expect(agents.map((agent: {name: string}) => agent.name)).toEqual(['claude', 'codex', 'gemini', 'copilot', 'opencode', 'amp', 'cursor', 'sim']);
		expect(agents[0]).toEqual({
			name: 'claude',
			source: 'built-in',
			default: true,
			description: expect.any(String),
			runtime: 'claude',
			command: 'claude',
			args: ['--dangerously-skip-permissions'],
			env: {},
			prompt: {kind: 'arg'},
			resume: {style: 'flag', assign_id: ['--session-id', '{id}'], by_id: ['--resume', '{id}'], latest: ['--continue']},
			process_names: ['claude', 'node'],
			instructions_file: 'CLAUDE.md',
			callbacks: {kind: 'settings-flag', file: '.claude/settings.json', flag: '--settings'},
			bundled: false,
		});
	});
});

describe('gt config agent set / get / remove', () => {
	it('adds a custom agent, splitting the command line like a shell', async () => {
		const out = await gtOk(['config', 'agent', 'set', 'fast', `MODE='a b' claude --model "haiku 4" --dangerously-skip-permissions`]);
		expect(out).toBe(`Added agent fast (custom, runtime claude): MODE='a b' claude --model 'haiku 4' --dangerously-skip-permissions\n`);
		expect(townToml()).toContain('[agents.fast]\ncommand = "claude"\nargs = [ "--model", "haiku 4", "--dangerously-skip-permissions" ]\nruntime = "claude"\n');
		expect(townToml()).toContain('[agents.fast.env]\nMODE = "a b"\n');
		expect(JSON.parse(await gtOk(['config', 'agent', 'get', 'fast', '--json']))).toMatchObject({
			name: 'fast',
			source: 'custom',
			runtime: 'claude',
			command: 'claude',
			args: ['--model', 'haiku 4', '--dangerously-skip-permissions'],
			env: {MODE: 'a b'},
		});
		const list = await gtOk(['config', 'agent', 'list']);
		expect(list).toContain(`  fast      [custom]    MODE='a b' claude --model 'haiku 4' --dangerously-skip-permissions  (runtime claude)\n`);
	});

	it('shows one agent for people', async () => {
		const out = await gtOk(['config', 'agent', 'get', 'codex']);
		expect(out.split('\n')).toEqual(
			expect.arrayContaining([
				'codex  [built-in]',
				'  command:       codex --dangerously-bypass-approvals-and-sandbox --no-daemon',
				'  prompt:        as the last argument',
				'  resume:        latest with resume --last',
				'  callbacks:     hooks and notify passed with -c at launch',
				'  instructions:  AGENTS.md',
			]),
		);
	});

	it('takes --runtime, refuses an unknown one, and warns about programs it cannot place', async () => {
		await gtOk(['config', 'agent', 'set', 'wrapped', '/opt/bin/agent-wrapper --fast', '--runtime', 'gemini']);
		expect(JSON.parse(await gtOk(['config', 'agent', 'get', 'wrapped', '--json']))).toMatchObject({runtime: 'gemini', prompt: {kind: 'flag', flag: '-i'}});
		const before = townToml();
		await fails(['config', 'agent', 'set', 'x', 'claude', '--runtime', 'eliza'], 2, /unknown runtime "eliza" — runtimes: claude, codex/);
		expect(townToml()).toBe(before);
		const unknown = await gt(['config', 'agent', 'set', 'mine', 'my-agent --go']);
		expect(unknown.code).toBe(0);
		expect(unknown.stdout).toBe('Added agent mine (custom, runtime unknown): my-agent --go\n');
		expect(unknown.stderr).toMatch(/^gt: note: "my-agent" is not a program gt recognises/);
	});

	it('overrides a built-in and removing the override restores it', async () => {
		expect(await gtOk(['config', 'agent', 'set', 'claude', 'claude --model opus'])).toBe('Added agent claude (overrides the built-in, runtime claude): claude --model opus\n');
		expect(await gtOk(['config', 'agent', 'list'])).toContain('* claude    [override]  claude --model opus\n');
		expect(await gtOk(['config', 'agent', 'set', 'claude', 'claude --model sonnet'])).toMatch(/^Updated agent claude/);
		expect(await gtOk(['config', 'agent', 'remove', 'claude'])).toBe('Removed your override of claude; the built-in preset applies again\n');
		expect(townToml()).not.toContain('agents');
		expect(await gtOk(['config', 'agent', 'list'])).toContain('* claude    [built-in]  claude --dangerously-skip-permissions\n');
	});

	it('refuses to remove a built-in, an unknown agent, or one still in use', async () => {
		await fails(['config', 'agent', 'remove', 'claude'], 4, /^gt: claude is built in; nothing to remove/);
		await fails(['config', 'agent', 'remove', 'nosuch'], 3, /unknown agent "nosuch" — known agents: claude, codex/);
		await gtOk(['config', 'agent', 'set', 'fast', 'claude --model haiku']);
		await gtOk(['config', 'default-agent', 'fast']);
		const before = townToml();
		await fails(['config', 'agent', 'remove', 'fast'], 4, /fast is the default agent — choose another first/);
		await gtOk(['config', 'default-agent', 'codex']);
		await gtOk(['config', 'set', 'roles.witness', 'fast']);
		await fails(['config', 'agent', 'remove', 'fast'], 4, /fast is used by roles\.witness/);
		await gtOk(['config', 'set', 'roles.witness', '']);
		expect(await gtOk(['config', 'agent', 'remove', 'fast'])).toBe('Removed agent fast\n');
		expect(townToml()).not.toBe(before);
		expect(townToml()).not.toContain('fast');
	});

	it('removes an override that is also the default, since the built-in stays', async () => {
		await gtOk(['config', 'agent', 'set', 'codex', 'codex --model o3']);
		await gtOk(['config', 'default-agent', 'codex']);
		await gtOk(['config', 'agent', 'remove', 'codex']);
		expect(await gtOk(['config', 'default-agent'])).toBe('codex\n');
		expect(JSON.parse(await gtOk(['config', 'agent', 'get', 'codex', '--json'])).source).toBe('built-in');
	});

	it('refuses an unknown agent with exit 3', async () => {
		await fails(['config', 'agent', 'get', 'nosuch'], 3, /^gt: unknown agent "nosuch" — known agents: claude, codex, gemini, copilot, opencode, amp, cursor, sim/);
	});

	it.each([['a/b'], ['..'], ['.hidden'], ['has space'], ['x'.repeat(65)]])('refuses the agent name %j and leaves town.toml alone', async name => {
		const before = townToml();
		await fails(['config', 'agent', 'set', name, 'claude'], 2, /invalid agent name/);
		await fails(['config', 'agent', 'remove', name], 2, /invalid agent name/);
		await fails(['config', 'default-agent', name], 2, /invalid agent name/);
		await fails(['config', 'set', `agents.${name.includes('.') ? `"${name}"` : name}.command`, 'claude'], 2, /invalid agent name/);
		expect(townToml()).toBe(before);
	});

	it('refuses a name that looks like a flag, with or without --', async () => {
		const before = townToml();
		await fails(['config', 'agent', 'set', '-x', 'claude'], 2, /unknown flag -x/);
		await fails(['config', 'agent', 'set', '--', '-x', 'claude'], 2, /invalid agent name "-x": it starts with "-"/);
		expect(townToml()).toBe(before);
	});

	it.each([
		[`claude --model 'haiku`, /unterminated ' quote at column 16/],
		[`claude "x`, /unterminated " quote/],
		['', /command line is empty/],
		['claude | tee log', /shell operator "\|"/],
		['claude --dir $HOME/x', /\$HOME would be expanded/],
	])('refuses the command line %j with exit 2', async (line, message) => {
		const before = townToml();
		await fails(['config', 'agent', 'set', 'fast', line], 2, message);
		expect(townToml()).toBe(before);
	});
});

describe('gt config default-agent', () => {
	it('prints claude until set, then the chosen agent', async () => {
		expect(await gtOk(['config', 'default-agent'])).toBe('claude\n');
		expect(await gtOk(['config', 'default-agent', 'sim'])).toBe('Default agent: sim\n');
		expect(townToml()).toContain('default_agent = "sim"');
		expect(await gtOk(['config', 'default-agent'])).toBe('sim\n');
		expect(await gtOk(['config', 'agent', 'list'])).toMatch(/\* sim +\[built-in\]  gt sim-agent\n[\s\S]*Default: sim\n$/);
	});

	it('refuses an unknown agent with exit 3 and writes nothing', async () => {
		const before = townToml();
		await fails(['config', 'default-agent', 'nosuch'], 3, /unknown agent "nosuch"/);
		expect(townToml()).toBe(before);
	});
});

describe('gt config get / set', () => {
	it('fills in defaults when reading', async () => {
		expect(await gtOk(['config', 'get', 'name'])).toBe('test\n');
		expect(await gtOk(['config', 'get', 'default_agent'])).toBe('claude\n');
		expect(await gtOk(['config', 'get', 'roles.mayor'])).toBe('claude\n');
		expect(await gtOk(['config', 'get', 'agents.cursor.command'])).toBe('cursor-agent\n');
		expect(JSON.parse(await gtOk(['config', 'get', 'agents.gemini.args', '--json']))).toEqual(['--approval-mode', 'yolo', '--skip-trust']);
		expect(await gtOk(['config', 'get', 'agents.opencode.env.OPENCODE_PERMISSION'])).toBe('{"*":"allow"}\n');
		expect(await gtOk(['config', 'get', 'roles'])).toBe('mayor     claude\ndeacon    claude\nwitness   claude\nrefinery  claude\npolecat   claude\ncrew      claude\n');
	});

	it('sets and reads back known keys', async () => {
		await gtOk(['config', 'agent', 'set', 'fast', 'claude --model haiku']);
		expect(await gtOk(['config', 'set', 'default_agent', 'fast'])).toBe('default_agent = fast\n');
		expect(await gtOk(['config', 'set', 'roles.mayor', 'codex'])).toBe('roles.mayor = codex\n');
		expect(await gtOk(['config', 'set', 'owner', 'me@example.com'])).toBe('owner = me@example.com\n');
		expect(await gtOk(['config', 'set', 'agents.fast.command', '/opt/claude'])).toBe('agents.fast.command = /opt/claude\n');
		// Values starting with "-" go after `--`, or the dispatcher reads them as flags.
		expect(await gtOk(['config', 'set', 'agents.fast.args', '--', `--model 'haiku 4'`])).toBe('agents.fast.args = ["--model","haiku 4"]\n');
		await gtOk(['config', 'set', 'agents.fast.env.DEBUG', '1']);
		const toml = townToml();
		expect(toml).toContain('default_agent = "fast"');
		expect(toml).toContain('owner = "me@example.com"');
		expect(toml).toContain('[roles]\nmayor = "codex"');
		expect(toml).toContain('[agents.fast]\ncommand = "/opt/claude"\nargs = [ "--model", "haiku 4" ]\nruntime = "claude"');
		expect(toml).toContain('[agents.fast.env]\nDEBUG = "1"');
		expect(await gtOk(['config', 'get', 'roles.mayor'])).toBe('codex\n');
		expect(await gtOk(['config', 'get', 'roles.crew'])).toBe('fast\n');
		expect(await gtOk(['config', 'get', 'agents.fast.env.DEBUG'])).toBe('1\n');
		expect(await gtOk(['config', 'set', 'roles.mayor', ''])).toBe('Unset roles.mayor (the default applies)\n');
		expect(await gtOk(['config', 'get', 'roles.mayor'])).toBe('fast\n');
		expect(townToml()).not.toContain('[roles]');
	});

	it('starts an override from the built-in when one field of a preset is set', async () => {
		await gtOk(['config', 'set', 'agents.claude.args', '["--dangerously-skip-permissions", "--verbose"]']);
		expect(townToml()).toContain('[agents.claude]\ncommand = "claude"\nargs = [ "--dangerously-skip-permissions", "--verbose" ]\nruntime = "claude"');
		expect(JSON.parse(await gtOk(['config', 'agent', 'get', 'claude', '--json']))).toMatchObject({source: 'override', args: ['--dangerously-skip-permissions', '--verbose']});
	});

	it('keeps keys it does not know through a write, and can read them', async () => {
		dir = makeTown('name = "test"\n[daemon]\nport = 7070\n');
		await gtOk(['config', 'set', 'default_agent', 'codex']);
		expect(townToml()).toContain('[daemon]\nport = 7070');
		expect(await gtOk(['config', 'get', 'daemon.port'])).toBe('7070\n');
	});

	it('refuses unknown keys, listing the known ones', async () => {
		const before = townToml();
		const stderr = await fails(['config', 'set', 'colour', 'blue'], 2, /^gt: unknown config key "colour" — known keys: name, owner, created_at, default_agent, roles\.<role>, agents\.<name>\.command/);
		expect(stderr).toContain('agents.<name>.env.<VAR>');
		await fails(['config', 'get', 'colour'], 2, /unknown config key "colour"/);
		await fails(['config', 'set', 'agents.fast.model', 'x'], 2, /agents have no field "model" — agent fields: command, args, runtime, env/);
		await fails(['config', 'set', 'roles.janitor', 'claude'], 2, /unknown role "janitor" — roles are mayor, deacon, witness, refinery, polecat, crew/);
		await fails(['config', 'set', 'roles', 'claude'], 2, /set one role at a time/);
		await fails(['config', 'set', 'created_at', 'now'], 2, /created_at is written by gt install/);
		await fails(['config', 'set', 'name.first', 'x'], 2, /name has no parts/);
		await fails(['config', 'set', 'agents..command', 'x'], 2, /has an empty part/);
		await fails(['config', 'set', 'agents.nosuch.args', '--', '-x'], 2, /agent "nosuch" does not exist yet/);
		await fails(['config', 'set', 'agents.claude.runtime', 'eliza'], 2, /unknown runtime "eliza"/);
		await fails(['config', 'set', 'agents.claude.env.1BAD', 'x'], 2, /not an environment variable name/);
		expect(townToml()).toBe(before);
	});

	it('refuses values naming unknown agents with exit 3', async () => {
		const before = townToml();
		await fails(['config', 'set', 'default_agent', 'ghost'], 3, /unknown agent "ghost"/);
		await fails(['config', 'set', 'roles.mayor', 'ghost'], 3, /unknown agent "ghost"/);
		await fails(['config', 'get', 'agents.ghost.command'], 3, /unknown agent "ghost"/);
		await fails(['config', 'get', 'owner'], 3, /owner is not set/);
		expect(townToml()).toBe(before);
	});
});

describe('gt config show', () => {
	it('shows the town with defaults filled in', async () => {
		await gtOk(['config', 'agent', 'set', 'fast', 'claude --model haiku']);
		await gtOk(['config', 'set', 'roles.polecat', 'fast']);
		const out = await gtOk(['config', 'show']);
		const lines = out.trimEnd().split('\n');
		expect(lines.slice(0, 4)).toEqual(['Town:           test', `Root:           ${dir}`, 'Owner:          (not set)', 'Default agent:  claude (built-in default)']);
		expect(lines).toContain('  mayor     claude  (default)');
		expect(lines).toContain('  polecat   fast');
		expect(lines).toContain('    fast      [custom]    claude --model haiku  (runtime claude)');
	});

	it('still shows a town whose config names agents that are gone, marking them', async () => {
		dir = makeTown('name = "test"\ndefault_agent = "gone"\n[roles]\nmayor = "ghost"\n');
		const lines = (await gtOk(['config', 'show'])).split('\n');
		expect(lines).toContain('Default agent:  gone  ← unknown agent');
		expect(lines).toContain('  mayor     ghost  ← unknown agent');
		expect(lines).toContain('  crew      gone  (default)  ← unknown agent');
		await fails(['config', 'get', 'roles.mayor'], 3, /roles\.mayor in town\.toml names unknown agent "ghost"/);
	});

	it('prints stable JSON', async () => {
		await gtOk(['config', 'set', 'owner', 'me@example.com']);
		await gtOk(['config', 'set', 'roles.mayor', 'gemini']);
		const shown = JSON.parse(await gtOk(['config', 'show', '--json']));
		expect(Object.keys(shown)).toEqual(['root', 'config_file', 'name', 'owner', 'created_at', 'default_agent', 'roles', 'agents']);
		expect(shown).toMatchObject({
			root: dir,
			config_file: path.join(dir, 'town.toml'),
			name: 'test',
			owner: 'me@example.com',
			created_at: null,
			default_agent: 'claude',
			roles: {mayor: 'gemini', deacon: 'claude', witness: 'claude', refinery: 'claude', polecat: 'claude', crew: 'claude'},
		});
		expect(shown.agents).toHaveLength(8);
	});
});

describe('outside a town, and with a broken town.toml', () => {
	const commands: string[][] = [
		['config', 'show'],
		['config', 'get', 'default_agent'],
		['config', 'set', 'default_agent', 'codex'],
		['config', 'agent', 'list'],
		['config', 'agent', 'get', 'claude'],
		['config', 'agent', 'set', 'fast', 'claude'],
		['config', 'agent', 'remove', 'fast'],
		['config', 'default-agent'],
		['config', 'default-agent', 'codex'],
	];

	it.each(commands.map(args => [args.join(' '), args] as const))('gt %s exits 3 with one line outside a town', async (_, args) => {
		const empty = tempDir('empty');
		await fails(args, 3, /^gt: not inside a Gas Town \(no town\.toml in .+\) — run `gt install <path>`/, empty);
	});

	it.each(commands.map(args => [args.join(' '), args] as const))('gt %s exits 1 naming file:line:col and leaves the file alone', async (_, args) => {
		const broken = 'name = "test"\n[agents.fast]\ncommand = "claude\n';
		dir = makeTown(broken);
		await fails(args, 1, new RegExp(`^gt: ${path.join(dir, 'town.toml').replaceAll('.', '\\.')}:3:\\d+: .+ — fix the file by hand; nothing was changed`));
		expect(townToml()).toBe(broken);
	});
});
