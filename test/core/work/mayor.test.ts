import {describe, expect, it} from 'vitest';
import {GtError} from '../../../source/core/base/errors.js';
import {startMayor} from '../../../source/core/work/mayor.js';
import {recordingSessions, startedInfo} from '../../helpers/sessions.js';
import {makeTown} from '../../helpers/town.js';

describe('startMayor', () => {
	it('two starters at once: the one that loses the race reports the running Mayor instead of failing', async () => {
		const town = await makeTown();
		const {control} = recordingSessions();
		let started: ReturnType<typeof startedInfo> | undefined;
		// The other starter (an open UI, say) got there between our check and our start.
		control.sessions = async () => (started ? [started] : []);
		control.start = async spec => {
			started = startedInfo(spec);
			throw new GtError('conflict', `agent ${spec.address} is already running`, 'stop or restart it first');
		};
		const result = await startMayor(town.town, control);
		expect(result).toMatchObject({started: false, info: {id: 'mayor'}});
	});

	it('any other failure to start is the caller\'s to hear', async () => {
		const town = await makeTown();
		const {control} = recordingSessions({failStart: true});
		await expect(startMayor(town.town, control)).rejects.toThrow(/cannot start/);
	});

	it('never reports a Mayor as started that exited at once: the error says why', async () => {
		const town = await makeTown();
		const {control} = recordingSessions();
		const reason = 'claude cannot reach Anthropic (no network, or not signed in) — check the network, or set ANTHROPIC_API_KEY in the agent’s environment';
		let polls = 0;
		control.sessions = async () => {
			polls++;
			if (polls === 1) return [];
			const info = startedInfo({id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'claude', cwd: town.town});
			return [{...info, exitCode: 1, state: {state: 'exited', source: 'process', confidence: 1, detail: 'exit code 1', reason, failure: 'offline', since: info.startedAt}}];
		};
		await expect(startMayor(town.town, control, {agent: 'sim', settleMs: 2000})).rejects.toThrow(`the Mayor (claude) exited as it started (exit code 1): ${reason}`);
	});

	it('reports a Mayor past starting, and one a port cannot list, as started', async () => {
		const town = await makeTown();
		const {control} = recordingSessions();
		expect(await startMayor(town.town, control, {agent: 'sim', settleMs: 500})).toMatchObject({started: true, info: {id: 'mayor', state: {state: 'starting'}}});
		let idle = false;
		control.sessions = async () => {
			const info = startedInfo({id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'sim', cwd: town.town});
			const listed = idle ? [{...info, state: {...info.state, state: 'idle' as const}}] : [];
			idle = true;
			return listed;
		};
		expect(await startMayor(town.town, control, {agent: 'sim', settleMs: 2000})).toMatchObject({started: true});
	});
});
