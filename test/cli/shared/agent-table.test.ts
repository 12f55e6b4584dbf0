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

	it('adds a WHY column with a failure screen\'s one-line reason, only when some agent has one', () => {
		const now = Date.parse('2026-01-01T00:01:00Z');
		expect(agentRows([exited({exitCode: 3})], now, false)[0]).not.toContain('WHY');
		const reason = 'claude refuses --dangerously-skip-permissions as root — run gt as a non-root user, or …';
		const rows = agentRows([exited({exitCode: 1, state: {state: 'exited', source: 'process', confidence: 1, since: '2026-01-01T00:00:00Z', reason, failure: 'root-refusal'}}), exited({id: 'calc.polecats.slit', address: 'calc/polecats/slit', exitCode: 0})], now, false);
		expect(rows[0]).toMatch(/ACTIVE {2}WHY$/);
		expect(rows[1]).toMatch(/exited 1 \(process\).* {2}claude refuses --dangerously-skip-permissions as root — run gt as a non-root user/);
		expect(rows[2]).not.toContain('claude');
	});
});
