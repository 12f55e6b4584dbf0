// The town's activity log, <town>/.events.jsonl: one JSON line per event (sling,
// done, merge, mail, state). Appends of one short line are atomic with O_APPEND.
import {appendFileSync} from 'node:fs';
import {townLayout} from './paths.js';

export type TownEvent = {type: string; actor?: string; [key: string]: unknown};

export function appendEvent(townRoot: string, event: TownEvent, now = new Date()): void {
	try {
		appendFileSync(townLayout(townRoot).events, `${JSON.stringify({ts: now.toISOString(), ...event})}\n`);
	} catch {
		// The log is for people and dashboards; losing a line must never fail the work.
	}
}
