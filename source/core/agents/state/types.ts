// What an agent's state is, as every surface shows it (gt agents, the UI, the
// dashboard): the detector decides it, the witness adds what it derives over time.
import type {FailureKind} from './failures.js';

/** `paused`: stopped by `gt pause`/`gt estop` (SIGSTOP), or recorded paused with no process after a daemon restart. */
export type SessionState = 'starting' | 'working' | 'idle' | 'waiting' | 'paused' | 'exited' | 'unknown';
/** Where a state came from, best first: the agent's own callbacks, its title, its screen, silence, its process. */
export type StateSource = 'signal' | 'title' | 'screen' | 'quiet' | 'process';

export type StateReport = {
	state: SessionState;
	source: StateSource;
	/** 0..1: signals and exits are certain, quiescence is a guess. */
	confidence: number;
	/** What was seen: the screen line, title or signal that decided it. */
	detail?: string;
	/** A failure screen that explains it, in one line with what to do (core/agents/state/failures.ts). */
	reason?: string;
	/** Its kind: a resume with nothing saved is retried fresh, a root refusal goes to the human. */
	failure?: FailureKind;
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

/** States an agent may report about itself with `gt signal` ("done" ends the turn like idle). */
export const signalStates = ['working', 'idle', 'waiting', 'done'] as const;
export type AgentState = 'working' | 'idle' | 'waiting';
