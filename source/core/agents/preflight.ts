// Refusals a runtime is known to make at start-up, caught before it runs: the one-line
// error says why and what to do, instead of an agent that exits at once and leaves
// "exited 1" behind. Today that is Claude Code's root check (2.1.197): as root (most
// containers and CI boxes) --dangerously-skip-permissions exits 1 with "cannot be used
// with root/sudo privileges for security reasons" unless IS_SANDBOX=1.
import {conflict} from '../base/errors.js';
import type {Launch} from '../sessions/types.js';
import {claudeRootReason} from './state/failures.js';

const [rootProblem, rootHint] = claudeRootReason.split(' — ') as [string, string];

/** Throws the refusal `launch` would meet when run as `uid` (the daemon's own by default). */
export function refuseKnownFailures(runtime: string | undefined, launch: Launch, uid: number | undefined = process.getuid?.()): void {
	if (runtime !== 'claude' || uid !== 0) return;
	if (!launch.args.includes('--dangerously-skip-permissions')) return;
	// Only "1" gets past claude's check (tested: true and 0 are refused too).
	if (launch.env.IS_SANDBOX === '1') return;
	throw conflict(rootProblem, rootHint);
}
