// A session's transcript file: the raw output, appended, capped at two files.
import {closeSync, mkdirSync, openSync, renameSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';

/** Appends raw output; keeps at most two files of `cap` bytes. */
export class TranscriptLog {
	readonly #file: string;
	readonly #cap: number;
	#fd: number | undefined;
	#size = 0;

	constructor(file: string, cap: number) {
		this.#file = file;
		this.#cap = cap;
	}

	append(data: string): void {
		const bytes = Buffer.from(data);
		try {
			if (this.#fd === undefined) this.#open();
			if (this.#size + bytes.length > this.#cap && this.#size > 0) {
				this.close();
				renameSync(this.#file, `${this.#file}.1`);
				this.#open();
			}
			writeSync(this.#fd!, bytes);
			this.#size += bytes.length;
		} catch {
			// A full disk must not take the agent down; the screen still has the output.
		}
	}

	close(): void {
		if (this.#fd !== undefined) closeSync(this.#fd);
		this.#fd = undefined;
	}

	#open(): void {
		mkdirSync(path.dirname(this.#file), {recursive: true});
		this.#fd = openSync(this.#file, 'a', 0o600);
		this.#size = statSync(this.#file).size;
	}
}
