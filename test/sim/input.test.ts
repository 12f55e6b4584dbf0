import {describe, expect, it} from 'vitest';
import {askChoice, emptyInput, feedInput, type InputEvent, type InputState} from '../../source/sim/input.js';

/** Feeds chunks in order; returns the final state and every event. */
function feed(...chunks: string[]): {state: InputState; events: InputEvent[]} {
	let state = emptyInput;
	const events: InputEvent[] = [];
	for (const chunk of chunks) {
		const result = feedInput(state, chunk);
		state = result.state;
		events.push(...result.events);
	}
	return {state, events};
}

const submitted = (events: InputEvent[]) => events.flatMap(event => (event.type === 'submit' ? [event.text] : []));

describe('typing', () => {
	it('collects characters one chunk at a time and submits on Enter', () => {
		const {state, events} = feed('h', 'e', 'l', 'l', 'o', '\r');
		expect(submitted(events)).toEqual(['hello']);
		expect(state.text).toBe('');
	});

	it('edits with backspace, arrows, home/end and ctrl keys', () => {
		expect(feed('abc', '\u007F', '\b').state.text).toBe('a');
		expect(feed('abc', '\u001B[D', '\u001B[D', 'X').state).toMatchObject({text: 'aXbc', cursor: 2});
		expect(feed('abc', '\u0001', 'X', '\u0005', 'Y').state.text).toBe('XabcY');
		expect(feed('abc', '\u001B[H', '\u001B[3~').state.text).toBe('bc');
		expect(feed('one two', '\u0017').state.text).toBe('one ');
		expect(feed('one two', '\u0015').state.text).toBe('');
		expect(feed('one two', '\u001BOD', '\u001BOD', '\u000B').state.text).toBe('one t');
	});

	it('deletes a whole emoji (surrogate pair) with one backspace', () => {
		expect(feed('a😀', '\u007F').state).toMatchObject({text: 'a', cursor: 1});
	});

	it('ignores Enter on an empty line and keys it does not use', () => {
		expect(feed('\r', '   \r').events).toEqual([]);
		expect(feed('\u001B[5~', '\u001B[1;5C', 'x').state.text).toBe('x');
	});
});

describe('pasting', () => {
	it('takes line breaks inside a chunk as text and waits for Enter', () => {
		const {state, events} = feed('line one\nline two\nline three');
		expect(events).toEqual([]);
		expect(state.text).toBe('line one\nline two\nline three');
	});

	it('takes \\r inside a chunk as a newline too (terminals paste with \\r)', () => {
		expect(feed('a\rb\r\nc').state.text).toBe('a\nb\nc');
	});

	it('submits a chunk that ends in \\r (a program typing a prompt)', () => {
		expect(submitted(feed('fix the bug\r').events)).toEqual(['fix the bug']);
		expect(submitted(feed('first\nsecond\r').events)).toEqual(['first\nsecond']);
		expect(submitted(feed('first\r\nsecond\r\n').events)).toEqual(['first\nsecond']);
	});

	it('submits a pasted text on a later Enter', () => {
		expect(submitted(feed('a\nb', '\r').events)).toEqual(['a\nb']);
	});

	it('keeps a bracketed paste whole, even with a trailing newline and across chunks', () => {
		const {state, events} = feed('\u001B[200~one\r\ntwo\r', '\nthree\r\u001B[20', '1~', '!');
		expect(events).toEqual([]);
		expect(state.text).toBe('one\ntwo\nthree\n!');
		expect(submitted(feed('\u001B[200~x\ny\u001B[201~\r').events)).toEqual(['x\ny']);
	});

	it('puts an escape sequence cut between chunks back together', () => {
		expect(feed('ab', '\u001B[', 'D', 'X').state.text).toBe('aXb');
	});
});

describe('interrupt and exit', () => {
	it('Escape interrupts', () => {
		expect(feed('\u001B').events).toEqual([{type: 'interrupt'}]);
		expect(feed('abc\u001B').events).toEqual([{type: 'interrupt'}]);
	});

	it('Ctrl-C clears the input first, then arms, then exits', () => {
		let result = feed('abc', '\u0003');
		expect(result.state.text).toBe('');
		expect(result.events).toEqual([]);
		result = feed('abc', '\u0003', '\u0003');
		expect(result.events).toEqual([{type: 'interrupt'}, {type: 'exit-armed'}]);
		result = feed('\u0003', '\u0003');
		expect(result.events.at(-1)).toEqual({type: 'exit'});
	});

	it('any other key disarms Ctrl-C', () => {
		const {events} = feed('\u0003', 'x', '\u007F', '\u0003');
		expect(events.filter(event => event.type === 'exit')).toEqual([]);
	});

	it('Ctrl-D exits', () => {
		expect(feed('\u0004').events).toEqual([{type: 'exit'}]);
	});
});

describe('answering a permission prompt', () => {
	const asking = (...chunks: string[]) => {
		let state = askChoice(emptyInput);
		const events: InputEvent[] = [];
		for (const chunk of chunks) {
			const result = feedInput(state, chunk);
			state = result.state;
			events.push(...result.events);
		}
		return {state, events};
	};

	it('Enter takes the selected option (Yes first)', () => {
		expect(asking('\r').events).toEqual([{type: 'answer', accept: true}]);
		expect(asking('\u001B[B', '\r').events).toEqual([{type: 'answer', accept: false}]);
		expect(asking('\u001B[B', '\u001B[A', '\r').events).toEqual([{type: 'answer', accept: true}]);
	});

	it('1 and 2 answer at once; Escape and Ctrl-C say no', () => {
		expect(asking('1').events).toEqual([{type: 'answer', accept: true}]);
		expect(asking('2').events).toEqual([{type: 'answer', accept: false}]);
		expect(asking('\u001B').events).toEqual([{type: 'answer', accept: false}]);
		expect(asking('\u0003').events).toEqual([{type: 'answer', accept: false}]);
	});

	it('other keys do not answer or edit, and the question ends with the answer', () => {
		const {state, events} = asking('x', '1', 'y');
		expect(events).toEqual([{type: 'answer', accept: true}]);
		expect(state.choice).toBeUndefined();
		expect(state.text).toBe('y');
	});
});
