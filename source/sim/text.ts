// Terminal text measuring for the sim's screen: how many cells a string takes,
// and cutting or wrapping it to a width. Good enough for prompts, paths and
// command output. Widths come from the one table the daemon and the UI use too.
import {cellWidth} from '../core/base/cell-width.js';

/** Cells one code point takes: the daemon's own table (core/base/cell-width), so the sim's screen lines up in the daemon's model. */
export const charWidth = cellWidth;

export function textWidth(text: string): number {
	let width = 0;
	for (const char of text) width += charWidth(char.codePointAt(0)!);
	return width;
}

/** The longest prefix of `text` that fits in `width` cells. */
export function cut(text: string, width: number): string {
	let used = 0;
	let result = '';
	for (const char of text) {
		const cells = charWidth(char.codePointAt(0)!);
		if (used + cells > width) break;
		used += cells;
		result += char;
	}
	return result;
}

/** Cuts with an ellipsis when the text is too long. */
export function ellipsize(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	return `${cut(text, width - 1)}…`;
}

/** Wraps one line of text to `width` cells, preferring to break at spaces. */
export function wrapLine(text: string, width: number): string[] {
	if (width <= 0) return [''];
	const lines: string[] = [];
	let rest = text;
	while (textWidth(rest) > width) {
		let head = cut(rest, width);
		const space = head.lastIndexOf(' ');
		if (space > width / 3) head = head.slice(0, space);
		lines.push(head);
		rest = rest.slice(head.length).replace(/^ /, '');
	}
	lines.push(rest);
	return lines;
}

/** Wraps text that may hold several lines; tabs become spaces and other controls go. */
export function wrapText(text: string, width: number): string[] {
	return cleanText(text).split('\n').flatMap(line => wrapLine(line, width));
}

/** Text safe to draw: no escape sequences or control characters, tabs expanded, CRLF folded. */
export function cleanText(text: string): string {
	return text
		.replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(\u0007|\u001B\\)|\u001B[@-Z\\-_]/g, '')
		.replace(/\r\n?/g, '\n')
		.replace(/\t/g, '    ')
		.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/** Drops SGR and other escape sequences: what a screen reader (or a test) sees. */
export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(\u0007|\u001B\\)/g, '');
}
