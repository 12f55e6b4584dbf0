import {describe, expect, it} from 'vitest';
import {safeBlock, safeText} from '../../../source/core/base/terminal-text.js';

describe('safeText', () => {
	it('shows ESC, BEL, CSI, OSC and the C1 controls escaped; leaves other text alone', () => {
		expect(safeText('\x1b]0;pwned\x07\x1b[2J')).toBe('\\e]0;pwned\\x07\\e[2J');
		expect(safeText('a\x9b2Jb\x85\x7f\x00')).toBe('a\\x9b2Jb\\x85\\x7f\\x00');
		expect(safeText('tab\there\nline\r')).toBe('tab\\there\\nline\\r');
		expect(safeText('plain 🚚 日本語 — ok \\e')).toBe('plain 🚚 日本語 — ok \\e');
	});

	it('keeps newlines and tabs in multi-line text, never ESC or a carriage return', () => {
		expect(safeBlock('one\n\ttwo\x1b[31m\rthree')).toBe('one\n\ttwo\\e[31m\\rthree');
	});
});
