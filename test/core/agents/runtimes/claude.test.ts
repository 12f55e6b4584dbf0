// Claude Code itself (2.1.197), offline in a real pty under a real daemon: the root
// refusal caught before launch, the prompt as its positional argument, hooks that move
// the state (UserPromptSubmit → working, StopFailure → idle), a restart that resumes
// the saved conversation, and one with nothing saved that starts fresh.
import {describe, expect, it} from 'vitest';
import {isGtError} from '../../../../source/core/base/errors.js';
import {cliTitle, crewSpec, findAgentCli, realTowns, screenText} from '../../../helpers/agent-clis.js';
import {eventually} from '../../../helpers/wait.js';

const dir = findAgentCli('claude');
const isRoot = process.getuid?.() === 0;
// Offline and quick: a refused connection ends the turn at once with an API error instead of ten retries.
const offline = {CLAUDE_CODE_MAX_RETRIES: '0', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', DISABLE_AUTOUPDATER: '1'};
// What `gt config agent set claude "IS_SANDBOX=1 claude --dangerously-skip-permissions"` writes.
const sandboxed = {command: 'claude', args: ['--dangerously-skip-permissions'], env: {IS_SANDBOX: '1'}};

const offlineTown = realTowns('claude', dir);
const town = (options: Parameters<typeof offlineTown>[0] = {}) => offlineTown({vars: offline, ...options});

describe.skipIf(!dir)(cliTitle('claude', dir), () => {
	it.skipIf(!isRoot)('as root without IS_SANDBOX=1: refused before launch, in one line with both fixes', async () => {
		const real = await town();
		const error = await real.client.request('session.start', {spec: crewSpec(real, 'claude', {prompt: 'Say hello'})}).catch((caught: unknown) => caught);
		expect(isGtError(error) && error.kind).toBe('conflict');
		expect((error as Error).message).toBe('claude refuses --dangerously-skip-permissions as root');
		expect((error as {hint?: string}).hint).toMatch(/^run gt as a non-root user, or give the agent IS_SANDBOX=1: gt config agent set claude "IS_SANDBOX=1 claude/);
		expect((await real.client.request('status')).sessions).toEqual([]);
	});

	it('takes the prompt as its argument, signals working then idle (StopFailure), and resumes the saved conversation', async () => {
		const real = await town({agent: sandboxed});
		const spec = crewSpec(real, 'claude', {prompt: 'Say hello'});
		const started = await real.client.request('session.start', {spec});
		const conversation = started.conversationId!;
		// The prompt reached its input: claude echoes it in the transcript, and the API error ends the turn.
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/● API Error: /), {what: 'the API error on screen', timeout: 45_000, interval: 200});
		await eventually(() => expect(real.states(spec.id).at(-1)).toMatchObject({state: 'idle', source: 'signal', detail: 'the turn ended with an API error', failure: 'api-error'}), {
			what: 'idle by the StopFailure hook',
			timeout: 15_000,
		});
		expect(real.states(spec.id)).toContainEqual(expect.objectContaining({state: 'working', source: 'signal'}));
		expect(await screenText(real, spec.id)).toContain('❯ Say hello');

		const restarted = await real.client.request('session.restart', {id: spec.id});
		expect(restarted.conversationId).toBe(conversation);
		expect(real.log.some(line => line.includes(`restarted (pid`))).toBe(true);
		// The resumed conversation shows the earlier turn; nothing fell back to a fresh start.
		await eventually(async () => expect(await screenText(real, spec.id)).toContain('Say hello'), {what: 'the resumed conversation', timeout: 30_000, interval: 200});
		expect(real.log.some(line => line.includes('started fresh'))).toBe(false);
	});

	it('a restart with nothing saved ("No conversation found") starts fresh on the same spec, once', async () => {
		const real = await town({agent: sandboxed});
		// No prompt: claude saves no conversation until one is submitted.
		const spec = crewSpec(real, 'claude');
		const first = await real.client.request('session.start', {spec});
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/^❯/m), {what: 'the input box', timeout: 30_000, interval: 200});
		await real.client.request('session.restart', {id: spec.id});
		await eventually(() => expect(real.log.join('\n')).toMatch(/t\.crew\.me could not resume \(claude has no saved conversation to resume — gt starts it fresh on the same hook\); started fresh/), {
			what: 'the fresh start after the failed resume',
			timeout: 30_000,
		});
		const info = (await real.client.request('status')).sessions.find(session => session.id === spec.id)!;
		expect(info.conversationId).not.toBe(first.conversationId);
		expect(info.state.state).not.toBe('exited');
		expect(real.log.filter(line => line.includes('could not resume'))).toHaveLength(1);
	});
});
