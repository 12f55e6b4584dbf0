// The daemon's IPC contract: newline-delimited JSON over <town>/.runtime/gt.sock.
// A client sends {id, method, params}; the daemon answers {id, ok, result} or
// {id, ok: false, error}. Streaming methods (session.subscribe, events.subscribe)
// answer once, then keep sending {id, event, ...} lines on the same connection.
// The CLI, the UI and the dashboard all speak this through core/daemon/client.ts.

export type AgentRole = 'mayor' | 'polecat' | 'crew' | 'witness' | 'refinery' | 'deacon';

/** What to run: everything the daemon needs to start (or restart) one agent. */
export type SessionSpec = {
	/** Session id: the agent address with "/" as ".", e.g. "mayor", "mp.polecats.furiosa". */
	id: string;
	/** Agent address: "mayor/", "mp/polecats/furiosa", "mp/crew/me". */
	address: string;
	role: AgentRole;
	rig?: string;
	/** Agent runtime name from the town config (claude, codex, sim, or a user-defined one). */
	agent: string;
	cwd: string;
	/** The bead on the agent's hook when it was started. */
	bead?: string;
	/** First prompt. */
	prompt?: string;
	/** The runtime's own conversation id, fixed at first launch so a restart can resume it. */
	conversationId?: string;
	cols?: number;
	rows?: number;
};

export type SessionState = 'starting' | 'working' | 'idle' | 'waiting' | 'exited' | 'unknown';
export type StateSource = 'signal' | 'title' | 'screen' | 'quiet' | 'process';

export type StateReport = {
	state: SessionState;
	source: StateSource;
	/** 0..1: signals and exits are certain, quiescence is a guess. */
	confidence: number;
	/** What was seen: the pattern or signal that decided it. */
	detail?: string;
	/** ISO time the state began. */
	since: string;
};

/** What the witness made of an agent (core/patrols): derived states the detector cannot see. */
export type PatrolMark = {
	state: 'stalled' | 'zombie' | 'escalated';
	/** ISO time the witness first saw it. */
	since: string;
	detail?: string;
	/** Nudges and restarts the witness has tried for this piece of work. */
	nudges: number;
	restarts: number;
};

export type SessionInfo = SessionSpec & {
	pid?: number;
	startedAt: string;
	state: StateReport;
	lastOutputAt?: string;
	exitCode?: number;
	cols: number;
	rows: number;
	/** Restarts since the daemon started it first. */
	restarts: number;
	/** Set by the witness while it sees a problem (optional: older daemons never send it). */
	patrol?: PatrolMark;
};

export type ScreenSnapshot = {
	cols: number;
	rows: number;
	/** The visible screen, one string per row, trailing spaces trimmed. */
	lines: string[];
	cursor: {x: number; y: number};
	title: string;
	alternate: boolean;
};

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
 * Methods:
 *   ping                                  → {pid, version, startedAt}
 *   status                                → {pid, startedAt, sessions: SessionInfo[]}
 *   session.start   {spec: SessionSpec}   → SessionInfo (conflict if that id is already running)
 *   session.stop    {id, force?}          → {stopped: boolean}
 *   session.restart {id, fresh?, prompt?} → SessionInfo (same spec, resumed where the runtime can;
 *                                           fresh: a new conversation with `prompt` — used by gt handoff,
 *                                           whose own process dies with the session it restarts)
 *   session.write   {id, data}            → {}
 *   session.resize  {id, cols, rows}      → {}
 *   session.snapshot {id}                 → ScreenSnapshot
 *   session.transcript {id, lines?}       → {lines: string[]}   (scrollback + screen, plain text)
 *   session.subscribe {id}                → {} then snapshot, output…, state…, exit
 *   session.signal  {id, state, detail?}  → {}   (agent callbacks: gt signal)
 *   session.nudge   {id, text}            → {delivered: 'typed' | 'queued'}
 *   session.detach  {id}                  → {detached: number}  (sends `detach` to every subscriber of that session)
 *   events.subscribe                      → {} then state/session/exit events for every session
 *   shutdown        {stopAgents?: boolean}→ {}
 */
export const methods = [
	'ping', 'status', 'session.start', 'session.stop', 'session.restart', 'session.write', 'session.resize', 'session.snapshot',
	'session.transcript', 'session.subscribe', 'session.signal', 'session.nudge', 'session.detach', 'events.subscribe', 'shutdown',
] as const;
export type Method = (typeof methods)[number];

/** "mp/polecats/furiosa" → "mp.polecats.furiosa"; "mayor/" → "mayor". */
export function sessionIdForAddress(address: string): string {
	return address.replace(/\/+$/, '').replaceAll('/', '.');
}
