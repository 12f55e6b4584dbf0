import {describe, expect, it} from 'vitest';
import {encodeLine, LineReader, maxLineBytes} from '../../../source/core/daemon/framing.js';

describe('LineReader', () => {
	it('returns complete lines: several per chunk, split across chunks, blank lines skipped', () => {
		const reader = new LineReader();
		expect(reader.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
		expect(reader.push(':2}\n\n{"c":3}\n{"d":')).toEqual(['{"b":2}', '{"c":3}']);
		expect(reader.push('4}')).toEqual([]);
		expect(reader.push('\n')).toEqual(['{"d":4}']);
	});

	it('joins a long line from many chunks in linear time, and refuses one past the limit', () => {
		const reader = new LineReader();
		const piece = 'x'.repeat(64 * 1024);
		for (let index = 0; index < 160; index++) expect(reader.push(piece)).toEqual([]);
		const [line] = reader.push('\n');
		expect(line!.length).toBe(160 * piece.length);
		const huge = new LineReader();
		expect(() => huge.push('y'.repeat(maxLineBytes + 1))).toThrow(/longer than/);
		expect(huge.push('ok\n')).toEqual(['ok']);
	});

	it('encodes one JSON value per line, newlines inside strings escaped', () => {
		expect(encodeLine({text: 'a\nb'})).toBe('{"text":"a\\nb"}\n');
	});
});
