// The sessions port: what every workflow (sling, handoff, mayor, mail, hook repair)
// and every patrol needs from the agents' terminals. It has two adapters and no
// other way in: over-daemon.ts (the CLI and the UI, through the daemon's socket)
// and in-process.ts (inside the daemon, straight to the supervisor). Workflows take
// a SessionControl as an argument; none opens a socket itself.
import type {AgentState, PatrolMark} from '../agents/state/types.js';
import type {ScreenSnapshot, SessionInfo, SessionSpec} from './types.js';

export type SessionControl = {
	/** Sessions the daemon knows (running or exited). */
	sessions(): Promise<SessionInfo[]>;
	start(spec: SessionSpec): Promise<SessionInfo>;
	stop(id: string, options?: {force?: boolean}): Promise<void>;
	/** Same spec, resumed where the runtime can; `fresh` starts a new conversation with `prompt`. */
	restart(id: string, options?: {fresh?: boolean; prompt?: string}): Promise<SessionInfo>;
	/** Typed now when the agent is idle, queued for its next turn otherwise. */
	nudge(id: string, text: string): Promise<'typed' | 'queued'>;
	/** What the agent says about itself (its runtime callbacks: gt signal). */
	signal(id: string, state: AgentState | 'done', detail?: string): Promise<void>;
	screen(id: string): Promise<ScreenSnapshot>;
};

/**
 * What the patrols need on top, in the daemon's own process: a synchronous view (a
 * patrol round reads every session many times), marks for derived states, and typing
 * into a stalled agent at once rather than queueing.
 */
export type PatrolSessions = SessionControl & {
	list(): SessionInfo[];
	mark(id: string, mark: PatrolMark | undefined): void;
	type(id: string, text: string): Promise<void>;
};

export const isLive = (info: SessionInfo | undefined) => info !== undefined && info.state.state !== 'exited';
