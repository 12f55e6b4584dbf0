// string-width that remembers: Ink measures every text node and every character of
// every row on each frame (string-width's grapheme segmentation and emoji regexes were
// a sixth of the UI's CPU with 30 agents streaming), and nearly all of them are the
// same strings as the frame before. The build points Ink's own imports of
// `string-width` here (scripts/build.js); the cache is dropped whole when it grows large.
import realStringWidth from 'string-width';
import {remembering} from './remembering.js';

type Options = Parameters<typeof realStringWidth>[1];

const rememberedWidth = remembering(text => realStringWidth(text));

export default function stringWidth(text: string, options?: Options): number {
	return options ? realStringWidth(text, options) : rememberedWidth(text);
}
