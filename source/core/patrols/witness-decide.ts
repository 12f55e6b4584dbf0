// The witness's judgement as a pure function: one polecat (its session as the
// daemon reports it, what is on its hook, the clock, what was tried before) in,
// one action out. The loop in witness.ts gathers the inputs and carries it out.
import type {PatrolMark} from '../agents/state/types.js';
import type {SessionInfo} from '../sessions/types.js';
import type {WitnessSettings} from './settings.js';

/** What the witness remembers about one agent; reset whenever its hooked bead changes. */
export type AgentMemory = {
	bead?: string;
	/** When the current problem was first seen (ms), and which one. */
	problem?: {state: PatrolMark['state']; since: number; detail?: string};
	/** The last nudge or restart (ms): the next step waits a full threshold after it. */
	lastActionAt?: number;
	/** A nudge was tried for the current stall spell. */
	nudged: boolean;
	nudges: number;
	restarts: number;
	escalated: boolean;
	/** The `since` of the waiting spell the overseer was mailed about. */
	mailedWaiting?: string;
};

export type AgentView = {
	address: string;
	/** The bead on its hook now (from the ledger), if any. */
	hooked?: string;
	/** The daemon's session, if it has one. */
	session?: SessionInfo;
	/** Its start is queued behind the polecat cap: no session yet is expected. */
	queued?: boolean;
};

export type WitnessAction =
	| {kind: 'none'}
	| {kind: 'nudge'; text: string}
	| {kind: 'restart'; why: string}
	| {kind: 'escalate'; why: string}
	| {kind: 'mail-waiting'}
	| {kind: 'reap'};

/** At least this long before a hook without any session is escalated. */
export const zombieGraceMs = 10_000;

export const freshMemory = (bead?: string): AgentMemory => ({...(bead ? {bead} : {}), nudged: false, nudges: 0, restarts: 0, escalated: false});

export const nudgeText = (bead: string) => `You seem stuck on ${bead}. Continue, or \`gt done --status escalated -m why\`.`;

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : 0);

/** "killed by SIGKILL", "exited (code 1)", or "exited". */
const exitWords = (session: SessionInfo) =>
	session.exitSignal ? `killed by ${session.exitSignal}` : `exited${session.exitCode === undefined ? '' : ` (code ${session.exitCode})`}`;

export type Decision = {action: WitnessAction; memory: AgentMemory; mark?: PatrolMark};

export function markOf(memory: AgentMemory): PatrolMark | undefined {
	if (!memory.problem) return undefined;
	return {
		state: memory.escalated ? 'escalated' : memory.problem.state,
		since: new Date(memory.problem.since).toISOString(),
		...(memory.problem.detail ? {detail: memory.problem.detail} : {}),
		nudges: memory.nudges,
		restarts: memory.restarts,
	};
}

/** The next recovery step for an agent with a problem: restart while tries remain, then escalate once. */
function restartOrEscalate(memory: AgentMemory, settings: WitnessSettings, why: string): WitnessAction {
	if (memory.escalated) return {kind: 'none'};
	if (memory.restarts < settings.max_restarts) return {kind: 'restart', why};
	return {kind: 'escalate', why: `${why}; ${memory.restarts} restart${memory.restarts === 1 ? '' : 's'} did not help`};
}

