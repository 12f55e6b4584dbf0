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
});
