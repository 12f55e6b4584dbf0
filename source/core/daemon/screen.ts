// A session's screen: a headless xterm that parses the agent's output into a cell
// buffer with scrollback. The daemon reads it for snapshots, transcripts (peek) and
// state detection. xterm parses asynchronously: write() resolves once parsed.
import xtermHeadless from '@xterm/headless';
import type {ScreenSnapshot} from '../sessions/types.js';
import {unicodeProvider} from '../base/cell-width.js';

const {Terminal} = xtermHeadless;
type XtermTerminal = InstanceType<typeof Terminal>;

export type ScreenOptions = {
	readonly cols: number;
	readonly rows: number;
	readonly scrollback?: number;
};

/** A synchronized-output frame left open longer than this is shown as it is (xterm's renderers give up after 1 s too). */
const syncFrameTimeoutMs = 1000;

export class Screen {
	readonly #terminal: XtermTerminal;
	#title = '';
	/** The last complete frame, held while the program draws a synchronized frame. */
	#heldFrame: {snapshot: ScreenSnapshot; at: number} | undefined;
	#version = 0;
	#disposed = false;
	/** settledSnapshot() callers, answered at dispose: xterm drops pending write callbacks then. */
	readonly #waiters = new Set<() => void>();

	constructor(options: ScreenOptions) {
		this.#terminal = new Terminal({
			cols: options.cols,
			rows: options.rows,
			scrollback: options.scrollback ?? 2000,
			allowProposedApi: true,
		});
		this.#terminal.unicode.register(unicodeProvider);
		this.#terminal.unicode.activeVersion = unicodeProvider.version;
		this.#terminal.onTitleChange(title => {
			this.#title = title;
		});
		this.#terminal.onWriteParsed(() => {
			this.#version++;
		});
		// Runs before xterm sets the mode: the buffer still holds the previous complete frame.
		this.#terminal.parser.registerCsiHandler({prefix: '?', final: 'h'}, params => {
			if (params.includes(2026) && !this.#terminal.modes.synchronizedOutputMode) {
				this.#heldFrame = {snapshot: this.#live(), at: Date.now()};
			}
			return false;
		});
		this.#terminal.parser.registerCsiHandler({prefix: '?', final: 'l'}, params => {
			if (params.includes(2026)) this.#heldFrame = undefined;
			return false;
		});
	}

	get cols(): number {
		return this.#terminal.cols;
	}

	get rows(): number {
		return this.#terminal.rows;
	}

	get title(): string {
		return this.#title;
	}

	get alternate(): boolean {
		return this.#terminal.buffer.active.type === 'alternate';
	}

	/** The program asked for bracketed paste (`CSI ? 2004 h`): pasted text is wrapped so it is not taken as keys. */
	get bracketedPaste(): boolean {
		return this.#terminal.modes.bracketedPasteMode;
	}

	/** Grows each time xterm finishes parsing a write, and on resize: cheap change detection for callers that cache. */
	get version(): number {
		return this.#version;
	}

	write(data: string): Promise<void> {
		if (this.#disposed) return Promise.resolve();
		return new Promise(resolve => {
			this.#terminal.write(data, resolve);
		});
	}

	resize(cols: number, rows: number): void {
		if (this.#disposed || (cols === this.cols && rows === this.rows)) return;
		this.#terminal.resize(cols, rows);
		this.#heldFrame = undefined;
		this.#version++;
	}

	/** The visible screen; during a synchronized-output frame, the last complete frame. */
	snapshot(): ScreenSnapshot {
		const held = this.#heldFrame;
		if (held && Date.now() - held.at < syncFrameTimeoutMs) return held.snapshot;
		return this.#live();
	}

	/**
	 * The snapshot after everything written so far is parsed, and nothing after it. Taken
	 * inside xterm's write callback: xterm may parse later chunks in the same tick, so a
	 * promise continuation would be too late.
	 */
	settledSnapshot(): Promise<ScreenSnapshot> {
		if (this.#disposed) return Promise.resolve(this.snapshot());
		return new Promise(resolve => {
			const answer = () => {
				this.#waiters.delete(answer);
				resolve(this.snapshot());
			};
			this.#waiters.add(answer);
			this.#terminal.write('', answer);
		});
	}

	/** The last `count` lines of scrollback and screen as plain text, wrapped rows joined, trailing blank lines dropped. */
	transcript(count = Number.POSITIVE_INFINITY): string[] {
		const buffer = this.#terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < buffer.length; y++) {
			const line = buffer.getLine(y);
			if (!line) continue;
			const text = line.translateToString(true).trimEnd();
			if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
			else lines.push(text);
		}
		while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
		return count >= lines.length ? lines : lines.slice(lines.length - Math.max(0, count));
	}

	dispose(): void {
		if (this.#disposed) return;
		for (const answer of [...this.#waiters]) answer();
		this.#disposed = true;
		this.#terminal.dispose();
	}

	#live(): ScreenSnapshot {
		const buffer = this.#terminal.buffer.active;
		const lines: string[] = [];
		// translateToString(true) drops only never-written cells; written spaces are trimmed too.
		for (let y = 0; y < this.#terminal.rows; y++) lines.push(buffer.getLine(buffer.baseY + y)?.translateToString(true).trimEnd() ?? '');
		return {
			cols: this.#terminal.cols,
			rows: this.#terminal.rows,
			lines,
			cursor: {x: buffer.cursorX, y: buffer.cursorY},
			title: this.#title,
			alternate: buffer.type === 'alternate',
		};
	}
}
