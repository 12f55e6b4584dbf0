// The sim's conversations on disk, so `--resume <id>` shows where it left off, as
// Claude does. One JSON line per entry in `<town>/.runtime/sim/<id>.jsonl` (or the
// temp directory outside a town); losing the file only loses the scrollback.
import {appendFileSync, mkdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {LogEntry} from './screen.js';
import type {Env} from './work.js';

/** Conversation ids become file names: anything else is not stored. */
export const validConversationId = (id: string): boolean => /^[\w-]{1,128}$/.test(id);

export function conversationFile(env: Env, id: string): string {
	const dir = env.GT_ROOT ? path.join(env.GT_ROOT, '.runtime', 'sim') : path.join(tmpdir(), `gt-sim-${process.getuid?.() ?? 'user'}`);
	return path.join(dir, `${validConversationId(id) ? id : 'invalid'}.jsonl`);
}

/** How much of an old conversation a resumed session shows. */
const resumeEntries = 200;

export function loadConversation(file: string): LogEntry[] {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return [];
	}
	const entries: LogEntry[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line) as LogEntry;
			// A tool call that was running when the session ended is history now.
			entries.push(entry.kind === 'tool' && entry.status === 'running' ? {...entry, status: 'ok'} : entry);
		} catch {
			// A line cut off by a crash: skip it.
		}
	}
	return entries.slice(-resumeEntries);
}

export function saveEntry(file: string, entry: LogEntry): void {
	try {
		mkdirSync(path.dirname(file), {recursive: true});
		appendFileSync(file, `${JSON.stringify(entry)}\n`);
	} catch {
		// Keeping history is a nicety; the session goes on without it.
	}
}
