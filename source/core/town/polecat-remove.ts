// Removing a polecat (the original's `gt polecat remove` / `nuke`): its session is stopped,
// the bead on its hook goes back to open, and its worktree and branch are deleted. Work that
// exists nowhere else (uncommitted files, commits not on the default branch) makes it refuse
// unless forced.
import {existsSync, rmSync} from 'node:fs';
import {polecatRef} from '../agents/address.js';
import type {Actor} from '../beads/operations.js';
import {conflict, notFound} from '../base/errors.js';
import type {Environment} from '../base/environment.js';
import {validateName} from '../base/names.js';
import {rigLayout} from '../base/paths.js';
import {deleteBranch, listBranches} from '../git/branch.js';
import {hasUnsavedWork, worktreeStatus, type WorktreeStatus} from '../git/status.js';
import {pruneWorktrees, removeWorktree} from '../git/worktree.js';
import {isLive, type SessionControl} from '../sessions/port.js';
import {findHookedWork, releaseHook} from '../work/hook.js';
import {readRigConfig, requireRig} from './rig-config.js';

export type RemovedPolecat = {
	readonly address: string;
	readonly path: string;
	/** The bead that went back to open, if one was hooked. */
	readonly released?: string;
	readonly stopped: boolean;
	readonly branches: readonly string[];
	/** What --force threw away. */
	readonly discarded: {readonly dirty: readonly string[]; readonly unmerged: number};
};

export async function removePolecat(townRoot: string, options: {rig: string; name: string; force?: boolean}, who: Actor, env: Environment, sessions?: SessionControl): Promise<RemovedPolecat> {
	const {rig, force} = options;
	requireRig(townRoot, rig);
	const name = validateName('polecat', options.name);
	const agent = polecatRef(townRoot, rig, name);
	const layout = rigLayout(townRoot, rig);
	if (!existsSync(agent.dir)) throw notFound(`no polecat "${name}" in rig ${rig}`, `gt polecat list ${rig} shows them`);
	let status: WorktreeStatus | undefined;
	try {
		status = await worktreeStatus(agent.dir, readRigConfig(townRoot, rig).default_branch, env.vars);
	} catch {
		// Not a worktree any more (deleted .git): nothing of git's to lose.
	}
	if (status && hasUnsavedWork(status) && !force) {
		const parts = [status.dirty.length > 0 ? `${status.dirty.length} uncommitted file(s)` : '', status.unmerged > 0 ? `${status.unmerged} unmerged commit(s)` : ''].filter(Boolean);
		throw conflict(`${agent.address} has unsaved work: ${parts.join(', ')}`, 'let it finish (gt done), or pass --force to discard it');
	}
	let stopped = false;
	if (sessions) {
		const info = (await sessions.sessions()).find(session => session.id === agent.sessionId);
		if (isLive(info)) {
			await sessions.stop(agent.sessionId, {force: true});
			stopped = true;
		}
	}
	const hooked = await findHookedWork(townRoot, agent);
	if (hooked) await releaseHook(hooked.ledger, hooked.bead.id, who, {status: 'open', note: `Released by gt polecat remove ${agent.address}`});
	if (status) await removeWorktree(layout.repo, agent.dir, env.vars, {force: true});
	else {
		rmSync(agent.dir, {recursive: true, force: true});
		await pruneWorktrees(layout.repo, env.vars);
	}
	const branches = (await listBranches(layout.repo, env.vars)).filter(branch => branch.startsWith(`polecat/${name}/`));
	for (const branch of branches) await deleteBranch(layout.repo, branch, env.vars, {force: true});
	return {address: agent.address, path: agent.dir, ...(hooked ? {released: hooked.bead.id} : {}), stopped, branches, discarded: {dirty: status?.dirty ?? [], unmerged: status?.unmerged ?? 0}};
}
