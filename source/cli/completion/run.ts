// `gt __complete <words…>` / `bd __complete <words…>`: what the shell scripts call on
// each tab. Prints candidates and always exits 0: a broken town or a half-written
// ledger must never put an error on the user's prompt, only fewer candidates.
import {writeSync} from 'node:fs';
import {environmentFromProcess} from '../../core/base/environment.js';
import type {Registry} from '../spec.js';
import {complete, completionLines} from './engine.js';

/** Straight to fd 1: the stream machinery behind process.stdout costs a few ms a tab. */
function writeAll(text: string): void {
	let buffer = Buffer.from(text);
	while (buffer.length > 0) {
		try {
			buffer = buffer.subarray(writeSync(1, buffer));
		} catch (error) {
			// A non-blocking pipe the shell is still reading: wait for room.
			if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
		}
	}
}

export async function runCompletion(registry: Registry, words: readonly string[]): Promise<number> {
	try {
		const lines = completionLines(await complete(registry, words.length > 0 ? words : [''], environmentFromProcess()));
		if (lines.length > 0) writeAll(`${lines.join('\n')}\n`);
	} catch {
		// No candidates.
	}
	return 0;
}
