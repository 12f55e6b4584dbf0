// The visible screen of a headless xterm, as text rows: what a person looking at a
// real terminal would read. For tests that drive gt in a real pty.
import type {Terminal} from '@xterm/headless';

export function screenOf(terminal: Terminal): string {
	const buffer = terminal.buffer.active;
	const lines: string[] = [];
	for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
	return lines.join('\n');
}
