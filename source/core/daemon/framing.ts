// Newline-delimited JSON framing for both ends of the socket: a chunk may hold part
// of a line, several lines, or the end of a very long one. The socket is read as
// utf8, so characters split across chunks are joined before they reach here.

/** A line longer than this is refused (a runaway or hostile peer), so memory stays bounded. */
export const maxLineBytes = 64 * 1024 * 1024;

export class LineReader {
	// Pieces of the unfinished line: only new chunks are searched for "\n", so a long line costs O(n).
	#pieces: string[] = [];
	#length = 0;

	/** The complete lines in `chunk` (with whatever came before it); throws when a line grows past the limit. */
	push(chunk: string): string[] {
		const lines: string[] = [];
		let start = 0;
		for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
			const piece = chunk.slice(start, end);
			const line = this.#pieces.length > 0 ? this.#pieces.join('') + piece : piece;
			this.#pieces = [];
			this.#length = 0;
			if (line.trim() !== '') lines.push(line);
			start = end + 1;
		}
		if (start < chunk.length) {
			const rest = chunk.slice(start);
			this.#pieces.push(rest);
			this.#length += rest.length;
			if (this.#length > maxLineBytes) {
				this.#pieces = [];
				this.#length = 0;
				throw new Error(`a message longer than ${maxLineBytes} bytes`);
			}
		}
		return lines;
	}
}

export const encodeLine = (value: unknown) => `${JSON.stringify(value)}\n`;
