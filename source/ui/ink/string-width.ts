// string-width that remembers: Ink measures every text node and every character of
// every row on each frame (string-width's grapheme segmentation and emoji regexes were
// a sixth of the UI's CPU with 30 agents streaming), and nearly all of them are the
// same strings as the frame before. The build points Ink's own imports of
// `string-width` here (scripts/build.js); the cache is dropped whole when it grows large.
import realStringWidth from 'string-width';

type Options = Parameters<typeof realStringWidth>[1];

const limit = 20_000;
let widths = new Map<string, number>();

export default function stringWidth(text: string, options?: Options): number {
	if (options) return realStringWidth(text, options);
	let width = widths.get(text);
	if (width === undefined) {
		width = realStringWidth(text);
		if (widths.size >= limit) widths = new Map();
		widths.set(text, width);
	}
	return width;
}
