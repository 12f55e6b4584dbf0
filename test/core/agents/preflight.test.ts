import {describe, expect, it} from 'vitest';
import {refuseKnownFailures} from '../../../source/core/agents/preflight.js';
import {isGtError} from '../../../source/core/base/errors.js';
import type {Launch} from '../../../source/core/sessions/types.js';

const launch = (env: Record<string, string> = {}, args = ['--dangerously-skip-permissions', '--session-id', 'x']): Launch => ({file: 'claude', args, env, cwd: '/w', readyDelayMs: 1000});

describe('known start-up refusals, before launch', () => {
	it('refuses claude with --dangerously-skip-permissions as root, in one line naming both fixes', () => {
		let error: unknown;
		try {
			refuseKnownFailures('claude', launch(), 0);
		} catch (caught) {
			error = caught;
		}
		expect(isGtError(error) && error.kind).toBe('conflict');
		expect((error as Error).message).toBe('claude refuses --dangerously-skip-permissions as root');
		expect(String((error as {hint?: string}).hint)).toBe('run gt as a non-root user, or give the agent IS_SANDBOX=1: gt config agent set claude "IS_SANDBOX=1 claude --dangerously-skip-permissions"');
	});

	it('lets it run with IS_SANDBOX=1 (only "1" works), as another user, without the flag, or for other runtimes', () => {
		expect(() => refuseKnownFailures('claude', launch({IS_SANDBOX: '1'}), 0)).not.toThrow();
		expect(() => refuseKnownFailures('claude', launch({IS_SANDBOX: 'true'}), 0)).toThrow(/as root/);
		expect(() => refuseKnownFailures('claude', launch(), 1000)).not.toThrow();
		expect(() => refuseKnownFailures('claude', launch({}, ['--permission-mode', 'default']), 0)).not.toThrow();
		expect(() => refuseKnownFailures('codex', launch(), 0)).not.toThrow();
		expect(() => refuseKnownFailures(undefined, launch(), 0)).not.toThrow();
	});
});
