// The daemon's IPC contract: newline-delimited JSON over <town>/.runtime/gt.sock.
// A client sends {id, method, params}; the daemon answers {id, ok, result} or
// {id, ok: false, error}. Streaming methods (session.subscribe, events.subscribe)
// answer once, then keep sending {id, event, ...} lines on the same connection.
// The CLI, the UI and the dashboard all speak this through core/daemon/client.ts.
// Wire types only: the domain types it carries live in core/sessions and core/agents/state.
import type {AgentState, StateReport} from '../agents/state/types.js';
import type {ScreenSnapshot, SessionInfo, SessionSpec} from '../sessions/types.js';


export type ErrorPayload = {kind: 'failure' | 'usage' | 'notFound' | 'conflict'; message: string; hint?: string};

export type Request = {id: number; method: string; params?: Record<string, unknown>};
export type Response = {id: number; ok: true; result: unknown} | {id: number; ok: false; error: ErrorPayload};

/** Stream events sent after a subscribe call's first response. */
export type StreamEvent =
	| {id: number; event: 'snapshot'; session: string; screen: ScreenSnapshot}
	| {id: number; event: 'output'; session: string; data: string}
	| {id: number; event: 'state'; session: string; state: StateReport}
	| {id: number; event: 'exit'; session: string; exitCode?: number; signal?: number}
	| {id: number; event: 'session'; session: string; info: SessionInfo | null}
	| {id: number; event: 'detach'; session: string};

/**
 * Every method with its parameters and its answer. The client's `request` and the
 * server's handlers are typed from this one map, so both sides agree at compile time.
 */
export type MethodMap = {
	ping: {params: undefined; result: DaemonPing};
	status: {params: undefined; result: DaemonStatus};
	/** Conflict if that id is already running. */
	'session.start': {params: {spec: SessionSpec}; result: SessionInfo};
	'session.stop': {params: {id: string; force?: boolean}; result: {stopped: boolean}};
	/**
	 * Same spec, resumed where the runtime can; fresh: a new conversation with `prompt`
	 * (gt handoff, whose own process dies with the session it restarts).
	 */
	'session.restart': {params: {id: string; fresh?: boolean; prompt?: string}; result: SessionInfo};
	/** SIGSTOP of the agent's process group, written to sessions.json first (gt pause, gt estop). */
	'session.pause': {params: {id: string; reason?: string}; result: SessionInfo};
	/** SIGCONT, or a launch resuming the conversation when the process is gone (after a daemon restart). */
	'session.resume': {params: {id: string}; result: SessionInfo};
	'session.write': {params: {id: string; data: string}; result: Record<string, never>};
	'session.resize': {params: {id: string; cols: number; rows: number}; result: Record<string, never>};
	'session.snapshot': {params: {id: string}; result: ScreenSnapshot};
	/** Scrollback + screen, plain text. */
	'session.transcript': {params: {id: string; lines?: number}; result: {lines: string[]}};
	/** Answers {} then streams snapshot, output…, state…, exit. */
	'session.subscribe': {params: {id: string}; result: Record<string, never>};
	/** Agent callbacks (gt signal). */
	'session.signal': {params: {id: string; state: AgentState | 'done' | 'starting'; detail?: string}; result: Record<string, never>};
	'session.nudge': {params: {id: string; text: string}; result: {delivered: 'typed' | 'queued'}};
	/** Sends `detach` to every subscriber of that session. */
	'session.detach': {params: {id: string}; result: {detached: number}};
	/** Answers {} then streams state/session/exit events for every session. */
	'events.subscribe': {params: undefined; result: Record<string, never>};
	shutdown: {params: {stopAgents?: boolean}; result: Record<string, never>};
};

export type Method = keyof MethodMap;
export type ParamsOf<M extends Method> = MethodMap[M]['params'];
export type ResultOf<M extends Method> = MethodMap[M]['result'];
export type StreamMethod = 'session.subscribe' | 'events.subscribe';

export type DaemonPing = {pid: number; version: string; startedAt: string};
export type DaemonStatus = {pid: number; startedAt: string; sessions: SessionInfo[]};

export const methods = [
	'ping', 'status', 'session.start', 'session.stop', 'session.restart', 'session.pause', 'session.resume', 'session.write', 'session.resize', 'session.snapshot',
	'session.transcript', 'session.subscribe', 'session.signal', 'session.nudge', 'session.detach', 'events.subscribe', 'shutdown',
] as const satisfies readonly Method[];
