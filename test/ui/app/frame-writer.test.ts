// The frame writer turns Ink's whole-frame writes into the changed rows only.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {frameDiff, frameWriter} from '../../../source/ui/app/frame-writer.js';

const erase = (rows: number) => (rows === 0 ? '' : `${Array.from({length: rows}, (_, index) => `\x1b[2K${index < rows - 1 ? '\x1b[1A' : ''}`).join('')}\x1b[G`);

function fakeTerminal() {
	const written: string[] = [];
	const terminal = Object.assign(new EventEmitter(), {columns: 20, rows: 5, isTTY: true, write: (data: string) => written.push(data) > 0});
	return {terminal: terminal as unknown as NodeJS.WriteStream, written};
}

describe('frameDiff', () => {
	it('draws a first frame whole, after clearing', () => {
		expect(frameDiff(undefined, ['a', '', 'c'])).toEqual({data: '\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K', rows: 2});
	});

	it('writes only the rows that changed, and clears rows a shorter frame left', () => {
		expect(frameDiff(['a', 'b', 'c'], ['a', 'B'])).toEqual({data: '\x1b[2;1HB\x1b[0m\x1b[K\x1b[3;1H\x1b[2K', rows: 2});
		expect(frameDiff(['a', 'b'], ['a', 'b'])).toEqual({data: '', rows: 0});
	});
});

describe('frameWriter', () => {
	it("takes Ink's erase-and-redraw writes and passes the changed rows on", () => {
		const {terminal, written} = fakeTerminal();
		const screen = frameWriter(terminal);
		screen.write('\x1b[?25l');
		screen.write('one\ntwo\nthree\n');
		screen.write(`${erase(4)}one\n2\nthree\n`);
		expect(written).toEqual(['\x1b[?25l', '\x1b[H\x1b[2J\x1b[1;1Hone\x1b[0m\x1b[K\x1b[2;1Htwo\x1b[0m\x1b[K\x1b[3;1Hthree\x1b[0m\x1b[K', '\x1b[2;1H2\x1b[0m\x1b[K']);
		expect(screen.rowsWritten).toBe(4);
		expect([screen.columns, screen.rows, screen.isTTY]).toEqual([20, 5, true]);
	});

	it('draws the whole frame again after a resize or a clear', () => {
		const {terminal, written} = fakeTerminal();
		const screen = frameWriter(terminal);
		let resized = 0;
		screen.on('resize', () => resized++);
		screen.write('a\nb\n');
		terminal.emit('resize');
		screen.write(`${erase(3)}a\nb\n`);
		expect(resized).toBe(1);
		expect(written.at(-1)).toBe('\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1Hb\x1b[0m\x1b[K');
		screen.write(erase(3));
		screen.write(`${erase(0)}a\nb\n`);
		expect(written.at(-1)).toBe('\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1Hb\x1b[0m\x1b[K');
		screen.dispose();
		expect(terminal.listenerCount('resize')).toBe(0);
	});
});
