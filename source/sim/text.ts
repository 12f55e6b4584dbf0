// Terminal text measuring for the sim's screen: how many cells a string takes,
// and cutting or wrapping it to a width. Good enough for prompts, paths and
// command output; not a full Unicode width table.

/** Cells one code point takes: 0 for combining marks and controls, 2 for wide (CJK, emoji). */
export function charWidth(codePoint: number): number {
	if (codePoint < 32 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
	if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x200b && codePoint <= 0x200f) || codePoint === 0xfe0f) return 0;
	if (
		(codePoint >= 0x1100 && codePoint <= 0x115f)
		|| (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f)
		|| (codePoint >= 0xac00 && codePoint <= 0xd7a3)
		|| (codePoint >= 0xf900 && codePoint <= 0xfaff)
		|| (codePoint >= 0xfe30 && codePoint <= 0xfe4f)
		|| (codePoint >= 0xff00 && codePoint <= 0xff60)
		|| (codePoint >= 0xffe0 && codePoint <= 0xffe6)
		|| (codePoint >= 0x1f300 && codePoint <= 0x1f64f)
		|| (codePoint >= 0x1f900 && codePoint <= 0x1f9ff)
		|| (codePoint >= 0x20000 && codePoint <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

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
