// Runs a program in a real pty and keeps its screen in a headless terminal, so a
// test can read what a person would see.
import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const {Terminal} = xtermHeadless;

export type PtyScreen = {
	text(): string;
	write(data: string): void;
	raw(): string;
	exited: Promise<number>;
	kill(): void;
};

export function runInPty(file: string, args: string[], options: {cwd: string; env: Record<string, string>; cols: number; rows: number}): PtyScreen {
	const terminal = new Terminal({cols: options.cols, rows: options.rows, allowProposedApi: true});
	const child = pty.spawn(file, args, {name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env});
	let output = '';
	child.onData(data => {
		output += data;
		terminal.write(data);
	});
	const exited = new Promise<number>(resolve => child.onExit(({exitCode}) => resolve(exitCode)));
	return {
		text() {
			const buffer = terminal.buffer.active;
			const lines: string[] = [];
			for (let row = 0; row < options.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
			return lines.join('\n');
		},
		write: data => child.write(data),
		raw: () => output,
		exited,
		kill: () => child.kill(),
	};
}
