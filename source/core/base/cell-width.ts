// Cell widths as agents' TUIs assume them (string-width, wcwidth with Unicode 11+):
// emoji with emoji presentation and East Asian wide characters take two cells.
// xterm's built-in table is Unicode 6, where 😀 is one cell, so every line of an
// agent that draws emoji would be shifted. This is the small provider xterm's
// unicode11 addon would give, without another dependency.

const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const emojiPresentation = /^\p{Emoji_Presentation}$/u;

// East Asian Wide and Fullwidth blocks (the ones wcwidth lists), besides emoji.
const wideRanges: ReadonlyArray<readonly [number, number]> = [
	[0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
	[0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
	[0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff],
	[0x1f200, 0x1f2ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function computeWidth(codepoint: number): 0 | 1 | 2 {
	if (codepoint === 0) return 0;
	if (codepoint < 0x20 || (codepoint >= 0x7f && codepoint < 0xa0)) return 0;
	if (codepoint < 0x300) return 1;
	// Hangul medial vowels and final consonants join the syllable before them.
	if (codepoint >= 0x1160 && codepoint <= 0x11ff) return 0;
	const char = String.fromCodePoint(codepoint);
	if (zeroWidth.test(char)) return 0;
	if (emojiPresentation.test(char)) return 2;
	for (const [low, high] of wideRanges) if (codepoint >= low && codepoint <= high) return 2;
	return 1;
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
	version: 'gt-15',
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