export function decide(view: AgentView, previous: AgentMemory | undefined, settings: WitnessSettings, now: number): Decision {
	let memory: AgentMemory = previous && previous.bead === view.hooked ? {...previous} : freshMemory(view.hooked);
	const session = view.session;
	const done = (action: WitnessAction): Decision => {
		const mark = markOf(memory);
		return {action, memory, ...(mark ? {mark} : {})};
	};
	const problem = (state: PatrolMark['state'], detail: string) => {
		if (memory.problem?.state !== state) memory.problem = {state, since: now, detail};
		else memory.problem = {...memory.problem, detail};
	};
	const clear = () => {
		delete memory.problem;
		memory.nudged = false;
	};
	const waited = (since: number) => now - Math.max(since, memory.lastActionAt ?? 0);

	// Zombie: work on the hook, no live session to do it.
	if (view.hooked && !view.queued && (!session || session.state.state === 'exited')) {
		problem('zombie', session ? `${exitWords(session)} with ${view.hooked} hooked` : `no session, ${view.hooked} hooked`);
		// No session at all: nothing to restart in place (no spec to resume), so a human decides —
		// after a grace period, as sling hooks the bead a moment before it starts the session.
		if (!session) {
			const grace = Math.max(settings.stall_after * 1000, zombieGraceMs);
			if (memory.escalated || now - memory.problem!.since < grace) return done({kind: 'none'});
			return done({kind: 'escalate', why: `${view.address} has ${view.hooked} on its hook but no session`});
		}
		if (memory.lastActionAt !== undefined && now - memory.lastActionAt < 1000) return done({kind: 'none'});
		const why = `${view.address} exited with ${view.hooked} on its hook${session.state.reason ? `: ${session.state.reason}` : ''}`;
		// A refusal that a restart cannot change (claude as root, a runtime not signed in): a human decides now.
		if (!memory.escalated && (session.state.failure === 'root-refusal' || session.state.failure === 'signed-out')) return done({kind: 'escalate', why});
		return done(restartOrEscalate(memory, settings, why));
	}
	if (!session || session.state.state === 'exited') {
		clear();
		return done({kind: 'none'});
	}
	const state = session.state.state;

	// Waiting for a human: the overseer hears once per waiting spell.
	if (state === 'waiting') {
		clear();
		if (memory.mailedWaiting !== session.state.since && now - ms(session.state.since) >= settings.waiting_after * 1000) return done({kind: 'mail-waiting'});
		return done({kind: 'none'});
	}

	// Stalled: work on the hook, yet no screen change (lastOutputAt) and no state change (signals) for
	// stall_after — busy without output, or idle without taking the work up (GUPP).
	if ((state === 'working' || state === 'idle' || state === 'unknown') && view.hooked) {
		const quietSince = Math.max(ms(session.lastOutputAt), ms(session.state.since), ms(session.startedAt));
		const quiet = now - quietSince;
		// A change after the last nudge or restart is progress: the ladder starts over (the count stays).
		if (memory.problem && !memory.escalated && quietSince > (memory.lastActionAt ?? 0)) clear();
		if (waited(quietSince) < settings.stall_after * 1000) return done({kind: 'none'});
		problem('stalled', `no change for ${Math.round(quiet / 1000)}s`);
		if (memory.escalated) return done({kind: 'none'});
		if (!memory.nudged) return done({kind: 'nudge', text: nudgeText(view.hooked)});
		return done(restartOrEscalate(memory, settings, `${view.address} stalled on ${view.hooked} (no change for ${Math.round(quiet / 1000)}s)`));
	}

	// Anything else is progress of some kind; an escalation stands until the work changes.
	if (!memory.escalated) clear();
	else memory.nudged = false;

	// Reap: idle, nothing hooked, for reap_idle_after. The worktree stays for the next sling.
	if (state === 'idle' && !view.hooked && !view.queued && now - ms(session.state.since) >= settings.reap_idle_after * 1000) return done({kind: 'reap'});
	return done({kind: 'none'});
}

/** The memory after an action was carried out. */
export function afterAction(memory: AgentMemory, action: WitnessAction, now: number, waitingSince?: string): AgentMemory {
	switch (action.kind) {
		case 'nudge':
			return {...memory, nudged: true, nudges: memory.nudges + 1, lastActionAt: now};
		case 'restart':
			return {...memory, nudged: false, restarts: memory.restarts + 1, lastActionAt: now};
		case 'escalate':
			return {...memory, escalated: true, lastActionAt: now};
		case 'mail-waiting':
			return {...memory, ...(waitingSince ? {mailedWaiting: waitingSince} : {})};
		default:
			return memory;
	}
}
