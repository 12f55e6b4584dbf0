// The one way to talk to a town's daemon, for the CLI, the UI and the dashboard:
// requests with answers, and streams (each on its own connection, so closing one
// is closing its socket). connectDaemon can start the daemon in the background.
import {spawn} from 'node:child_process';
import {closeSync, mkdirSync, openSync, readFileSync} from 'node:fs';
import net from 'node:net';
import {failure, GtError} from '../base/errors.js';
import {checkPrivateSocket} from '../base/private-path.js';
import {packageEntry} from '../base/package-files.js';
import {daemonPaths, removeDeadDaemonSocket} from './daemon-paths.js';
import {encodeLine, LineReader} from './framing.js';
import type {Method, ParamsOf, Response, ResultOf, StreamEvent, StreamMethod} from './protocol.js';

export type Subscription = {
	close(): void;
	/** Settles when the stream ends (closed by either side). */
	readonly closed: Promise<void>;
	/** Resolves once the daemon accepted the stream; rejects with its error (e.g. no such session). */
	readonly ready: Promise<void>;
};

type Pending = {resolve(value: unknown): void; reject(error: Error): void};

export type RequestOptions = {
	/** How long to wait for the answer; undefined waits forever (only for calls that legitimately take long). */
	readonly timeoutMs?: number;
};
type RequestArgs<M extends Method> = ParamsOf<M> extends undefined ? [params?: undefined, options?: RequestOptions] : [params: ParamsOf<M>, options?: RequestOptions];

/**
 * No request waits forever: a daemon that accepts a connection and never answers
 * (stuck, or something else listening on the socket) fails the call. Session starts
 * build a worktree launch and may take a few seconds; 30 s is far past any answer.
 */
export const requestTimeoutMs = 30_000;

const lostConnection = () => failure('lost the connection to the daemon', 'see .runtime/daemon.log in the town; `gt up` starts it again');

export class DaemonClient {
	readonly socketPath: string;
	readonly #socket: net.Socket;
	readonly #pending = new Map<number, Pending>();
	readonly #streams = new Map<number, (event: StreamEvent) => void>();
	readonly closed: Promise<void>;
	#nextId = 1;

	private constructor(socketPath: string, socket: net.Socket) {
		this.socketPath = socketPath;
		this.#socket = socket;
		socket.setEncoding('utf8');
		const reader = new LineReader();
		socket.on('data', (chunk: string) => {
			let lines: string[];
			try {
				lines = reader.push(chunk);
			} catch {
				socket.destroy();
				return;
			}
			for (const line of lines) this.#receive(line);
		});
		this.closed = new Promise(resolve => {
			socket.on('close', () => {
				for (const pending of this.#pending.values()) pending.reject(lostConnection());
				this.#pending.clear();
				this.#streams.clear();
				resolve();
			});
		});
		socket.on('error', () => socket.destroy());
	}

	/**
	 * Connects to a daemon socket; undefined when nothing listens there. Rejects,
	 * before sending anything, when the socket is not the user's own (base/private-path).
	 */
	static connect(socketPath: string, timeoutMs = 2000): Promise<DaemonClient | undefined> {
		return new Promise((resolve, reject) => {
			try {
				if (!checkPrivateSocket(socketPath)) {
					resolve(undefined);
					return;
				}
			} catch (error) {
				reject(error as Error);
				return;
			}
			const socket = net.createConnection(socketPath);
			const timer = setTimeout(() => {
				socket.destroy();
				resolve(undefined);
			}, timeoutMs);
			socket.once('connect', () => {
				clearTimeout(timer);
				socket.removeAllListeners('error');
				resolve(new DaemonClient(socketPath, socket));
			});
			socket.once('error', () => {
				clearTimeout(timer);
				socket.destroy();
				resolve(undefined);
			});
		});
	}

	/** One request and its answer; `timeoutMs` bounds the wait (a daemon that accepts and never answers fails it). */
	request<M extends Method>(method: M, ...rest: RequestArgs<M>): Promise<ResultOf<M>> {
		const [params, options] = rest as [ParamsOf<M> | undefined, RequestOptions | undefined];
		return this.#request(method, params as Record<string, unknown> | undefined, options?.timeoutMs ?? requestTimeoutMs) as Promise<ResultOf<M>>;
	}

	#request(method: Method, params: Record<string, unknown> | undefined, timeoutMs: number | undefined): Promise<unknown> {
		if (this.#socket.destroyed) return Promise.reject(lostConnection());
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
				this.#pending.delete(id);
				reject(failure(`the daemon did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`, 'see .runtime/daemon.log in the town; `gt down` then `gt up` restarts it'));
			}, timeoutMs);
			timer?.unref();
			this.#pending.set(id, {
				resolve: value => {
					clearTimeout(timer);
					resolve(value);
				},
				reject: error => {
					clearTimeout(timer);
					reject(error);
				},
			});
			this.#socket.write(encodeLine({id, method, ...(params ? {params} : {})}));
		});
	}

	/**
	 * Opens a stream on a connection of its own. Returns at once; `ready` settles when the
	 * daemon accepted it (or refused: unknown session), and a refused stream is closed.
	 */
	subscribe(method: StreamMethod, params: Record<string, unknown> | undefined, onEvent: (event: StreamEvent) => void): Subscription {
		let stream: DaemonClient | undefined;
		let closing = false;
		let markClosed!: () => void;
		const closed = new Promise<void>(resolve => {
			markClosed = resolve;
		});
		const ready = (async () => {
			const client = await DaemonClient.connect(this.socketPath);
			if (!client) throw lostConnection();
			void client.closed.then(markClosed);
			stream = client;
			if (closing) {
				client.close();
				return;
			}
			await client.#openStream(method, params, onEvent);
		})();
		// Callers that only close need not handle a refusal; the stream just ends.
		ready.catch(() => {
			stream?.close();
			markClosed();
		});
		return {
			close: () => {
				closing = true;
				if (stream) stream.close();
			},
			closed,
			ready,
		};
	}

	close(): void {
		this.#socket.end();
		this.#socket.destroy();
	}

	#openStream(method: StreamMethod, params: Record<string, unknown> | undefined, onEvent: (event: StreamEvent) => void): Promise<unknown> {
		const id = this.#nextId;
		this.#streams.set(id, onEvent);
		return this.#request(method, params, requestTimeoutMs).catch(error => {
			this.#streams.delete(id);
			throw error;
		});
	}

	#receive(line: string): void {
		let message: Response | StreamEvent;
		try {
			message = JSON.parse(line) as Response | StreamEvent;
		} catch {
			return;
		}
		if ('event' in message) {
			this.#streams.get(message.id)?.(message);
			return;
		}
		const pending = this.#pending.get(message.id);
		if (!pending) return;
		this.#pending.delete(message.id);
		if (message.ok) pending.resolve(message.result);
		else pending.reject(new GtError(message.error.kind, message.error.message, message.error.hint));
	}
}

