// The Mayor keeps its conversation across gt down / gt up (and a new daemon): the
// sim, like Claude Code, resumes by the conversation id the Mayor was started with;
// `gt mayor start --fresh` begins a new one.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';

describe('the Mayor after gt down and gt up', () => {
	const home = tempDir('mayor-resume');
	const env = testEnv(home, {GT_SIM_SPEED: '10'});
	const town = path.join(home, 'town');
	const gt = (args: string[]) => runOk('gt', args, {cwd: town, env});
	const screen = () => runOk('gt', ['peek', 'mayor', '200'], {cwd: town, env});
	const remembered = () => JSON.parse(readFileSync(path.join(town, '.runtime', 'mayor-conversation.json'), 'utf8')) as {agent: string; conversation_id: string};

	afterAll(async () => {
		await runCli('gt', ['down'], {cwd: town, env});
	});

	it('resumes the conversation it had, and --fresh starts a new one', async () => {
		await runOk('gt', ['install', town], {cwd: home, env});
		await gt(['config', 'default-agent', 'sim']);
		expect(await gt(['up'])).toMatch(/Mayor started \(sim\)/);
		const first = remembered();
		expect(first.agent).toBe('sim');
		await gt(['nudge', 'mayor', 'remember the word PELICAN']);
		await vi.waitFor(async () => expect(await screen()).toContain('PELICAN'), {timeout: 20_000, interval: 200});

		await gt(['down']);
		expect(await gt(['up'])).toMatch(/Mayor started, resuming its last conversation \(sim\)/);
		expect(remembered().conversation_id).toBe(first.conversation_id);
		await vi.waitFor(async () => expect(await screen()).toContain('PELICAN'), {timeout: 20_000, interval: 200});

		await gt(['mayor', 'stop']);
		expect(await gt(['mayor', 'start', '--fresh'])).toMatch(/^Started the Mayor \(sim, pid \d+\)\./);
		expect(remembered().conversation_id).not.toBe(first.conversation_id);
		await new Promise(resolve => setTimeout(resolve, 1500));
		expect(await screen()).not.toContain('PELICAN');
	}, 90_000);
});
