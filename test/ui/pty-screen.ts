// Runs a program in a real pty and keeps its screen in a headless terminal, so a
// test can read what a person would see.
import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const {Terminal} = xtermHeadless;

export type PtyScreen = {
	text(): string;
	write(data: string): void;
	raw(): string;
	/** The first cell of the first row holding `needle`: is it bold, and its foreground colour mode (0: default). */
	styleOf(needle: string): {bold: boolean; fgMode: number} | undefined;
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
		styleOf(needle) {
			const buffer = terminal.buffer.active;
			for (let row = 0; row < options.rows; row++) {
				const line = buffer.getLine(buffer.viewportY + row);
				const text = line?.translateToString(false) ?? '';
				const at = text.indexOf(needle);
				if (!line || at === -1) continue;
				// String index to cell: count cells up to the match (wide characters take two).
				let cellX = 0;
				for (let chars = 0; cellX < options.cols && chars < at; cellX++) chars += line.getCell(cellX)?.getChars().length || (line.getCell(cellX)?.getWidth() === 0 ? 0 : 1);
				const cell = line.getCell(cellX);
				return cell ? {bold: cell.isBold() !== 0, fgMode: cell.getFgColorMode()} : undefined;
			}
			return undefined;
		},
		write: data => child.write(data),
		raw: () => output,
		exited,
		kill: () => child.kill(),
	};
}
