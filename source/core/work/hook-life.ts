// A hook's place in its life, the same word on every surface (gt hooks list, gt agents,
// the UI, the dashboard, --json): created (a worktree, nothing on it), active (work on
// it), suspended (its agent paused), completed (gt done: waiting for its merge),
// archived (landed; kept under refs/gastown/archive, core/work/hook-archive.ts).
import type {HookEntry} from './hook-repair.js';

export type HookLifeState = 'created' | 'active' | 'suspended' | 'completed' | 'archived';
export type HookLife = {readonly state: HookLifeState; readonly since?: string; readonly why: string};

/** `paused`: the agent's session when it is paused (its state's since and detail). */
export function hookLife(entry: HookEntry, paused?: {since: string; detail?: string}): HookLife {
	if (entry.session === 'paused' || paused) return {state: 'suspended', ...(paused ? {since: paused.since} : {}), why: paused?.detail ?? 'paused'};
	const bead = entry.bead;
	if (bead?.hooked) return {state: 'active', since: bead.updatedAt, why: `${bead.id} on the hook`};
	if (bead && bead.status !== 'closed') return {state: 'completed', since: bead.updatedAt, why: `${bead.id} done, waiting for its merge`};
	return {state: 'created', why: 'nothing on the hook'};
}
