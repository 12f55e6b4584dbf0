// The terminal as Ink sees it, writing only the rows that changed. Ink's standard
// output path erases and rewrites the whole frame each time (8 KiB a frame at 120×40);
// its `incrementalRendering` mode is off by one row when the frame ends in a newline,
// as ours does (one row shorter than the terminal, so Ink never clears the screen).
// This stream takes Ink's frames — `eraseLines(previous) + frame` — and writes each
// changed row in place with an absolute cursor move, on the alternate screen the UI
// owns from row 1. Anything else Ink writes (cursor, synchronized-update marks) passes
// through. Bytes then follow what changed on screen, not the size of the screen.
import {EventEmitter} from 'node:events';

// ansi-escapes' eraseLines(n): n × erase-line (cursor-up between them), then column 1.
const eraseLines = /^(?:\x1b\[2K(?:\x1b\[1A)?)+\x1b\[G/;

export type FrameWriter = NodeJS.WriteStream & {
	/** Rows written in place since the start (for tests and the benchmark's sake). */
	readonly rowsWritten: number;
	/** Stops forwarding the terminal's resize events. */
	dispose(): void;
};

/** Diffs one frame against the last: the escape sequences and text that turn `previous` into `next`. */
export function frameDiff(previous: readonly string[] | undefined, next: readonly string[]): {data: string; rows: number} {
	let data = previous ? '' : '\x1b[H\x1b[2J';
	let rows = 0;
	for (let row = 0; row < next.length; row++) {
		const line = next[row]!;
		if (previous && previous[row] === line) continue;
		if (!previous && line === '') continue;
		data += `\x1b[${row + 1};1H${line}\x1b[0m\x1b[K`;
		rows++;
	}
	for (let row = next.length; previous && row < previous.length; row++) {
		if (previous[row] === '') continue;
		data += `\x1b[${row + 1};1H\x1b[2K`;
		rows++;
	}
	return {data, rows};
}

export function frameWriter(terminal: NodeJS.WriteStream): FrameWriter {
	const stream = new EventEmitter() as EventEmitter & Record<string, unknown>;
	/** The rows on screen now; undefined: unknown (start, a resize, a foreign write), so the next frame is drawn whole. */
	let shown: string[] | undefined;
	let rowsWritten = 0;
	const onResize = () => {
		shown = undefined;
		stream.emit('resize');
	};
	terminal.on('resize', onResize);
	const frame = (text: string) => {
		const lines = text.split('\n');
		if (text.endsWith('\n')) lines.pop();
		const {data, rows} = frameDiff(shown, lines);
		shown = lines;
		rowsWritten += rows;
		return data;
	};
	const write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
		const done = typeof encoding === 'function' ? encoding : callback;
		let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		const erase = eraseLines.exec(text);
		if (erase) {
			text = text.slice(erase[0].length);
			// log-update's clear(): the frame is gone; the next one is drawn whole.
			if (text === '') {
				shown = undefined;
				return terminal.write('', done as () => void);
			}
			return terminal.write(frame(text), done as () => void);
		}
		// The first frame, and the first after a clear, has nothing to erase; a frame always spans several rows.
		if (text.includes('\n')) return terminal.write(frame(text), done as () => void);
		// Short control writes (cursor, synchronized update) keep the frame; other text overwrites some of it.
		if (!/^(?:\x1b\[[?0-9;]*[A-Za-z])*$/.test(text)) shown = undefined;
		return terminal.write(text, done as () => void);
	};
	Object.defineProperties(stream, {
		columns: {get: () => terminal.columns},
		rows: {get: () => terminal.rows},
		isTTY: {get: () => terminal.isTTY},
		rowsWritten: {get: () => rowsWritten},
	});
	Object.assign(stream, {
		write,
		dispose: () => terminal.off('resize', onResize),
		// What Ink and its hooks may ask of a tty stream beyond writing.
		getColorDepth: (...args: unknown[]) => terminal.getColorDepth?.(...(args as [])) ?? 8,
		hasColors: (...args: unknown[]) => terminal.hasColors?.(...(args as [])) ?? true,
		getWindowSize: () => [terminal.columns, terminal.rows],
		cork: () => terminal.cork(),
		uncork: () => terminal.uncork(),
		end: () => undefined,
	});
	return stream as unknown as FrameWriter;
}
