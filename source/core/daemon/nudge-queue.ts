// Nudges waiting for an agent's next idle moment: one file per message under
// <runtime>/nudge_queue/<session id>/, named so that name order is arrival order.
// Files, not memory, so queued nudges survive a daemon restart, and `gt nudge`
// can queue for a recorded agent while the daemon is down.
import {randomBytes} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';

const queueDir = (queueRoot: string, id: string) => path.join(queueRoot, id);

export function enqueueNudge(queueRoot: string, id: string, text: string, now = Date.now()): string {
	const dir = queueDir(queueRoot, id);
	mkdirSync(dir, {recursive: true});
	const file = path.join(dir, `${String(now).padStart(15, '0')}-${randomBytes(4).toString('hex')}.txt`);
	atomicWriteFileSync(file, text, 0o600);
	return file;
}

export function queuedNudges(queueRoot: string, id: string): string[] {
	try {
		return readdirSync(queueDir(queueRoot, id))
			.filter(name => name.endsWith('.txt'))
			.sort()
			.map(name => path.join(queueDir(queueRoot, id), name));
	} catch {
		return [];
	}
}

/** Removes and returns the oldest queued nudge. */
export function takeNudge(queueRoot: string, id: string): string | undefined {
	for (const file of queuedNudges(queueRoot, id)) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		rmSync(file, {force: true});
		return text;
	}
	return undefined;
}
