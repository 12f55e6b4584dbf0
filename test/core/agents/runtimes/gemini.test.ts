// Gemini CLI itself (0.61.0), offline in a real pty under a real daemon: the prompt
// with -i, its hooks loaded from the worktree's .gemini/settings.json because the
// preset's GEMINI_CLI_TRUST_WORKSPACE trusts it (BeforeAgent → working, AfterAgent → idle,
// by signal), and restarts with nothing saved ("No previous sessions found", exit 42)
// that start fresh.
import {describe, expect, it} from 'vitest';
import {cliTitle, crewSpec, findAgentCli, realTowns, refusingApi, screenText} from '../../../helpers/agent-clis.js';
import {eventually} from '../../../helpers/wait.js';

const dir = findAgentCli('gemini');

const town = realTowns('gemini', dir);
/** The API refusing every request, as gemini sees a fake key rejected. */
const refusing = () => refusingApi({code: 400, message: 'fake key, offline', status: 'INVALID_ARGUMENT'});

describe.skipIf(!dir)(cliTitle('gemini', dir), () => {
	it('takes the prompt with -i, runs its hooks (working by signal), and a restart with nothing saved starts it fresh with the prompt', async () => {
		const real = await town();
		const spec = crewSpec(real, 'gemini', {prompt: 'Say hello'});
		const started = await real.client.request('session.start', {spec});
		await eventually(() => expect(real.states(spec.id)).toContainEqual(expect.objectContaining({state: 'working', source: 'signal'})), {
			what: 'working by the BeforeAgent hook',
			timeout: 40_000,
			interval: 200,
		});
		expect(await screenText(real, spec.id)).toMatch(/^ > Say hello/m);
		// Offline the request retries for minutes (AfterAgent, which signals idle, comes after it).
		expect(real.log.join('\n')).toMatch(/t\.crew\.me working \(signal: gt signal working\)/);

		// Gemini keeps a session only once the model has answered (an API error is not enough): the restart's
		// `--resume <id>` finds nothing (exit 42) and the same spec starts fresh, prompt and all.
		await real.client.request('session.restart', {id: spec.id});
		await eventually(() => expect(real.log.join('\n')).toMatch(/t\.crew\.me could not resume/), {what: 'the fresh start', timeout: 45_000});
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/^ > Say hello/m), {what: 'the prompt again', timeout: 40_000, interval: 200});
		const info = (await real.client.request('status')).sessions.find(session => session.id === spec.id)!;
		expect(info.conversationId).not.toBe(started.conversationId);
		expect(info.state.state).not.toBe('exited');
	});

	it('an API error ends the turn: AfterAgent signals idle and the reason says why', async () => {
		const api = await refusing();
		try {
			const real = await town({vars: {GOOGLE_GEMINI_BASE_URL: api.url}});
			const spec = crewSpec(real, 'gemini', {prompt: 'Say hello'});
			await real.client.request('session.start', {spec});
			await eventually(() => expect(real.states(spec.id).at(-1)).toMatchObject({state: 'idle', source: 'signal', failure: 'api-error'}), {
				what: 'idle by the AfterAgent hook',
				timeout: 40_000,
				interval: 200,
			});
			expect(real.states(spec.id)).toContainEqual(expect.objectContaining({state: 'working', source: 'signal'}));
			expect(await screenText(real, spec.id)).toMatch(/✕ \[API Error: /);
		} finally {
			api.close();
		}
	});

	it('a restart of a session that never had a prompt starts fresh on the same spec instead of exiting 42', async () => {
		const real = await town();
		const spec = crewSpec(real, 'gemini');
		const first = await real.client.request('session.start', {spec});
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/Type your message/), {what: 'the input', timeout: 40_000, interval: 200});
		await real.client.request('session.restart', {id: spec.id});
		await eventually(() => expect(real.log.join('\n')).toMatch(/t\.crew\.me could not resume \(gemini has no saved session to resume — gt starts it fresh on the same hook\); started fresh/), {
			what: 'the fresh start after exit 42',
			timeout: 45_000,
		});
		const info = (await real.client.request('status')).sessions.find(session => session.id === spec.id)!;
		expect(info.conversationId).not.toBe(first.conversationId);
		expect(info.state.state).not.toBe('exited');
	});
});
