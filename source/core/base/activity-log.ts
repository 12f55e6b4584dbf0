// The town's activity log, <town>/.events.jsonl: one JSON line per event (sling,
// done, merge, mail, state). Appends of one short line are atomic with O_APPEND.
import {appendFileSync} from 'node:fs';
import {townLayout} from './paths.js';

export type ActivityEvent = {type: string; actor?: string; [key: string]: unknown};

export function logActivity(townRoot: string, event: ActivityEvent, now = new Date()): void {
	try {
		appendFileSync(townLayout(townRoot).events, `${JSON.stringify({ts: now.toISOString(), ...event})}\n`);
	} catch {
		// The log is for people and dashboards; losing a line must never fail the work.
	}
}
