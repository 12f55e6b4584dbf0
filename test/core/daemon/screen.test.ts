import {StringDecoder} from 'node:string_decoder';
import {describe, expect, it} from 'vitest';
import {Screen} from '../../../source/core/daemon/screen.js';
import {cellWidth} from '../../../source/core/base/cell-width.js';

function screen(cols = 20, rows = 5) {
	return new Screen({cols, rows, scrollback: 100});
}

describe('Screen', () => {
	it('renders plain output, cursor position and the title', async () => {
		const term = screen();
		await term.write('hello\r\nworld\x1b]0;agent: busy\x07');
		const snapshot = term.snapshot();
		expect(snapshot.lines).toEqual(['hello', 'world', '', '', '']);
		expect(snapshot.cursor).toEqual({x: 5, y: 1});
		expect(snapshot.title).toBe('agent: busy');
		expect(snapshot).toMatchObject({cols: 20, rows: 5, alternate: false});
		await term.write('\x1b]2;✳ Working\x1b\\');
		expect(term.title).toBe('✳ Working');
	});

	it('joins UTF-8 split across chunks the way the pty stream decodes them', async () => {
		// node-pty decodes its socket with setEncoding('utf8') — a StringDecoder — so a
		// character cut between two reads arrives whole in the second string.
		const bytes = Buffer.from('naïve → 日本語 😀 ok\r\n');
		const decoder = new StringDecoder('utf8');
		const term = screen(30, 3);
		for (let index = 0; index < bytes.length; index++) {
			const text = decoder.write(bytes.subarray(index, index + 1));
			expect(text).not.toContain('\uFFFD');
			await term.write(text);
		}
		expect(term.snapshot().lines[0]).toBe('naïve → 日本語 😀 ok');
	});

	it('gives wide characters (CJK, emoji) two cells', async () => {
		expect(cellWidth('日'.codePointAt(0)!)).toBe(2);
		expect(cellWidth('😀'.codePointAt(0)!)).toBe(2);
		expect(cellWidth('a'.codePointAt(0)!)).toBe(1);
		expect(cellWidth(0x301)).toBe(0);
		const term = screen(10, 5);
		await term.write('日本😀x');
		// 2 + 2 + 2 + 1 cells: the cursor is at column 7.
		expect(term.snapshot().cursor.x).toBe(7);
		// A wide character that does not fit at the end of a row wraps whole.
		await term.write('\r\n123456789😀');
		expect(term.snapshot().lines.slice(1, 3)).toEqual(['123456789', '😀']);
		await term.write('\r\ne\u0301!');
		expect(term.snapshot().lines[3]).toBe('e\u0301!');
		expect(term.snapshot().cursor.x).toBe(2);
	});

	it('holds the last complete frame while a synchronized-output frame is drawn', async () => {
		const term = screen(20, 3);
		await term.write('frame one');
		await term.write('\x1b[?2026h\x1b[2J\x1b[Hframe t');
		expect(term.snapshot().lines[0]).toBe('frame one');
		await term.write('wo\x1b[?2026l');
		expect(term.snapshot().lines[0]).toBe('frame two');
	});

	it('switches to the alternate screen and back, keeping the normal screen', async () => {
		const term = screen(20, 4);
		await term.write('shell line\r\n');
		await term.write('\x1b[?1049h\x1b[H\x1b[2Jfull screen app');
		expect(term.snapshot()).toMatchObject({alternate: true, lines: ['full screen app', '', '', '']});
		expect(term.alternate).toBe(true);
		await term.write('\x1b[?1049l');
		expect(term.snapshot()).toMatchObject({alternate: false});
		expect(term.snapshot().lines[0]).toBe('shell line');
	});

	it('keeps scrollback for transcripts, joins wrapped rows and drops trailing blanks', async () => {
		const term = screen(10, 3);
		for (let index = 1; index <= 8; index++) await term.write(`line ${index}\r\n`);
		await term.write('0123456789abcdef\r\n');
		expect(term.transcript()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', '0123456789abcdef']);
		expect(term.transcript(2)).toEqual(['line 8', '0123456789abcdef']);
		expect(term.snapshot().lines).toEqual(['0123456789', 'abcdef', '']);
	});

	it('takes a settled snapshot after pending writes, and tracks bracketed paste and resize', async () => {
		const term = screen(20, 3);
		void term.write('pending');
		expect((await term.settledSnapshot()).lines[0]).toBe('pending');
		expect(term.bracketedPaste).toBe(false);
		await term.write('\x1b[?2004h');
		expect(term.bracketedPaste).toBe(true);
		term.resize(30, 6);
		expect(term.snapshot()).toMatchObject({cols: 30, rows: 6});
		term.dispose();
	});
});
