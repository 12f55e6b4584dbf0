// gt hooks list [--json]: every agent's hook — worktree, branch, hooked bead, dirty
// files and session state — so drift between ledger and disk is visible at a glance.
import path from 'node:path';
import {listHooks, type HookEntry} from '../../core/work/hook-repair.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {formatTable} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const hooks = await withRunningSessions(townRoot, async sessions => listHooks(townRoot, context.env, sessions));
	if (flagBool(context, 'json')) {
		context.out.json(hooks.map(entry => ({
			address: entry.address,
			role: entry.role,
			rig: entry.rig ?? null,
			worktree: entry.worktree ?? null,
			exists: entry.exists,
			branch: entry.branch ?? null,
			bead: entry.bead ?? null,
			dirty: entry.dirty ?? null,
			unmerged: entry.unmerged ?? null,
			session: entry.session,
			...(entry.problem ? {problem: entry.problem} : {}),
		})));
		return 0;
	}
	if (hooks.length === 0) {
		context.out.line('No hooks: no agent has a worktree or hooked work. Hand out work with: gt sling <bead> <rig>');
		return 0;
	}
	const worktree = (entry: HookEntry) => {
		if (!entry.worktree) return '-';
		const shown = path.relative(townRoot, entry.worktree);
		if (!entry.exists) return `${shown} (missing)`;
		return entry.problem ? `${shown} (broken)` : shown;
	};
	const bead = (entry: HookEntry) => (entry.bead ? `${entry.bead.id} ${entry.bead.status}` : '-');
	const dirty = (entry: HookEntry) => (entry.dirty === undefined ? '-' : String(entry.dirty));
	const rows = [
		['AGENT', 'WORKTREE', 'BRANCH', 'BEAD', 'DIRTY', 'SESSION'],
		...hooks.map(entry => [entry.address, worktree(entry), entry.branch ?? '-', bead(entry), dirty(entry), entry.session]),
	];
	for (const line of formatTable(rows)) context.out.line(line);
	const broken = hooks.filter(entry => entry.worktree && (!entry.exists || entry.problem) && entry.bead?.hooked);
	if (broken.length > 0) context.out.line(`\n${broken.length} hook${broken.length === 1 ? '' : 's'} without a working worktree: \`gt hooks repair\` fixes what it safely can.`);
	return 0;
}
