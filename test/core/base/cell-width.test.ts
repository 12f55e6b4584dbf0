import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {cellWidth} from '../../../source/core/base/cell-width.js';
import {Screen} from '../../../source/core/daemon/screen.js';
import {textWidth} from '../../../source/sim/text.js';

// The characters the sim and the daemon used to disagree on, and others agents draw.
const samples = ['🚀 launch', '✅ done', '⌛ waiting', '☕ break', '⚡ fast', '😀 ok', '日本語', '한국어', 'naïve', '⏺ Read(file)', '✻ Thinking…', '│ > type │'];

describe('one cell-width table', () => {
	it.each(samples)('the sim, the daemon screen and string-width agree on %j', async text => {
		const screen = new Screen({cols: 80, rows: 4, scrollback: 10});
		try {
			await screen.write(text);
			const {cursor} = await screen.settledSnapshot();
			expect(textWidth(text)).toBe(stringWidth(text));
			expect(cursor.x).toBe(stringWidth(text));
		} finally {
			screen.dispose();
		}
	});

	it('gives controls and combining marks no cell and emoji two', () => {
		expect([0x07, 0x301, 0xfe0f, 0x200d].map(cellWidth)).toEqual([0, 0, 0, 0]);
		expect(['🚀', '✅', '⌛', '☕', '⚡'].map(char => cellWidth(char.codePointAt(0)!))).toEqual([2, 2, 2, 2, 2]);
	});
});
