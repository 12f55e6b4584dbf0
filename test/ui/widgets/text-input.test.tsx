import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {applyKey, emptyBuffer, TextInput} from '../../../source/ui/widgets/text-input.js';

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

describe('TextInput', () => {
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
