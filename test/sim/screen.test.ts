import {describe, expect, it} from 'vitest';
import {banner, frameUpdate, logLines, renderScreen, spinnerLine, titleText, type View} from '../../source/sim/screen.js';
import {stripAnsi, textWidth} from '../../source/sim/text.js';

const base: View = {banner, identity: 'polecat mp/polecats/furiosa · ~/gt/mp/polecats/furiosa', log: [], input: {text: '', cursor: 0}, queued: [], color: true};
const plain = (view: View, cols = 100, rows = 30) => renderScreen(view, cols, rows).map(stripAnsi);

describe('renderScreen', () => {
	it('idle: the banner says simulated, the input line starts with "❯ ", nothing says busy', () => {
		const lines = plain(base);
		expect(lines).toHaveLength(30);
		expect(lines.join('\n')).toContain('simulated agent (no AI)');
		expect(lines.some(line => line.startsWith('❯ '))).toBe(true);
		expect(lines.join('\n')).not.toContain('esc to interrupt');
	});

	it('busy: a spinner line with "esc to interrupt" above the input box', () => {
		const lines = plain({...base, busy: {verb: 'Editing src/calc.js', frame: 4}});
		const spinner = lines.findIndex(line => line.includes('esc to interrupt'));
		const prompt = lines.findIndex(line => line.startsWith('❯ '));
		expect(lines[spinner]).toBe('✻ Editing src/calc.js… (esc to interrupt)');
		expect(spinner).toBeLessThan(prompt);
	});

	it('shows the conversation: prompts, messages, tool calls and their output', () => {
		const lines = plain({...base, log: [
			{kind: 'user', text: 'fix it'},
			{kind: 'tool', name: 'Bash', detail: 'git status', status: 'ok'},
			{kind: 'result', text: 'a\nb'},
			{kind: 'assistant', text: 'Done.'},
		]});
		const text = lines.join('\n');
		expect(text).toContain('> fix it\n\n● Bash(git status)\n  ⎿  a\n     b\n\n● Done.');
	});

	it('cuts long output with a count of the lines left out', () => {
		const text = logLines([{kind: 'result', text: Array.from({length: 20}, (_, index) => `line ${index}`).join('\n')}], 80).map(line => line.map(([part]) => part).join(''));
		expect(text).toHaveLength(6);
		expect(text.at(-1)).toContain('… +15 lines');
	});

	it('scrolls: the newest entries stay on screen', () => {
		const log = Array.from({length: 60}, (_, index) => ({kind: 'assistant' as const, text: `message ${index}`}));
		const text = plain({...base, log}).join('\n');
		expect(text).toContain('message 59');
		expect(text).not.toContain('message 0\n');
	});

	it('never draws past the width, even with wide characters', () => {
		const log = [{kind: 'assistant' as const, text: `${'漢字'.repeat(80)} ${'x'.repeat(300)}`}];
		for (const cols of [5, 20, 41, 80, 100]) {
			for (const line of plain({...base, log, input: {text: '😀'.repeat(90), cursor: 3}}, cols, 24)) expect(textWidth(line)).toBeLessThanOrEqual(cols);
		}
	});

	it('shows pasted multi-line input on several lines, the first with "❯ "', () => {
		const lines = plain({...base, input: {text: 'one\ntwo\nthree', cursor: 13}});
		const first = lines.findIndex(line => line.startsWith('❯ one'));
		expect(lines.slice(first, first + 3)).toEqual(['❯ one', '  two', '  three ']);
	});

	it('draws the cursor as an inverse cell', () => {
		const [line] = renderScreen({...base, input: {text: 'abc', cursor: 1}}, 100, 30).filter(row => stripAnsi(row).startsWith('❯ '));
		expect(line).toContain('a\u001B[7mb\u001B[0mc');
	});

	it('permission prompt: replaces the input box and waits for an answer', () => {
		const lines = plain({...base, permission: {title: 'Bash command', command: 'git commit -m "x"', description: 'Commit the change', selected: 0}});
		const text = lines.join('\n');
		expect(text).toContain('Do you want to proceed?\n ❯ 1. Yes\n   2. No');
		expect(text).toContain('git commit -m "x"');
		expect(lines.some(line => line.startsWith('❯ '))).toBe(false);
		const no = plain({...base, permission: {title: 'Bash command', command: 'x', description: 'y', selected: 1}}).join('\n');
		expect(no).toContain('   1. Yes\n ❯ 2. No');
	});

	it('shows queued prompts and the Ctrl-C hint', () => {
		const text = plain({...base, busy: {verb: 'Thinking', frame: 0}, queued: ['next thing'], hint: 'Press Ctrl-C again to exit'}).join('\n');
		expect(text).toContain('> next thing  (queued)');
		expect(text).toContain('Press Ctrl-C again to exit');
	});

	it('works on a tiny terminal: the input box wins', () => {
		const lines = plain({...base, busy: {verb: 'Thinking', frame: 0}}, 30, 6);
		expect(lines).toHaveLength(6);
		expect(lines.some(line => line.startsWith('❯ '))).toBe(true);
		expect(lines.join('\n')).toContain('esc to interrupt');
	});

	it('without colour there are no escape sequences', () => {
		expect(renderScreen({...base, color: false}, 100, 30).join('')).not.toContain('\u001B');
	});
});

describe('title and frames', () => {
	it('title: a spinner glyph while busy, plain "sim" when idle', () => {
		expect(titleText(undefined)).toBe('✳ sim');
		expect(titleText(3)).toMatch(/^[⠀-⣿] sim$/);
		expect(titleText(3)).not.toBe(titleText(4));
	});

	it('spinner line text', () => {
		expect(spinnerLine('Thinking', 0)).toBe('· Thinking… (esc to interrupt)');
	});

	it('frameUpdate rewrites only the rows that changed', () => {
		const first = frameUpdate(undefined, ['a', 'b', 'c']);
		expect(first).toContain('\u001B[2J');
		const next = frameUpdate(['a', 'b', 'c'], ['a', 'B', 'c']);
		expect(next).toBe('\u001B[?2026h\u001B[2;1H\u001B[2KB\u001B[?2026l');
		expect(frameUpdate(['a'], ['a'])).toBe('');
		expect(frameUpdate(['a', 'b'], ['a'])).toContain('\u001B[2J');
	});
});
