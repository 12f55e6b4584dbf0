import {describe, expect, it} from 'vitest';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import type {SessionState} from '../../../source/core/agents/state/types.js';
import {afterAction, decide, freshMemory, nudgeText, zombieGraceMs, type AgentMemory, type AgentView} from '../../../source/core/patrols/witness-decide.js';
import {patrolDefaults} from '../../../source/core/patrols/settings.js';

const settings = {...patrolDefaults.witness, stall_after: 10, waiting_after: 5, max_restarts: 2, reap_idle_after: 60};
const t0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function session(state: SessionState, since: number, lastOutputAt = since, extra: Partial<SessionInfo> = {}): SessionInfo {
	return {
		id: 'calc.polecats.furiosa', address: 'calc/polecats/furiosa', role: 'polecat', rig: 'calc', agent: 'sim', cwd: '/w',
		startedAt: iso(t0), state: {state, source: 'screen', confidence: 0.9, since: iso(since)}, lastOutputAt: iso(lastOutputAt),
		cols: 80, rows: 24, restarts: 0, ...extra,
	};
}
const view = (info: SessionInfo | undefined, hooked: string | null = 'ca-1', queued = false): AgentView => ({address: 'calc/polecats/furiosa', ...(hooked ? {hooked} : {}), ...(info ? {session: info} : {}), queued});

/** Runs decide and applies the action to the memory, like the witness loop. */
function step(v: AgentView, memory: AgentMemory | undefined, now: number) {
	const decision = decide(v, memory, settings, now);
	return {...decision, memory: afterAction(decision.memory, decision.action, now, v.session?.state.since)};
}

describe('witness decisions', () => {
	it('leaves a working agent alone until it has shown nothing new for stall_after', () => {
		const info = session('working', t0, t0 + 1000);
		expect(decide(view(info), undefined, settings, t0 + 10_999).action).toEqual({kind: 'none'});
		const stalled = decide(view(info), undefined, settings, t0 + 11_000);
		expect(stalled.action).toEqual({kind: 'nudge', text: nudgeText('ca-1')});
		expect(stalled.mark).toMatchObject({state: 'stalled', nudges: 0, restarts: 0});
	});

	it('climbs the ladder: nudge, restart, nudge, restart, escalate once, then nothing', () => {
		let memory: AgentMemory | undefined;
		let now = t0 + 11_000;
		const kinds: string[] = [];
		// A restarted session starts at the time of its restart and stalls again at once.
		let started = t0;
		for (let round = 0; round < 8; round++) {
			const result = step(view(session('working', started, started, {startedAt: iso(started)})), memory, now);
			kinds.push(result.action.kind);
			memory = result.memory;
			if (result.action.kind === 'restart') started = now;
			now += 10_000;
		}
		expect(kinds).toEqual(['nudge', 'restart', 'nudge', 'restart', 'nudge', 'escalate', 'none', 'none']);
		expect(decide(view(session('working', started)), memory, settings, now).mark).toMatchObject({state: 'escalated', nudges: 3, restarts: 2});
	});

	it('waits a full stall_after after a nudge before the next step', () => {
		const info = session('working', t0);
		const first = step(view(info), undefined, t0 + 10_000);
		expect(first.action.kind).toBe('nudge');
		expect(decide(view(info), first.memory, settings, t0 + 19_999).action.kind).toBe('none');
		expect(decide(view(info), first.memory, settings, t0 + 20_000).action.kind).toBe('restart');
	});

	it('forgets the problem when the agent makes progress, and everything when the hooked bead changes', () => {
		const stalled = step(view(session('working', t0)), undefined, t0 + 10_000).memory;
		const idle = decide(view(session('idle', t0 + 12_000)), stalled, settings, t0 + 13_000);
		expect(idle.mark).toBeUndefined();
		expect(idle.memory.nudged).toBe(false);
		expect(idle.memory.nudges).toBe(1);
		expect(decide(view(session('working', t0), 'ca-2'), stalled, settings, t0 + 10_000).memory).toMatchObject({bead: 'ca-2', nudges: 0, restarts: 0});
	});

	it('mails the overseer once per waiting spell, after waiting_after', () => {
		const info = session('waiting', t0);
		expect(decide(view(info), undefined, settings, t0 + 4000).action.kind).toBe('none');
		const mailed = step(view(info), undefined, t0 + 5000);
		expect(mailed.action.kind).toBe('mail-waiting');
		expect(decide(view(info), mailed.memory, settings, t0 + 60_000).action.kind).toBe('none');
		// A new question later is a new spell.
		expect(decide(view(session('waiting', t0 + 70_000)), mailed.memory, settings, t0 + 80_000).action.kind).toBe('mail-waiting');
	});

	it('restarts an agent that exited with work on its hook, then escalates', () => {
		const exited = session('exited', t0, t0, {exitCode: 1});
		const first = step(view(exited), undefined, t0);
		expect(first.action).toMatchObject({kind: 'restart'});
		expect(first.mark).toMatchObject({state: 'zombie', detail: 'exited (code 1) with ca-1 hooked'});
		const second = step(view(exited), first.memory, t0 + 2000);
		const third = step(view(exited), second.memory, t0 + 4000);
		expect([second.action.kind, third.action.kind]).toEqual(['restart', 'escalate']);
		expect(step(view(exited), third.memory, t0 + 6000).action.kind).toBe('none');
	});

	it('escalates a refusal no restart can change at once, with its reason (claude as root)', () => {
		const reason = 'claude refuses --dangerously-skip-permissions as root — run gt as a non-root user, or give the agent IS_SANDBOX=1: …';
		const refused = session('exited', t0, t0, {exitCode: 1, state: {state: 'exited', source: 'process', confidence: 1, since: iso(t0), failure: 'root-refusal', reason}});
		const first = step(view(refused), undefined, t0);
		expect(first.action).toEqual({kind: 'escalate', why: `calc/polecats/furiosa exited with ca-1 on its hook: ${reason}`});
		expect(step(view(refused), first.memory, t0 + 2000).action.kind).toBe('none');
		// A reason of another kind is said, and restarts are still tried.
		const offline = session('exited', t0, t0, {exitCode: 1, state: {state: 'exited', source: 'process', confidence: 1, since: iso(t0), failure: 'offline', reason: 'no network'}});
		expect(step(view(offline), undefined, t0).action).toEqual({kind: 'restart', why: 'calc/polecats/furiosa exited with ca-1 on its hook: no network'});
	});

	it('escalates hooked work without any session only after a grace period, and never a queued start', () => {
		const first = step(view(undefined), undefined, t0);
		expect(first.action.kind).toBe('none');
		expect(first.mark?.state).toBe('zombie');
		expect(decide(view(undefined), first.memory, settings, t0 + zombieGraceMs).action.kind).toBe('escalate');
		expect(decide(view(undefined, 'ca-1', true), undefined, settings, t0 + zombieGraceMs * 10).action.kind).toBe('none');
	});

	it('reaps an idle polecat with nothing hooked after reap_idle_after, never one with work', () => {
		const idle = session('idle', t0);
		expect(decide(view(idle, null), undefined, settings, t0 + 59_000).action.kind).toBe('none');
		expect(decide(view(idle, null), undefined, settings, t0 + 60_000).action.kind).toBe('reap');
		// Idle with work on its hook is not reaped: it is nudged to take the work up (GUPP).
		expect(decide(view(idle, 'ca-1'), undefined, settings, t0 + 600_000).action.kind).toBe('nudge');
		expect(decide(view(session('exited', t0), null), undefined, settings, t0 + 600_000).action.kind).toBe('none');
	});
});