/** The `gt` entry script (dist/gt.js) to start the daemon with. */
export function defaultGtEntry(): string {
	const found = packageEntry('gt.js');
	if (!found) throw failure('cannot find gt.js to start the daemon', 'run gt from its installed package, or run `gt daemon run` yourself');
	return found;
}

export type ConnectOptions = {
	/** Start the daemon in the background when it is not running. */
	readonly start?: boolean;
	/** The `gt` entry script to run it with (default: the running one). */
	readonly gtEntry?: string;
	/** Environment for the daemon (default: this process's). */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** How long to wait for a started daemon's socket. */
	readonly timeoutMs?: number;
};

function logTail(file: string, lines = 5): string {
	try {
		const text = readFileSync(file, 'utf8');
		return text.trimEnd().split('\n').slice(-lines).join(' | ');
	} catch {
		return '';
	}
}

/** Starts `gt daemon run` detached from this process, its output appended to daemon.log. */
export function startDaemonProcess(townRoot: string, options: ConnectOptions = {}): {exitCode(): number | null | undefined} {
	const paths = daemonPaths(townRoot);
	mkdirSync(paths.runtime, {recursive: true});
	const log = openSync(paths.log, 'a', 0o600);
	let exit: number | null | undefined;
	try {
		const child = spawn(process.execPath, [options.gtEntry ?? defaultGtEntry(), 'daemon', 'run'], {
			cwd: townRoot,
			detached: true,
			stdio: ['ignore', log, log],
			env: {...(options.env ?? process.env), GT_ROOT: townRoot},
		});
		child.on('exit', code => {
			exit = code;
		});
		child.on('error', () => {
			exit = -1;
		});
		child.unref();
	} finally {
		closeSync(log);
	}
	return {exitCode: () => exit};
}

export async function tryConnectDaemon(townRoot: string, timeoutMs?: number): Promise<DaemonClient | undefined> {
	const paths = daemonPaths(townRoot);
	// A socket left by a daemon that died may still accept and never answer.
	removeDeadDaemonSocket(paths);
	return DaemonClient.connect(paths.socket, timeoutMs);
}

export async function isDaemonRunning(townRoot: string): Promise<boolean> {
	const client = await tryConnectDaemon(townRoot);
	client?.close();
	return client !== undefined;
}

export async function connectDaemon(townRoot: string, options: ConnectOptions = {}): Promise<DaemonClient> {
	const paths = daemonPaths(townRoot);
	removeDeadDaemonSocket(paths);
	const running = await DaemonClient.connect(paths.socket);
	if (running) return running;
	if (!options.start) throw failure('the daemon is not running for this town', 'start it with `gt up`, or `gt daemon run` in a terminal');
	const child = startDaemonProcess(townRoot, options);
	const deadline = Date.now() + (options.timeoutMs ?? 10_000);
	while (Date.now() < deadline) {
		const client = await DaemonClient.connect(paths.socket);
		if (client) return client;
		const code = child.exitCode();
		// Exit 4: another daemon won the race to start; keep waiting for its socket.
		if (code !== undefined && code !== 4) break;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	const tail = logTail(paths.log);
	throw failure(`the daemon did not start${tail ? `: ${tail}` : ''}`, `see ${paths.log}`);
}
