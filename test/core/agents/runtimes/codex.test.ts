// Codex CLI itself (0.171.0), offline in a real pty under a real daemon: the prompt as
// its positional [PROMPT] (nothing typed into a screen), its hooks passed with -c and
// trusted (UserPromptSubmit → working by signal), a restart that resumes what codex
// saved in the worktree (`resume --last`), and the sign-in screen read as waiting.
import {rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {setTimeout as sleep} from 'node:timers/promises';
import {cliTitle, crewSpec, findAgentCli, realTowns, refusingApi, screenText} from '../../../helpers/agent-clis.js';
import {eventually} from '../../../helpers/wait.js';

const dir = findAgentCli('codex');

const town = realTowns('codex', dir);
/** The API refusing every request, as codex sees a fake key rejected. */
const refusing = () => refusingApi({message: 'fake key, offline', type: 'invalid_request_error', code: 'invalid_api_key'}, '/v1');

describe.skipIf(!dir)(cliTitle('codex', dir), () => {
	it('takes the prompt as [PROMPT], signals working from its hook, and a restart resumes its own saved session', async () => {
		const real = await town();
		const spec = crewSpec(real, 'codex', {prompt: 'Say hello'});
		await real.client.request('session.start', {spec});
		// Codex submits the prompt itself (about 10 s offline); its UserPromptSubmit hook calls gt signal working.
		await eventually(() => expect(real.states(spec.id)).toContainEqual(expect.objectContaining({state: 'working', source: 'signal'})), {
			what: 'working by the UserPromptSubmit hook',
			timeout: 40_000,
			interval: 200,
		});
		const screen = await screenText(real, spec.id);
		expect(screen).toMatch(/^› Say hello/m);
		expect(screen).not.toMatch(/Hooks need review|Sign in with ChatGPT/);

		const restarted = await real.client.request('session.restart', {id: spec.id});
		expect(real.log.join('\n')).toMatch(/t\.crew\.me restarted \(pid/);
		expect(restarted.state.state).not.toBe('exited');
		// `codex resume --last` in this worktree: the saved session comes back with its first prompt.
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/Say hello/), {what: 'the resumed session', timeout: 30_000, interval: 200});
		await sleep(1000);
		const info = (await real.client.request('status')).sessions.find(session => session.id === spec.id)!;
		expect(info.state.state).not.toBe('exited');
	});

	it('a turn that ends with an API error (no hook fires for it) reads idle with its reason, not working', async () => {
		const api = await refusing();
		try {
			const real = await town({agent: {command: 'codex', args: ['--dangerously-bypass-approvals-and-sandbox', '--no-daemon', '-c', `openai_base_url="${api.url}"`]}});
			const spec = crewSpec(real, 'codex', {prompt: 'Say hello'});
			await real.client.request('session.start', {spec});
			await eventually(() => expect(real.states(spec.id)).toContainEqual(expect.objectContaining({state: 'working', source: 'signal'})), {what: 'working by signal', timeout: 40_000, interval: 200});
			await eventually(() => expect(real.states(spec.id).at(-1)).toMatchObject({state: 'idle', source: 'screen', failure: 'api-error'}), {what: 'idle after the API error', timeout: 40_000, interval: 200});
			expect(await screenText(real, spec.id)).toMatch(/^■ /m);
		} finally {
			api.close();
		}
	});

	it('a restart with nothing saved in the worktree starts fresh (resume --last finds nothing), never "No saved session"', async () => {
		const real = await town();
		const spec = crewSpec(real, 'codex');
		await real.client.request('session.start', {spec});
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/Ask Codex to do anything/), {what: 'the composer', timeout: 30_000, interval: 200});
		await real.client.request('session.restart', {id: spec.id});
		await eventually(async () => expect(await screenText(real, spec.id)).toMatch(/Ask Codex to do anything/), {what: 'the composer again', timeout: 30_000, interval: 200});
		expect(await screenText(real, spec.id)).not.toMatch(/No saved session/);
		const info = (await real.client.request('status')).sessions.find(session => session.id === spec.id)!;
		expect(info.state.state).not.toBe('exited');
	});

	it('not signed in: the sign-in choice reads waiting with its reason, and the prompt never presses its Enter', async () => {
		const real = await town();
		rmSync(path.join(real.vars.HOME!, '.codex', 'auth.json'));
		const spec = crewSpec(real, 'codex', {prompt: 'Say hello'});
		await real.client.request('session.start', {spec});
		await eventually(() => expect(real.states(spec.id).at(-1)).toMatchObject({state: 'waiting', failure: 'signed-out'}), {what: 'waiting at the sign-in choice', timeout: 30_000, interval: 200});
		await sleep(4000);
		const screen = await screenText(real, spec.id);
		expect(screen).toMatch(/Sign in with ChatGPT/);
		expect(screen).not.toMatch(/Finish signing in via your browser/);
	});
});
