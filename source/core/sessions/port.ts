// What work-flow code (sling, handoff, mayor) needs from the daemon, as a small
// interface: the CLI builds it over the daemon client; anything else may pass its own.
import type {SessionInfo, SessionSpec} from '../daemon/protocol.js';

export type SessionControl = {
	/** Sessions the daemon knows (running or exited). */
	sessions(): Promise<SessionInfo[]>;
	start(spec: SessionSpec): Promise<SessionInfo>;
	stop(id: string): Promise<void>;
	nudge(id: string, text: string): Promise<'typed' | 'queued'>;
};

export const isLive = (info: SessionInfo | undefined) => info !== undefined && info.state.state !== 'exited';
