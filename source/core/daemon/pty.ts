// The pseudo-terminal behind a session, as a small interface so that sessions do
// not depend on node-pty itself. node-pty is a native module: it is imported
// lazily, so commands that host no terminal never load it.

export type Disposable = {dispose(): void};
export type PtyExit = {exitCode: number; signal?: number};

export interface PtyProcess {
	readonly pid: number;
	/** Output, already decoded from UTF-8 (characters split across reads are joined). */
	onData(listener: (data: string) => void): Disposable;
	onExit(listener: (exit: PtyExit) => void): Disposable;
	write(data: string): void;
	resize(cols: number, rows: number): void;
	/** Signals the child's whole process group (it leads one: forkpty makes it a session leader). */
	kill(signal?: NodeJS.Signals): void;
	/** Stops reading output (the child blocks once the pty buffer fills): backpressure from a slow screen. */
	pause(): void;
	resume(): void;
}

export type PtyOptions = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string>>;
	readonly cols: number;
	readonly rows: number;
	readonly name?: string;
};

export type SpawnPty = (file: string, args: readonly string[], options: PtyOptions) => Promise<PtyProcess>;

export const spawnPty: SpawnPty = async (file, args, options) => {
	const nodePty = await import('node-pty');
	const child = nodePty.spawn(file, [...args], {
		name: options.name ?? 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd,
		env: {...options.env},
		// utf8 strings: node-pty reads through a socket with setEncoding, which keeps split characters whole.
		encoding: 'utf8',
	});
	let exited = false;
	child.onExit(() => {
		exited = true;
	});
	return {
		pid: child.pid,
		onData: listener => child.onData(listener),
		onExit: listener => child.onExit(listener),
		write: data => {
			if (!exited) child.write(data);
		},
		resize: (cols, rows) => {
			// Resizing a pty whose child is gone throws; there is nothing left to resize.
			if (exited) return;
			try {
				child.resize(cols, rows);
			} catch {}
		},
		pause: () => {
			if (!exited) child.pause();
		},
		resume: () => {
			if (!exited) child.resume();
		},
		// Not guarded by `exited`: orphans of the leader may still be in its group.
		kill: (signal = 'SIGTERM') => {
			try {
				process.kill(-child.pid, signal);
			} catch {
				if (exited) return;
				try {
					child.kill(signal);
				} catch {}
			}
		},
	};
};
