// The checkpointer: inside the daemon, it records each working polecat's and crew
// member's worktree at every turn end (working → idle or waiting) and every few minutes
// while it works (core/work/checkpoints.ts), and prunes archived hooks past their age
// once an hour. It reads the session list only; a failed checkpoint is logged and tried
// again at the next occasion, never retried in a loop.
import {existsSync} from 'node:fs';
import type {PatrolSessions} from '../sessions/port.js';
import type {GitVars} from '../git/client.js';
import {checkpointHistory, checkpointRef, hookedAgent, takeCheckpoint} from '../work/checkpoints.js';
import {archiveHook, pruneArchived} from '../work/hook-archive.js';
import {ledgerHolding} from '../beads/resolve.js';
import {gitSucceeds, runGit} from '../git/client.js';
import type {SessionInfo} from '../sessions/types.js';

export type CheckpointerOptions = {
	readonly townRoot: string;
	readonly sessions: PatrolSessions;
	readonly vars: GitVars;
	readonly log: (message: string) => void;
	readonly now?: () => number;
	/** How often sessions are looked at (turn ends are noticed within this). */
	readonly tickMs?: number;
	/** A checkpoint at least this often while an agent keeps working. */
	readonly whileWorkingMs?: number;
};

export type RunningCheckpointer = {tick(): Promise<void>; stop(): Promise<void>};

const hourMs = 3_600_000;
const closedCheckMs = 60_000;

export function startCheckpointer(options: CheckpointerOptions): RunningCheckpointer {
	const now = options.now ?? Date.now;
	const whileWorking = options.whileWorkingMs ?? 3 * 60_000;
	const last = new Map<string, {state: string; checkpointAt: number}>();
	let running: Promise<void> | undefined;
	let prunedAt = 0;
	const closedCheckedAt = new Map<string, number>();

	/**
	 * A bead closed some other way than a landed merge (bd close, a convoy closed by hand):
	 * the hook of an agent no longer working on it is archived all the same, once.
	 */
	const archiveIfClosed = async (session: SessionInfo) => {
		if (session.role !== 'polecat' || session.state.state === 'working' || session.state.state === 'starting') return;
		if (now() - (closedCheckedAt.get(session.id) ?? 0) < closedCheckMs) return;
		closedCheckedAt.set(session.id, now());
		const agent = hookedAgent(options.townRoot, session.address);
		const [last] = await checkpointHistory(agent, options.vars, 1);
		const bead = last?.bead ?? session.bead;
		if (!last || !bead) return;
		const found = (await ledgerHolding(options.townRoot, bead)?.read())?.get(bead);
		if (found?.status !== 'closed') return;
		// Landed: the refinery archived it already; a checkpoint taken after (the turn that ran gt done) holds nothing new.
		const archivedRef = `refs/gastown/archive/${agent.id}/${bead}`;
		if (await gitSucceeds(agent.worktree, ['rev-parse', '--verify', '--quiet', archivedRef], options.vars)) {
			const tip = await runGit(agent.worktree, ['rev-parse', `${archivedRef}^1^{tree}`], options.vars);
			if (tip === last.tree) await runGit(agent.worktree, ['update-ref', '-d', checkpointRef(agent.id), last.commit], options.vars);
			return;
		}
		const branch = await runGit(agent.worktree, ['rev-parse', '--abbrev-ref', 'HEAD'], options.vars);
		const tip = await runGit(agent.worktree, ['rev-parse', 'HEAD'], options.vars);
		const archived = await archiveHook(agent, options.vars, {townRoot: options.townRoot, bead, branch, tip, why: `${bead} closed (${found.close_reason ?? 'no reason given'})`, now: new Date(now())});
		options.log(`archived ${session.id}'s hook for closed ${bead}: ${archived.ref}`);
	};

	const round = async () => {
		for (const session of options.sessions.list()) {
			if (session.role !== 'polecat' && session.role !== 'crew') continue;
			const state = session.state.state;
			const seen = last.get(session.id) ?? {state, checkpointAt: now()};
			last.set(session.id, {...seen, state});
			const turnEnded = seen.state === 'working' && (state === 'idle' || state === 'waiting');
			const longTurn = state === 'working' && now() - seen.checkpointAt >= whileWorking;
			if (!turnEnded && !longTurn) {
				if (existsSync(session.cwd)) await archiveIfClosed(session).catch((error: unknown) => options.log(`archive check of ${session.id} failed: ${(error as Error).message}`));
				continue;
			}
			if (!existsSync(session.cwd)) continue;
			try {
				const agent = hookedAgent(options.townRoot, session.address);
				const {checkpoint, created} = await takeCheckpoint(agent, options.vars, {reason: turnEnded ? 'turn end' : 'while working', state, ...(session.bead ? {bead: session.bead} : {}), now: new Date(now())});
				last.set(session.id, {state, checkpointAt: now()});
				if (created) options.log(`checkpoint ${session.id} ${checkpoint.commit.slice(0, 8)} (${checkpoint.reason}, ${checkpoint.files} files)`);
			} catch (error) {
				last.set(session.id, {state, checkpointAt: now()});
				options.log(`checkpoint ${session.id} failed: ${(error as Error).message}`);
			}
		}
		for (const id of last.keys()) if (!options.sessions.list().some(session => session.id === id)) last.delete(id);
		if (now() - prunedAt >= hourMs) {
			prunedAt = now();
			const pruned = await pruneArchived(options.townRoot, options.vars, new Date(now())).catch(() => []);
			if (pruned.length > 0) options.log(`pruned ${pruned.length} archived hook(s): ${pruned.map(hook => hook.ref).join(', ')}`);
		}
	};
	const tick = () => {
		running ??= round().finally(() => {
			running = undefined;
		});
		return running;
	};
	const timer = setInterval(() => void tick(), options.tickMs ?? 5000);
	timer.unref();
	return {
		tick,
		async stop() {
			clearInterval(timer);
			await running;
		},
	};
}
