import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {clip, fit} from '../../../source/ui/widgets/format.js';

describe('fit and clip measure terminal cells', () => {
	it('pads and cuts by cells, never inside a grapheme', () => {
		expect(fit('abc', 5)).toBe('abc  ');
		expect(fit('abcdef', 4)).toBe('abc…');
		// "🚚" is two cells: `.length`-based padding would have drawn one cell short.
		expect(fit('🚚 go', 7)).toBe('🚚 go  ');
		expect(stringWidth(fit('🚚 go', 7))).toBe(7);
		// The cut never splits the emoji into a lone surrogate; a wide cell that does not fit leaves a space.
		expect(fit('ab😀cd', 4)).toBe('ab… ');
		expect(fit('日本語テキスト', 7)).toBe('日本語…');
		for (const width of [1, 2, 3, 5, 8]) expect(stringWidth(fit('日本😀e\u0301x', width)), String(width)).toBe(width);
	});

	it('clips a screen line to the pane width', () => {
		expect(clip('hello', 3)).toBe('hel');
		expect(clip('日本語', 5)).toBe('日本');
		expect(clip('short', 10)).toBe('short');
	});
});
