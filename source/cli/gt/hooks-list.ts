// gt hooks list [--json]: every agent's hook — worktree, branch, hooked bead, dirty
// files and session state — so drift between ledger and disk is visible at a glance.
import path from 'node:path';
import {listHooks, type HookEntry} from '../../core/work/hook-repair.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {formatAge, formatTable} from '../shared/agent-table.js';
import {hookLife} from '../../core/work/hook-life.js';
import {listArchived} from '../../core/work/hook-archive.js';
import {flagBool, type CommandContext} from '../spec.js';

async function listArchivedHooks(context: CommandContext, townRoot: string): Promise<number> {
	const archived = await listArchived(townRoot, context.env.vars);
	if (flagBool(context, 'json')) {
		context.out.json(archived.map(hook => ({state: 'archived', since: hook.archivedAt, why: hook.why, agent: hook.agent, rig: hook.rig, bead: hook.bead, branch: hook.branch, tip: hook.tip, checkpoint: hook.checkpoint ?? null, worktree: hook.worktree, ref: hook.ref})));
		return 0;
	}
	if (archived.length === 0) {
		context.out.line('No archived hooks: a polecat\'s hook is archived when its work lands.');
		return 0;
	}
	const now = context.env.now().getTime();
	const rows = [['AGENT', 'BEAD', 'ARCHIVED', 'TIP', 'WHY'], ...archived.map(hook => [hook.agent, hook.bead, formatAge(hook.archivedAt, now), hook.tip.slice(0, 8), hook.why])];
	for (const line of formatTable(rows)) context.out.line(line);
	context.out.line('\nBring one back with: gt hook restore <agent>/<bead>');
	return 0;
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	if (flagBool(context, 'archived')) return listArchivedHooks(context, townRoot);
	const {hooks, paused} = await withRunningSessions(townRoot, async sessions => {
		const list = await listHooks(townRoot, context.env, sessions);
		const infos = sessions ? await sessions.sessions() : [];
		return {hooks: list, paused: new Map(infos.filter(info => info.state.state === 'paused').map(info => [info.address, {since: info.state.since, ...(info.state.detail ? {detail: info.state.detail} : {})}]))};
	});
	const lifeOf = (entry: HookEntry) => hookLife(entry, paused.get(entry.address));
	if (flagBool(context, 'json')) {
		context.out.json(hooks.map(entry => ({
			...lifeOf(entry),
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
		['AGENT', 'HOOK', 'WORKTREE', 'BRANCH', 'BEAD', 'DIRTY', 'SESSION'],
		...hooks.map(entry => [entry.address, lifeOf(entry).state, worktree(entry), entry.branch ?? '-', bead(entry), dirty(entry), entry.session]),
	];
	for (const line of formatTable(rows)) context.out.line(line);
	const broken = hooks.filter(entry => entry.worktree && (!entry.exists || entry.problem) && entry.bead?.hooked);
	if (broken.length > 0) context.out.line(`\n${broken.length} hook${broken.length === 1 ? '' : 's'} without a working worktree: \`gt hooks repair\` fixes what it safely can.`);
	return 0;
}
