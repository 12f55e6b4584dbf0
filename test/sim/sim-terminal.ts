// Test helper: the built `gt sim-agent` in a real pseudo-terminal (node-pty), its
// output fed into a headless xterm so tests read the screen a person would see.
import {Terminal} from '@xterm/headless';
import {spawn, type IPty} from 'node-pty';
import {binaries} from '../helpers/cli.js';
import {eventually} from '../helpers/wait.js';

export type SimStart = {
	readonly cwd: string;
	readonly env: Record<string, string>;
	readonly args?: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
};

export class SimTerminal {
	readonly terminal: Terminal;
	readonly titles: string[] = [];
	readonly exited: Promise<number>;
	private readonly pty: IPty;
	private exitCode: number | undefined;

	constructor(options: SimStart) {
		const cols = options.cols ?? 100;
		const rows = options.rows ?? 30;
		this.terminal = new Terminal({cols, rows, allowProposedApi: true});
		this.terminal.onTitleChange(title => this.titles.push(title));
		this.pty = spawn(process.execPath, [binaries.gt, 'sim-agent', ...(options.args ?? [])], {name: 'xterm-256color', cols, rows, cwd: options.cwd, env: options.env});
		this.pty.onData(data => this.terminal.write(data));
		this.exited = new Promise(resolve => this.pty.onExit(({exitCode}) => {
			this.exitCode = exitCode;
			resolve(exitCode);
		}));
	}

	/** The visible screen, one string per row, right-trimmed. */
	screen(): string {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	get title(): string {
		return this.titles.at(-1) ?? '';
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	write(data: string): void {
		this.pty.write(data);
	}

	/** Types text the way a person does: one key at a time. */
	async type(text: string): Promise<void> {
		for (const char of text) {
			this.pty.write(char);
			await new Promise(resolve => setImmediate(resolve));
		}
	}

	resize(cols: number, rows: number): void {
		this.pty.resize(cols, rows);
		this.terminal.resize(cols, rows);
	}

	/** Waits until the screen matches; fails with the screen in the message. */
	async waitFor(match: string | RegExp | ((screen: string) => boolean), timeout = 15_000): Promise<string> {
		const test = typeof match === 'function' ? match : (screen: string) => (typeof match === 'string' ? screen.includes(match) : match.test(screen));
		return eventually(() => {
			const screen = this.screen();
			if (!test(screen)) throw new Error(`screen does not show ${String(match)}:\n${screen}`);
			return screen;
		}, {what: `the sim screen to show ${String(match)}`, timeout, interval: 20});
	}

	async waitForTitle(match: (title: string) => boolean, timeout = 15_000): Promise<void> {
		await eventually(() => {
			if (!this.titles.some(match)) throw new Error(`no such title among ${JSON.stringify(this.titles.slice(-10))}`);
		}, {what: 'a terminal title that matches', timeout, interval: 20});
	}

	kill(): void {
		if (this.running) this.pty.kill();
		this.terminal.dispose();
	}
}

/** The input line, when the input box shows. */
export const promptLine = (screen: string): string | undefined => screen.split('\n').find(line => line.startsWith('❯ ') || line === '❯');

export const isIdle = (screen: string): boolean => promptLine(screen) !== undefined && !screen.includes('esc to interrupt');
