import {describe, expect, it} from 'vitest';
import {escalationTarget} from '../../../source/core/mail/escalation.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import type {StateReport} from '../../../source/core/agents/state/types.js';

const mayor = (state: Omit<StateReport, 'since'>): SessionInfo => ({
	id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'claude', cwd: '/t/mayor', startedAt: '2026-01-01T00:00:00Z', cols: 80, rows: 24, restarts: 0,
	state: {...state, since: '2026-01-01T00:00:00Z'},
});

describe('who takes an escalation', () => {
	it('the Mayor while it runs', () => {
		expect(escalationTarget([mayor({state: 'idle', source: 'screen', confidence: 0.8})])).toEqual({to: 'mayor/'});
		expect(escalationTarget([mayor({state: 'starting', source: 'process', confidence: 1})])).toEqual({to: 'mayor/'});
	});

	it('the human when the Mayor exited (saying why) or never started', () => {
		const reason = 'claude refuses --dangerously-skip-permissions as root — …';
		expect(escalationTarget([mayor({state: 'exited', source: 'process', confidence: 1, detail: 'exit code 1', reason, failure: 'root-refusal'})])).toEqual({
			to: 'overseer',
			note: `the Mayor is not running (${reason}), so this comes to you.`,
		});
		expect(escalationTarget([])).toEqual({to: 'overseer', note: 'the Mayor is not running, so this comes to you.'});
	});
});
