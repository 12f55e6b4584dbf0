import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {matcherMatches, parseHookSettings, readHookSettings, runHooks} from '../../source/sim/hooks.js';
import {tempDir} from '../helpers/cli.js';

const command = (text: string) => ({matcher: '', hooks: [{type: 'command', command: text}]});

describe('hook settings', () => {
	it('reads Claude Code settings: events, matchers, command hooks', () => {
		const settings = parseHookSettings({
			permissions: {allow: []},
			hooks: {
				SessionStart: [{matcher: 'startup', hooks: [{type: 'command', command: 'gt prime --hook', timeout: 5}]}],
				Stop: [command('gt signal idle')],
				PreToolUse: [command('ignored: not an event the sim has')],
				Notification: [{hooks: [{type: 'prompt', prompt: 'not a command'}, {command: 'gt signal waiting'}]}],
			},
		});
		expect(settings).toEqual({
			SessionStart: [{matcher: 'startup', hooks: [{command: 'gt prime --hook', timeoutSeconds: 5}]}],
			Stop: [{matcher: '', hooks: [{command: 'gt signal idle'}]}],
			Notification: [{matcher: '', hooks: [{command: 'gt signal waiting'}]}],
		});
		expect(parseHookSettings(null)).toEqual({});
		expect(parseHookSettings({hooks: {Stop: 'x'}})).toEqual({});
	});

	it('says which file is broken', () => {
		const dir = tempDir('sim-hooks');
		const file = path.join(dir, 'settings.json');
		writeFileSync(file, '{"hooks": ');
		expect(() => readHookSettings(file)).toThrow(/settings .*settings\.json is not valid JSON/);
		expect(() => readHookSettings(path.join(dir, 'missing.json'))).toThrow(/cannot read settings .*ENOENT/);
	});

	it('matches like Claude: empty or * for all, else a name or a regular expression', () => {
		expect(matcherMatches('', 'startup')).toBe(true);
		expect(matcherMatches('*', 'resume')).toBe(true);
		expect(matcherMatches('startup', 'startup')).toBe(true);
		expect(matcherMatches('startup', 'resume')).toBe(false);
		expect(matcherMatches('startup|resume', 'resume')).toBe(true);
		expect(matcherMatches('(', '(')).toBe(true);
	});
});

describe('running hooks', () => {
	const dir = tempDir('sim-hooks-run');
	const options = {cwd: dir, env: {PATH: process.env.PATH, HOME: dir}};

	it('runs the command through /bin/sh with the event as JSON on stdin; its output is context', async () => {
		const settings = parseHookSettings({hooks: {UserPromptSubmit: [command('cat > event.json; echo "mail: 1 unread"; echo "$CLAUDE_PROJECT_DIR" > dir.txt')]}});
		const [outcome] = await runHooks(settings, 'UserPromptSubmit', {session_id: 's1', prompt: 'fix it'}, options);
		expect(outcome).toMatchObject({code: 0, context: 'mail: 1 unread'});
		const {readFileSync} = await import('node:fs');
		expect(JSON.parse(readFileSync(path.join(dir, 'event.json'), 'utf8'))).toEqual({session_id: 's1', prompt: 'fix it', cwd: dir, hook_event_name: 'UserPromptSubmit'});
		expect(readFileSync(path.join(dir, 'dir.txt'), 'utf8').trim()).toBe(dir);
	});

	it('runs only the groups whose matcher fits, in order', async () => {
		const settings = parseHookSettings({hooks: {SessionStart: [
			{matcher: 'resume', hooks: [{type: 'command', command: 'echo resumed'}]},
			{matcher: 'startup', hooks: [{type: 'command', command: 'echo one'}, {type: 'command', command: 'echo two'}]},
		]}});
		const outcomes = await runHooks(settings, 'SessionStart', {source: 'startup'}, {...options, matchValue: 'startup'});
		expect(outcomes.map(outcome => outcome.context)).toEqual(['one', 'two']);
	});

	it('exit code 2 or {"decision":"block"} blocks; JSON additionalContext is context; other failures are reported', async () => {
		const settings = parseHookSettings({hooks: {UserPromptSubmit: [
			command('echo "no secrets" >&2; exit 2'),
			command(`echo '{"decision":"block","reason":"not now"}'`),
			command(`echo '{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"extra"}}'`),
			command('echo oops >&2; exit 1'),
		]}});
		const outcomes = await runHooks(settings, 'UserPromptSubmit', {prompt: 'x'}, options);
		expect(outcomes.map(({code, blocked, context}) => ({code, blocked, context}))).toEqual([
			{code: 2, blocked: 'no secrets', context: undefined},
			{code: 0, blocked: 'not now', context: undefined},
			{code: 0, blocked: undefined, context: 'extra'},
			{code: 1, blocked: undefined, context: undefined},
		]);
		expect(outcomes[3]!.stderr.trim()).toBe('oops');
	});

	it('Stop hook output is not context', async () => {
		const settings = parseHookSettings({hooks: {Stop: [command('echo bye')]}});
		const [outcome] = await runHooks(settings, 'Stop', {}, options);
		expect(outcome!.context).toBeUndefined();
	});
});
