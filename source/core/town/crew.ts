// Crew: long-lived named workspaces in a rig, for a human or a persistent agent.
// Each is a worktree of the rig's bare clone at <rig>/crew/<name> on branch
// crew/<name>, so crew share one object store with the refinery and polecats.
import {existsSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {conflict, notFound, usageError} from '../base/errors.js';
import {branchExists, checkBranchName, commitsNotIn, deleteBranch} from '../git/branch.js';
import {worktreeStatus, type WorktreeStatus} from '../git/status.js';
import {addWorktree, pruneWorktrees, removeWorktree} from '../git/worktree.js';
import {reservedWorkerNames, validateName} from '../base/names.js';
import {crewDir, rigLayout} from '../base/paths.js';
import {readRigConfig, requireRig, rigNames} from './rig-config.js';

export const crewBranch = (name: string) => `crew/${name}`;

export type CrewWorkspace = {
	readonly rig: string;
	readonly name: string;
	readonly path: string;
	readonly branch: string;
};

export type AddCrewResult = CrewWorkspace & {
	/** The branch existed already (an earlier crew of that name) and was checked out again. */
	readonly reusedBranch: boolean;
};

export async function addCrew(townRoot: string, options: {rig: string; name: string}, env: Environment): Promise<AddCrewResult> {
	const {rig, name} = options;
	validateName('crew', name);
	if (reservedWorkerNames.has(name.toLowerCase())) {
		throw usageError(`"${name}" is a reserved name`, `pick another crew name (reserved: ${[...reservedWorkerNames].join(', ')})`);
	}
	requireRig(townRoot, rig);
	const layout = rigLayout(townRoot, rig);
	const dir = crewDir(townRoot, rig, name);
	if (existsSync(dir)) throw conflict(`crew "${name}" already exists in rig ${rig}`, `use ${dir}, or \`gt crew remove ${name} --rig ${rig}\` first`);
	const branch = await checkBranchName(layout.repo, crewBranch(name), env.vars);
	const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);

	const reusedBranch = await branchExists(layout.repo, branch, env.vars);
	try {
		await addWorktree(layout.repo, dir, reusedBranch ? {branch} : {newBranch: branch, from: defaultBranch}, env.vars);
	} catch (error) {
		rmSync(dir, {recursive: true, force: true});
		await pruneWorktrees(layout.repo, env.vars).catch(() => undefined);
		if (!reusedBranch && (await branchExists(layout.repo, branch, env.vars))) {
			await deleteBranch(layout.repo, branch, env.vars, {force: true}).catch(() => undefined);
		}
		throw error;
	}
	return {rig, name, path: dir, branch, reusedBranch};
}

export type CrewEntry = CrewWorkspace & {
	/** Uncommitted paths; undefined when the status could not be read. */
	readonly dirty?: number;
	readonly unmerged?: number;
	/** Why the status could not be read (e.g. the worktree was deleted by hand). */
	readonly problem?: string;
};

function crewNames(townRoot: string, rig: string): string[] {
	const dir = rigLayout(townRoot, rig).crew;
	try {
		return readdirSync(dir).filter(entry => !entry.startsWith('.') && statSync(path.join(dir, entry)).isDirectory()).sort();
	} catch {
		return [];
	}
}

/** Crew of one rig, or of every rig, with their uncommitted and unmerged counts. */
export async function listCrew(townRoot: string, env: Environment, rig?: string): Promise<CrewEntry[]> {
	const rigs = rig === undefined ? rigNames(townRoot) : [requireRig(townRoot, rig)];
	const entries: CrewEntry[] = [];
	for (const rigName of rigs) {
		const {default_branch: defaultBranch} = readRigConfig(townRoot, rigName);
		for (const name of crewNames(townRoot, rigName)) {
			const dir = crewDir(townRoot, rigName, name);
			try {
				const status = await worktreeStatus(dir, defaultBranch, env.vars);
				entries.push({rig: rigName, name, path: dir, branch: status.branch ?? '(detached)', dirty: status.dirty.length, unmerged: status.unmerged});
			} catch (error) {
				entries.push({rig: rigName, name, path: dir, branch: crewBranch(name), problem: (error as Error).message});
			}
		}
	}
	return entries;
}

export type RemoveCrewResult = CrewWorkspace & {
	/** The branch still holds commits the default branch lacks, so it was kept. */
	readonly branchKept: boolean;
	/** Uncommitted paths that --force discarded. */
	readonly discarded: readonly string[];
};

/**
 * Removes the worktree and its registration. Refuses uncommitted work unless `force`.
 * Commits are never lost: a branch with unmerged commits is kept for a later `crew add`.
 */
export async function removeCrew(townRoot: string, options: {rig: string; name: string; force?: boolean}, env: Environment): Promise<RemoveCrewResult> {
	const {rig, name} = options;
	validateName('crew', name);
	requireRig(townRoot, rig);
	const layout = rigLayout(townRoot, rig);
	const dir = crewDir(townRoot, rig, name);
	const branch = crewBranch(name);
	if (!existsSync(dir)) throw notFound(`no crew "${name}" in rig ${rig}`, `see \`gt crew list --rig ${rig}\``);
	const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);

	let status: WorktreeStatus | undefined;
	try {
		status = await worktreeStatus(dir, defaultBranch, env.vars);
	} catch {
		// Not a working worktree any more (its .git was deleted by hand): nothing of git's to lose.
	}
	const dirty = status?.dirty ?? [];
	if (dirty.length > 0 && !options.force) {
		const shown = dirty.slice(0, 3).join(', ') + (dirty.length > 3 ? ', …' : '');
		throw conflict(`crew "${name}" in rig ${rig} has ${dirty.length} uncommitted file${dirty.length === 1 ? '' : 's'} (${shown})`, dirty.length === 1 ? 'commit it, or pass --force to discard it' : 'commit them, or pass --force to discard them');
	}
	if (status) await removeWorktree(layout.repo, dir, env.vars, {force: true});
	else {
		rmSync(dir, {recursive: true, force: true});
		await pruneWorktrees(layout.repo, env.vars);
	}

	let branchKept = false;
	if (await branchExists(layout.repo, branch, env.vars)) {
		// Measured on the branch itself: the worktree may have been switched to another one.
		branchKept = (await commitsNotIn(layout.repo, `refs/heads/${branch}`, [`refs/heads/${defaultBranch}`, `refs/remotes/origin/${defaultBranch}`], env.vars)) > 0;
		if (!branchKept) await deleteBranch(layout.repo, branch, env.vars, {force: true});
	}
	return {rig, name, path: dir, branch, branchKept, discarded: dirty};
}
