// Whole-file replacement that a crash cannot tear: write a temp file beside the
// target, fsync it, rename over the target, fsync the directory. Readers see the
// old file or the new one, never half of either.
import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';
import {isProcessAlive} from './file-lock.js';

export function atomicWriteFileSync(file: string, contents: string | Uint8Array, mode = 0o644): void {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const descriptor = openSync(temporary, 'w', mode);
	try {
		writeSync(descriptor, typeof contents === 'string' ? Buffer.from(contents) : contents);
		fsyncSync(descriptor);
	} catch (error) {
		closeSync(descriptor);
		rmSync(temporary, {force: true});
		throw error;
	}
	closeSync(descriptor);
	try {
		renameSync(temporary, file);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
	syncDirectory(path.dirname(file));
}

/** fsync a directory so a rename or create in it survives a crash (where the filesystem allows). */
export function syncDirectory(directory: string): void {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(directory, 'r');
		fsyncSync(descriptor);
	} catch {
		// Some filesystems refuse fsync on directories; the rename is still atomic.
	} finally {
		if (descriptor !== undefined) closeSync(descriptor);
	}
}

/** Temp files of ours name their writer: `<name>.<pid>.<random>.tmp`. */
const temporaryName = /\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * Removes temp files in `directory` left by writers that were killed between
 * writing and renaming (their process is gone). Writers call it under their lock,
 * so no live writer's temp file is touched: its pid is alive.
 */
export function removeStaleTemporaries(directory: string): string[] {
	const removed: string[] = [];
	let names: string[];
	try {
		names = readdirSync(directory);
	} catch {
		return removed;
	}
	for (const name of names) {
		const match = temporaryName.exec(name);
		if (!match || isProcessAlive(Number(match[1]))) continue;
		const file = path.join(directory, name);
		try {
			if (statSync(file).isFile()) {
				rmSync(file, {force: true});
				removed.push(file);
			}
		} catch {
			// Gone already.
		}
	}
	return removed;
}
