import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {applyKey, cursorParts, emptyBuffer, TextField, TextInput, type EditBuffer} from '../../../source/ui/widgets/text-input.js';

const keys = (buffer: EditBuffer, ...events: Array<string | Parameters<typeof applyKey>[2]>) => events.reduce<EditBuffer>((current, event) => (typeof event === 'string' ? applyKey(current, event, {}) : applyKey(current, '', event)).buffer, buffer);

describe('applyKey', () => {
	it('inserts a chunk that ends in a carriage return and submits it', () => {
		const result = applyKey(emptyBuffer, 'hello world\r', {});
		expect(result.submits).toEqual(['hello world']);
		expect(result.buffer).toEqual(emptyBuffer);
	});

	it('submits every line of a pasted chunk and keeps the unfinished rest', () => {
		const result = applyKey({value: '> ', cursor: 2}, 'one\r\ntwo\rthr', {});
		expect(result.submits).toEqual(['> one', 'two']);
		expect(result.buffer).toEqual({value: 'thr', cursor: 3});
	});

	it('edits at the cursor', () => {
		let buffer = applyKey(emptyBuffer, 'abd', {}).buffer;
		buffer = applyKey(buffer, '', {leftArrow: true}).buffer;
		buffer = applyKey(buffer, 'c', {}).buffer;
		expect(buffer).toEqual({value: 'abcd', cursor: 3});
		buffer = applyKey(buffer, '', {backspace: true}).buffer;
		expect(buffer.value).toBe('abd');
		expect(applyKey(buffer, 'u', {ctrl: true}).buffer).toEqual(emptyBuffer);
	});
});

describe('editing by grapheme', () => {
	it('one backspace after "ok 😀" removes the whole emoji', () => {
		const typed = keys(emptyBuffer, 'o', 'k', ' ', '😀');
		expect(typed).toEqual({value: 'ok 😀', cursor: 5});
		expect(keys(typed, {backspace: true})).toEqual({value: 'ok ', cursor: 3});
		// Most terminals send 0x7f, which Ink calls delete.
		expect(keys(typed, {delete: true})).toEqual({value: 'ok ', cursor: 3});
	});

	it('moves left and right over emoji, flags, families and combining marks as one', () => {
		const text = 'a😀🇫🇷👨‍👩‍👧e\u0301b';
		let buffer = keys(emptyBuffer, text);
		const stops = [buffer.cursor];
		for (let step = 0; step < 6; step++) stops.push((buffer = keys(buffer, {leftArrow: true})).cursor);
		expect(stops).toEqual([text.length, text.length - 1, text.length - 3, text.length - 11, text.length - 15, 1, 0]);
		expect(keys(buffer, {leftArrow: true}).cursor).toBe(0);
		buffer = keys(buffer, {rightArrow: true}, {rightArrow: true});
		expect(buffer.cursor).toBe(3);
		expect(keys(buffer, {backspace: true}).value).toBe('a🇫🇷👨‍👩‍👧e\u0301b');
		expect(keys(buffer, 'x').value).toBe('a😀x🇫🇷👨‍👩‍👧e\u0301b');
		expect(keys(buffer, {end: true}, {backspace: true}, {backspace: true}).value).toBe('a😀🇫🇷👨‍👩‍👧');
		expect(applyKey(buffer, 'a', {ctrl: true}).buffer.cursor).toBe(0);
	});

	it('draws the grapheme under the cursor whole', () => {
		expect(cursorParts({value: 'ok 😀!', cursor: 3})).toEqual({before: 'ok ', at: '😀', after: '!'});
		expect(cursorParts({value: 'ok', cursor: 2})).toEqual({before: 'ok', at: ' ', after: ''});
		const {lastFrame} = render(<TextField buffer={{value: 'ok 😀!', cursor: 3}} focused />);
		expect(lastFrame()).toContain('ok 😀!');
		expect(lastFrame()).not.toContain('\ufffd');
	});
});

describe('TextInput', () => {
	it('a pasted chunk with an emoji and a line break is kept whole and submitted', async () => {
		const onSubmit = vi.fn();
		const {stdin, lastFrame} = render(<TextInput onSubmit={onSubmit} />);
		await vi.waitFor(() => expect(lastFrame()).toBeDefined());
		stdin.write('ship it 🚀\rnext');
		await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith('ship it 🚀'));
		await vi.waitFor(() => expect(lastFrame()).toContain('next'));
		stdin.write('\x7f');
		await vi.waitFor(() => expect(lastFrame()).toMatch(/nex(?!t)/));
	});

	it('a chunk ending in \\r inserts the text and submits it', async () => {
		const onSubmit = vi.fn();
		const {stdin, lastFrame} = render(<TextInput onSubmit={onSubmit} />);
		await vi.waitFor(() => expect(lastFrame()).toBeDefined());
		stdin.write('fix the login page\r');
		await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith('fix the login page'));
		expect(onSubmit).toHaveBeenCalledTimes(1);
	});

	it('two keys that arrive before a render both land', async () => {
		const onChange = vi.fn();
		const onSubmit = vi.fn();
		const {stdin, lastFrame} = render(<TextInput onChange={onChange} onSubmit={onSubmit} />);
		await new Promise(resolve => setTimeout(resolve, 20));
		stdin.write('a');
		stdin.write('b');
		stdin.write('c');
		await vi.waitFor(() => expect(lastFrame()).toContain('abc'));
		expect(onChange).toHaveBeenLastCalledWith('abc');
		stdin.write('\r');
		await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith('abc'));
	});
});
