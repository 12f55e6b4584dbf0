// A headless xterm's screen as lines with colour: each row's cells grouped into runs
// of one style, written as SGR sequences that Ink passes through (it measures and cuts
// text with the escapes stripped). Only SGR is emitted, built from cell attributes, so
// nothing the agent wrote (titles, cursor moves, OSC) reaches the UI's terminal.
import type {IBufferCell as Cell, Terminal} from '@xterm/headless';

function colour(mode: 'fg' | 'bg', cell: Cell): string {
	const base = mode === 'fg' ? 30 : 40;
	if (mode === 'fg' ? cell.isFgDefault() : cell.isBgDefault()) return '';
	const value = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
	if (mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB()) return `;${base + 8};2;${(value >> 16) & 255};${(value >> 8) & 255};${value & 255}`;
	if (value < 8) return `;${base + value}`;
	if (value < 16) return `;${base + 60 + value - 8}`;
	return `;${base + 8};5;${value}`;
}

function style(cell: Cell, plain: boolean): string {
	let sgr = '0';
	if (cell.isBold()) sgr += ';1';
	if (cell.isDim()) sgr += ';2';
	if (cell.isItalic()) sgr += ';3';
	if (cell.isUnderline()) sgr += ';4';
	if (cell.isInverse()) sgr += ';7';
	if (!plain) sgr += colour('fg', cell) + colour('bg', cell);
	return sgr;
}

/** One buffer row (absolute index) as text with SGR, at most `cols` cells; trailing blanks dropped. */
export function styledLine(terminal: Terminal, row: number, cols: number, plain = false): string {
	const line = terminal.buffer.active.getLine(row);
	if (!line) return '';
	const cell = terminal.buffer.active.getNullCell();
	const width = Math.min(cols, terminal.cols);
	// The last cell that shows something (a character, or a coloured background).
	let end = 0;
	for (let x = 0; x < width; x++) {
		line.getCell(x, cell);
		if (cell.getChars() !== '' && cell.getChars() !== ' ') end = x + 1;
		else if (!cell.isBgDefault() || cell.isInverse()) end = x + 1;
	}
	let out = '';
	let current = '0';
	for (let x = 0; x < end; x++) {
		line.getCell(x, cell);
		if (cell.getWidth() === 0) continue;
		// A wide character whose second half is cut off would overflow the pane.
		if (cell.getWidth() === 2 && x + 1 >= width) break;
		const sgr = style(cell, plain);
		if (sgr !== current) {
			out += `\x1b[${sgr}m`;
			current = sgr;
		}
		out += cell.getChars() || ' ';
	}
	return current === '0' ? out : `${out}\x1b[0m`;
}

/** The rows that fit in `rows`: ending at the cursor or the last text, whichever is lower. */
export function visibleRows(terminal: Terminal, rows: number, cols: number, plain = false): string[] {
	return scrolledRows(terminal, rows, cols, plain, 0).lines;
}

/**
 * visibleRows `back` lines up in the scrollback, clamped to what it holds: the lines, and
 * how far back they really are.
 */
export function scrolledRows(terminal: Terminal, rows: number, cols: number, plain: boolean, back: number): {lines: string[]; back: number} {
	const buffer = terminal.buffer.active;
	const top = buffer.baseY;
	let last = buffer.cursorY;
	for (let y = terminal.rows - 1; y > last; y--) {
		if (buffer.getLine(top + y)?.translateToString(true).trim()) {
			last = y;
			break;
		}
	}
	const live = last;
	last = Math.max(Math.min(last, -buffer.baseY + rows - 1), last - back);
	const first = Math.max(-buffer.baseY, last + 1 - rows);
	const lines: string[] = [];
	for (let y = first; y <= last && lines.length < rows; y++) lines.push(styledLine(terminal, top + y, cols, plain));
	return {lines, back: live - last};
}
