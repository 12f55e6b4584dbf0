// A session is one agent's running terminal. These are the domain types every
// workflow, patrol and surface shares; the daemon's wire protocol carries them.
import type {PatrolMark, StateReport} from '../agents/state/types.js';

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
	/** Start by resuming `conversationId` rather than a new conversation (the Mayor after gt down/up). */
	resume?: boolean;
	cols?: number;
	rows?: number;
};

export type SessionInfo = SessionSpec & {
	pid?: number;
	startedAt: string;
	state: StateReport;
	lastOutputAt?: string;
	exitCode?: number;
	/** The signal that ended it ("SIGKILL"); node-pty then reports exitCode 0. */
	exitSignal?: string;
	cols: number;
	rows: number;
	/** Restarts since the daemon started it first. */
	restarts: number;
	/** Set by the witness while it sees a problem (optional: older daemons never send it). */
	patrol?: PatrolMark;
};

/** How to run one session's program: what the daemon spawns in a pty (built by core/agents/launch.ts). */
export type Launch = {
	/** Program to spawn: a name looked up on PATH by the pty, or an absolute path. */
	file: string;
	args: string[];
	env: Record<string, string>;
	cwd: string;
	/** Typed into the terminal once the agent is ready (prompt delivery `typed`). */
	typedPrompt?: string;
	/** A screen line starting with this means the agent's input box is showing. */
	readyPrefix?: string;
	/** Without a visible readyPrefix, assume the agent is ready after this long. */
	readyDelayMs: number;
	/** The launch resumes a saved conversation (a failure to find it falls back to a fresh start). */
	resumed?: boolean;
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

/** "mp/polecats/furiosa" → "mp.polecats.furiosa"; "mayor/" → "mayor". */
export function sessionIdForAddress(address: string): string {
	return address.replace(/\/+$/, '').replaceAll('/', '.');
}
