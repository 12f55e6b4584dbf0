// Cell widths, one table for everything that lays out terminal text: the daemon's
// screen model (xterm, whose built-in table is Unicode 6, where 😀 is one cell and
// every line of an agent that draws emoji would shift), the sim's drawing, and the
// UI (Ink measures with string-width). string-width is what agents' own TUIs and
// Ink assume (East Asian Wide, emoji presentation), so its answer per code point is
// the table, and the sim, the daemon and the UI can never disagree.
import stringWidth from 'string-width';

function computeWidth(codepoint: number): 0 | 1 | 2 {
	if (codepoint < 0x20 || (codepoint >= 0x7f && codepoint < 0xa0)) return 0;
	if (codepoint < 0x300) return 1;
	// A lone surrogate reaches the terminal as U+FFFD, one cell (string-width counts none).
	if (codepoint >= 0xd800 && codepoint <= 0xdfff) return 1;
	const width = stringWidth(String.fromCodePoint(codepoint));
	return width >= 2 ? 2 : (width as 0 | 1);
}

// Memoised: a TUI redraws the same few hundred characters all day. Stored as width + 1 (0 = not yet known).
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, 0 | 1 | 2>();

export function cellWidth(codepoint: number): 0 | 1 | 2 {
	if (codepoint < 0x10000) {
		const known = bmp[codepoint]!;
		if (known) return (known - 1) as 0 | 1 | 2;
		const width = computeWidth(codepoint);
		bmp[codepoint] = width + 1;
		return width;
	}
	let width = astral.get(codepoint);
	if (width === undefined) {
		width = computeWidth(codepoint);
		astral.set(codepoint, width);
	}
	return width;
}

/** xterm's IUnicodeVersionProvider; property values pack (width << 1) | shouldJoin, as xterm's own providers do. */
export const unicodeProvider = {
	version: 'gt-string-width',
	wcwidth: cellWidth,
	charProperties(codepoint: number, preceding: number): number {
		let width: number = cellWidth(codepoint);
		let shouldJoin = width === 0 && preceding !== 0;
		if (shouldJoin) {
			const previousWidth = (preceding >> 1) & 0x3;
			if (previousWidth === 0) shouldJoin = false;
			else if (previousWidth > width) width = previousWidth;
		}
		return ((width & 3) << 1) | (shouldJoin ? 1 : 0);
	},
};
