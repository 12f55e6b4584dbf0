import {describe, expect, it} from 'vitest';
import {agentRows} from '../../../source/cli/shared/agent-table.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';

const exited = (extra: Partial<SessionInfo>): SessionInfo => ({
	id: 'calc.polecats.nux', address: 'calc/polecats/nux', role: 'polecat', rig: 'calc', agent: 'sim', cwd: '/x',
	startedAt: '2026-01-01T00:00:00Z', cols: 80, rows: 24, restarts: 0,
	state: {state: 'exited', source: 'process', confidence: 1, since: '2026-01-01T00:00:00Z'},
	...extra,
});

describe('gt agents rows', () => {
	it('says an agent was killed by a signal rather than "exited 0"', () => {
		const now = Date.parse('2026-01-01T00:01:00Z');
		expect(agentRows([exited({exitCode: 0, exitSignal: 'SIGKILL'})], now, false).join('\n')).toContain('exited (SIGKILL)');
		expect(agentRows([exited({exitCode: 3})], now, false).join('\n')).toContain('exited 3');
	});
});
