// The sim's terminal: alternate screen, hidden cursor, bracketed paste, the title,
// and frames drawn as differences from the last one (a spinner tick rewrites one row).
import {frameUpdate, renderScreen, titleSequence, type View} from './screen.js';

export type Frame = {readonly view: View; readonly title: string};

export type Output = {
	write(data: string): unknown;
	readonly columns?: number;
	readonly rows?: number;
};

export class Display {
	private previous: string[] | undefined;
	private title: string | undefined;
	private timer: NodeJS.Timeout | undefined;
	private closed = false;
	/** Stalled on purpose (watchdog tests): nothing more is written. */
	frozen = false;

	constructor(private readonly out: Output, private readonly frame: () => Frame) {}

	open(): void {
		this.out.write('\u001B[?1049h\u001B[?25l\u001B[?2004h\u001B[H\u001B[2J');
		this.draw();
	}

	/** Leaves the terminal as it was found. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		clearTimeout(this.timer);
		this.out.write('\u001B[?2026l\u001B[?2004l\u001B[0m\u001B[?25h\u001B[?1049l');
	}

	size(): {cols: number; rows: number} {
		return {cols: this.out.columns || 80, rows: this.out.rows || 24};
	}

	/** Draws soon; many changes in one tick make one frame. */
	schedule(): void {
		if (this.timer || this.closed) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.draw();
		}, 8);
	}

	/** The size changed: everything is drawn again. */
	resize(): void {
		this.previous = undefined;
		this.draw();
	}

	draw(): void {
		if (this.closed || this.frozen) return;
		const {view, title} = this.frame();
		const {cols, rows} = this.size();
		const lines = renderScreen(view, cols, rows);
		let output = frameUpdate(this.previous, lines);
		if (title !== this.title) output = titleSequence(title) + output;
		this.previous = lines;
		this.title = title;
		if (output) this.out.write(output);
	}
}
