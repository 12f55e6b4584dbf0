// Slings over the polecat cap ([deacon] max_polecats): the session start request
// waits in <town>/.runtime/sling_queue.jsonl, one JSON line each, oldest first,
// and the deacon starts them as slots free up. The bead is already on the
// polecat's hook and its worktree ready; only the session waits.
import {appendFileSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {Bead} from '../beads/types.js';
import type {SessionInfo, SessionSpec} from '../sessions/types.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {townLayout} from '../base/paths.js';

export type QueuedSling = {spec: SessionSpec; at: string};

export const slingQueueFile = (townRoot: string) => path.join(townLayout(townRoot).runtime, 'sling_queue.jsonl');

export function readSlingQueue(townRoot: string): QueuedSling[] {
	let text: string;
	try {
		text = readFileSync(slingQueueFile(townRoot), 'utf8');
	} catch {
		return [];
	}
	const queued: QueuedSling[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const entry = JSON.parse(line) as QueuedSling;
			if (typeof entry?.spec?.id === 'string') queued.push(entry);
		} catch {
			// A torn last line (a crash mid-append) is skipped.
		}
	}
	return queued;
}

/** Appends one request (a single write, so concurrent slings do not interleave); returns its position. */
export function enqueueSling(townRoot: string, spec: SessionSpec, now = new Date()): number {
	const file = slingQueueFile(townRoot);
	mkdirSync(path.dirname(file), {recursive: true});
	// A second sling to the same agent replaces its older request.
	const others = readSlingQueue(townRoot).filter(entry => entry.spec.id !== spec.id);
	if (others.length !== readSlingQueue(townRoot).length) atomicWriteFileSync(file, others.map(entry => `${JSON.stringify(entry)}\n`).join(''), 0o600);
	appendFileSync(file, `${JSON.stringify({spec, at: now.toISOString()} satisfies QueuedSling)}\n`, {mode: 0o600});
	return others.length + 1;
}

/** Drops the requests of these session ids; lines appended meanwhile are kept. */
export function removeFromSlingQueue(townRoot: string, ids: ReadonlySet<string>): void {
	if (ids.size === 0) return;
	const rest = readSlingQueue(townRoot).filter(entry => !ids.has(entry.spec.id));
	atomicWriteFileSync(slingQueueFile(townRoot), rest.map(entry => `${JSON.stringify(entry)}\n`).join(''), 0o600);
}

/** Polecats that hold a slot: a live session with work on its hook. */
export function runningPolecats(sessions: readonly SessionInfo[], hooked: ReadonlyMap<string, Bead>): SessionInfo[] {
	return sessions.filter(info => info.role === 'polecat' && info.state.state !== 'exited' && hooked.has(info.address));
}
