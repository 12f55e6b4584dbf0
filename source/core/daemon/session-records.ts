// A paused agent with no process (after a daemon restart), as the supervisor lists it.
import type {SessionRecord} from './daemon-paths.js';
import type {SessionInfo} from '../sessions/types.js';

/** A paused agent with no process (its daemon was restarted): listed so every surface still shows it paused. */
export function dormantInfo(record: SessionRecord): SessionInfo {
	const paused = record.paused!;
	return {
		...record.spec,
		startedAt: record.startedAt,
		state: {state: 'paused', source: 'signal', confidence: 1, detail: `${paused.reason} (not running; \`gt resume\` starts it, resuming its conversation)`, since: paused.since},
		cols: record.spec.cols ?? 120,
		rows: record.spec.rows ?? 40,
		restarts: 0,
	};
}
