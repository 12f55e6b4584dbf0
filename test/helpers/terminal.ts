// The visible screen of a headless xterm, as text rows: what a person looking at a
// real terminal would read. For tests that drive gt in a real pty.
import {Terminal} from '@xterm/headless';
import {spawn} from 'node-pty';
import {expect} from 'vitest';
import {binaries} from './cli.js';
import {eventually} from './wait.js';

export function screenOf(terminal: Terminal): string {
	const buffer = terminal.buffer.active;
	const lines: string[] = [];
	for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
	return lines.join('\n');
}

/** `gt mayor attach` in a real pty at 100×30, once the Mayor's sim banner is on the attached screen. */
export async function attachMayor(town: string, env: Record<string, string>) {
	const terminal = new Terminal({cols: 100, rows: 30, allowProposedApi: true});
	let raw = '';
	const pty = spawn(process.execPath, [binaries.gt, 'mayor', 'attach'], {name: 'xterm-256color', cols: 100, rows: 30, cwd: town, env});
	pty.onData(data => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<number>(resolve => pty.onExit(({exitCode}) => resolve(exitCode)));
	await eventually(() => expect(screenOf(terminal)).toContain('sim — simulated agent (no AI)'), {what: 'the Mayor sim banner on the attached screen', timeout: 20_000, interval: 100});
	expect(terminal.buffer.active.type).toBe('alternate');
	return {terminal, raw: () => raw, exited, pty};
}
