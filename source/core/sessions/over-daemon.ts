// The sessions port over the daemon's socket, for the CLI and the UI: the one place
// outside core/daemon that speaks the wire protocol. Besides the port it offers what
// only a client of the daemon asks for (transcripts, attach streams, shutdown).
import type {SessionInfo} from './types.js';
import type {AgentState} from '../agents/state/types.js';
import {connectDaemon, tryConnectDaemon, type ConnectOptions, type DaemonClient} from '../daemon/client.js';
import type {DaemonStatus} from '../daemon/protocol.js';
import type {SessionControl} from './port.js';

export type DaemonSessions = SessionControl & {
	/** The connection, for streams (session.subscribe, events.subscribe) and raw terminal I/O. */
	readonly client: DaemonClient;
	status(): Promise<DaemonStatus>;
	transcript(id: string, lines?: number): Promise<string[]>;
	write(id: string, data: string): Promise<void>;
	resize(id: string, cols: number, rows: number): Promise<void>;
	/** Tells every attached viewer of the session to let go; answers how many there were. */
	detach(id: string): Promise<number>;
	/** Stops the agent's process group where it is (gt pause); it stays paused across daemon restarts. */
	pause(id: string, reason: string): Promise<SessionInfo>;
	resume(id: string): Promise<SessionInfo>;
	shutdown(options: {stopAgents: boolean}): Promise<void>;
	close(): void;
};

/** `timeoutMs` bounds every request (the client's default otherwise). */
export function sessionsOverClient(client: DaemonClient, timeoutMs?: number): DaemonSessions {
	const bound = timeoutMs === undefined ? undefined : {timeoutMs};
	return {
		client,
		sessions: async () => (await client.request('status', undefined, bound)).sessions,
		status: async () => client.request('status', undefined, bound),
		start: async spec => client.request('session.start', {spec}, bound),
		stop: async (id, how) => {
			await client.request('session.stop', {id, ...(how?.force ? {force: true} : {})}, bound);
		},
		restart: async (id, how) => client.request('session.restart', {id, ...how}, bound),
		nudge: async (id, text) => (await client.request('session.nudge', {id, text}, bound)).delivered,
		signal: async (id, state, detail) => {
			await client.request('session.signal', {id, state, ...(detail ? {detail} : {})}, bound);
		},
		screen: async id => client.request('session.snapshot', {id}, bound),
		transcript: async (id, lines) => (await client.request('session.transcript', {id, ...(lines === undefined ? {} : {lines})}, bound)).lines,
		write: async (id, data) => {
			await client.request('session.write', {id, data}, bound);
		},
		resize: async (id, cols, rows) => {
			await client.request('session.resize', {id, cols, rows}, bound);
		},
		pause: async (id, reason) => client.request('session.pause', {id, reason}, bound),
		resume: async id => client.request('session.resume', {id}, bound),
		detach: async id => (await client.request('session.detach', {id}, bound)).detached,
		shutdown: async ({stopAgents}) => {
			await client.request('shutdown', {stopAgents}, bound);
		},
		close: () => client.close(),
	};
}

/** Connects to the town's daemon, starting it when `start` is set (the default). */
export async function connectSessions(townRoot: string, options: ConnectOptions = {start: true}): Promise<DaemonSessions> {
	return sessionsOverClient(await connectDaemon(townRoot, {start: true, ...options}));
}

/** The daemon's sessions when it runs; undefined otherwise. Never starts it. */
export async function sessionsIfRunning(townRoot: string, options: {connectTimeoutMs?: number; requestTimeoutMs?: number} = {}): Promise<DaemonSessions | undefined> {
	const client = await tryConnectDaemon(townRoot, options.connectTimeoutMs).catch(() => undefined);
	return client ? sessionsOverClient(client, options.requestTimeoutMs) : undefined;
}

/** Runs `work` with the daemon's sessions if it runs (never starting it), closing the connection after. */
export async function withRunningSessions<T>(townRoot: string, work: (sessions: DaemonSessions | undefined) => Promise<T>): Promise<T> {
	const sessions = await sessionsIfRunning(townRoot);
	try {
		return await work(sessions);
	} finally {
		sessions?.close();
	}
}

/**
 * Tells the daemon an agent's state, if it is running. Runtime callbacks call this
 * hundreds of times: it never starts the daemon, never throws, and gives up quickly.
 */
export async function signalQuietly(townRoot: string, sessionId: string, state: AgentState | 'done', detail?: string, options: {timeoutMs?: number} = {}): Promise<boolean> {
	const timeoutMs = options.timeoutMs ?? 2000;
	const sessions = await sessionsIfRunning(townRoot, {connectTimeoutMs: Math.min(1000, timeoutMs), requestTimeoutMs: timeoutMs});
	if (!sessions) return false;
	try {
		await sessions.signal(sessionId, state, detail);
		return true;
	} catch {
		return false; // an agent the daemon does not know (yet) is not the callback's problem
	} finally {
		sessions.close();
	}
}
