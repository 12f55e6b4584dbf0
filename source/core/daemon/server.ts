// The daemon's socket: JSON lines in, JSON lines out (protocol.ts). Each request is
// answered once; session.subscribe and events.subscribe then keep streaming events
// on the same connection until it closes. Only the user can connect (mode 0600).
import {chmodSync, mkdirSync, rmSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {isGtError, usageError} from '../base/errors.js';
import {encodeLine, LineReader} from './framing.js';
import type {ErrorPayload, Request, Response, StreamEvent} from './protocol.js';
import type {SessionEvent} from './session.js';
import type {Supervisor} from './supervisor.js';

export type DaemonInfo = {readonly pid: number; readonly version: string; readonly startedAt: string};

export type ServerOptions = {
	readonly socketPath: string;
	readonly supervisor: Supervisor;
	readonly info: DaemonInfo;
	/** Called after the shutdown request is answered. */
	readonly onShutdown: (stopAgents: boolean) => void;
	readonly log: (message: string) => void;
};

export type DaemonServer = {close(): Promise<void>};

/** A client that reads slower than agents write is dropped rather than buffered without bound. */
const maxBufferedBytes = 32 * 1024 * 1024;

type Params = Record<string, unknown>;
type Connection = {
	readonly closed: boolean;
	send(message: Response | StreamEvent): void;
	/** Stream cancellers by request id. */
	streams: Map<number, () => void>;
};

function errorPayload(error: unknown): ErrorPayload {
	if (isGtError(error)) return {kind: error.kind === 'ok' ? 'failure' : error.kind, message: error.message, ...(error.hint ? {hint: error.hint} : {})};
	return {kind: 'failure', message: error instanceof Error ? error.message : String(error)};
}

const positive = (value: unknown, name: string) => {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1 || number > 1000) throw usageError(`${name} must be a whole number from 1 to 1000`);
	return number;
};

function sessionEvent(id: number, session: string, event: SessionEvent): StreamEvent {
	return {id, session, ...event} as StreamEvent;
}

async function dispatch(options: ServerOptions, connection: Connection, request: Request): Promise<unknown> {
	const {supervisor, info} = options;
	const params: Params = request.params ?? {};
	switch (request.method) {
		case 'ping':
			return {pid: info.pid, version: info.version, startedAt: info.startedAt};
		case 'status':
			return {pid: info.pid, startedAt: info.startedAt, sessions: supervisor.list()};
		case 'session.start':
			return supervisor.start(params.spec);
		case 'session.stop':
			return supervisor.stop(params.id, params.force === true);
		case 'session.restart':
			return supervisor.restart(params.id, {fresh: params.fresh === true, prompt: params.prompt});
		case 'session.pause':
			return supervisor.pause(params.id, params.reason);
		case 'session.resume':
			return supervisor.resume(params.id);
		case 'session.write':
			if (typeof params.data !== 'string') throw usageError('session.write needs data');
			supervisor.get(params.id).write(params.data);
			return {};
		case 'session.resize':
			supervisor.get(params.id).resize(positive(params.cols, 'cols'), positive(params.rows, 'rows'));
			return {};
		case 'session.snapshot':
			return supervisor.get(params.id).snapshot();
		case 'session.transcript': {
			const lines = params.lines === undefined ? undefined : Math.max(0, Math.floor(Number(params.lines)) || 0);
			return {lines: supervisor.get(params.id).transcript(lines)};
		}
		case 'session.subscribe': {
			const session = supervisor.get(params.id);
			// After the answer is written; output until then is on the screen, so in the snapshot.
			setImmediate(() => {
				if (connection.closed) return;
				const cancel = session.subscribe(event => connection.send(sessionEvent(request.id, session.id, event)));
				connection.streams.set(request.id, cancel);
			});
			return {};
		}
		case 'session.signal':
			supervisor.signal(params.id, params.state, params.detail);
			return {};
		case 'session.nudge':
			return supervisor.nudge(params.id, params.text);
		case 'session.detach':
			return {detached: supervisor.get(params.id).detach()};
		case 'events.subscribe':
			setImmediate(() => {
				if (connection.closed) return;
				connection.streams.set(request.id, supervisor.subscribe(event => connection.send({id: request.id, ...event} as StreamEvent)));
			});
			return {};
		case 'shutdown':
			setImmediate(() => options.onShutdown(params.stopAgents !== false));
			return {};
		default:
			throw usageError(`unknown method "${String(request.method)}"`);
	}
}

function handleConnection(options: ServerOptions, socket: net.Socket): void {
	socket.setEncoding('utf8');
	const reader = new LineReader();
	const connection: Connection = {
		get closed() {
			return socket.destroyed;
		},
		streams: new Map(),
		send(message) {
			if (socket.destroyed) return;
			socket.write(encodeLine(message));
			if (socket.writableLength > maxBufferedBytes) {
				options.log(`dropped a client that stopped reading (${socket.writableLength} bytes waiting)`);
				socket.destroy();
			}
		},
	};
	const answer = async (line: string) => {
		let request: Request;
		try {
			request = JSON.parse(line) as Request;
		} catch {
			connection.send({id: 0, ok: false, error: {kind: 'usage', message: 'a request that is not JSON'}});
			return;
		}
		if (typeof request !== 'object' || request === null || typeof request.id !== 'number' || typeof request.method !== 'string') {
			connection.send({id: typeof request?.id === 'number' ? request.id : 0, ok: false, error: {kind: 'usage', message: 'a request needs a numeric id and a method'}});
			return;
		}
		try {
			const result = await dispatch(options, connection, request);
			connection.send({id: request.id, ok: true, result});
		} catch (error) {
			connection.send({id: request.id, ok: false, error: errorPayload(error)});
		}
	};
	socket.on('data', (chunk: string) => {
		let lines: string[];
		try {
			lines = reader.push(chunk);
		} catch (error) {
			connection.send({id: 0, ok: false, error: {kind: 'usage', message: (error as Error).message}});
			socket.destroy();
			return;
		}
		for (const line of lines) void answer(line);
	});
	const cleanUp = () => {
		for (const cancel of connection.streams.values()) cancel();
		connection.streams.clear();
	};
	socket.on('close', cleanUp);
	socket.on('error', () => socket.destroy());
}

export async function startServer(options: ServerOptions): Promise<DaemonServer> {
	const {socketPath} = options;
	mkdirSync(path.dirname(socketPath), {recursive: true});
	// The caller holds the pid file, so a socket file left here belongs to a dead daemon.
	rmSync(socketPath, {force: true});
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		handleConnection(options, socket);
	});
	// No window in which the socket exists with a looser mode than 0600.
	const previousMask = process.umask(0o177);
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(socketPath, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} finally {
		process.umask(previousMask);
	}
	chmodSync(socketPath, 0o600);
	return {
		close: () =>
			new Promise(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => {
					rmSync(socketPath, {force: true});
					resolve();
				});
			}),
	};
}
