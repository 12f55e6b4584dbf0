// Hooks upkeep: what every agent's hook looks like on disk (gt hooks list), and
// putting hooks and worktrees back together when they drift apart (gt hooks repair).
// Repair never deletes a worktree, a branch or a file: it prunes git's records of
// directories that are already gone, recreates missing worktrees, and releases hooks
// whose work is finished. Running it twice finds nothing the second time.
import {randomUUID} from 'node:crypto';
import {existsSync, readdirSync, rmdirSync} from 'node:fs';
import path from 'node:path';
import {crewRef, mayorRef, polecatRef, type AgentRef} from '../agents/address.js';
import {Ledger} from '../beads/ledger.js';
import {actorFrom} from '../beads/resolve.js';
import type {Bead} from '../beads/types.js';
import {crewBranch} from '../town/crew.js';
import {agentForRole} from '../agents/registry.js';
import {readTownConfig} from '../town/town-config.js';
import {readSlingQueue} from '../patrols/sling-queue.js';
import type {SessionControl} from '../sessions/port.js';
import type {SessionInfo} from '../sessions/types.js';
import type {Environment} from '../base/environment.js';
import {logActivity} from '../base/activity-log.js';
import {branchExists} from '../git/branch.js';
import {worktreeStatus, type WorktreeStatus} from '../git/status.js';
import {addWorktree, listWorktrees, pruneWorktrees} from '../git/worktree.js';
import {releaseHook} from './hook.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {polecatBranch, polecatNames} from '../town/polecats.js';
import {readRigConfig, rigNames} from '../town/rig-config.js';

export type HookBead = {readonly id: string; readonly title: string; readonly status: string; readonly hooked: boolean; readonly updatedAt: string};

export type HookEntry = {
	readonly address: string;
	readonly role: string;
	readonly rig?: string;
	/** The agent's worktree; undefined for agents without one (the Mayor). */
	readonly worktree?: string;
	readonly exists: boolean;
	readonly branch?: string;
	/** The hooked bead; else the bead its polecat branch is named after (e.g. awaiting merge). */
	readonly bead?: HookBead;
	readonly dirty?: number;
	readonly unmerged?: number;
	/** The daemon's state for its session, "no session", or "no daemon". */
	readonly session: string;
	/** Why the worktree could not be read. */
	readonly problem?: string;
};

export type Fix = {readonly kind: string; readonly agent: string; readonly detail: string};

export type RepairReport = {
	/** What was fixed (or, in a dry run, would be). */
	readonly fixes: Fix[];
	/** What needs a human and was left alone; these stay until someone acts. */
	readonly warnings: Fix[];
};

type Sessions = {readonly running: boolean; readonly byAddress: ReadonlyMap<string, SessionInfo>};

/** Sessions from the daemon when it runs (undefined: not running). */
async function readSessions(port: SessionControl | undefined): Promise<Sessions> {
	if (!port) return {running: false, byAddress: new Map()};
	try {
		return {running: true, byAddress: new Map((await port.sessions()).map(info => [info.address, info]))};
	} catch {
		return {running: false, byAddress: new Map()};
	}
}

type LedgerBeads = {readonly ledger: Ledger; readonly beads: readonly Bead[]};

async function readLedgers(townRoot: string): Promise<LedgerBeads[]> {
	const dirs = [townLayout(townRoot).beads, ...rigNames(townRoot).map(rig => rigLayout(townRoot, rig).beads)];
	const result: LedgerBeads[] = [];
	for (const dir of dirs) {
		if (!Ledger.exists(dir)) continue;
		const ledger = Ledger.open(dir);
		result.push({ledger, beads: [...(await ledger.read()).values()]});
	}
	return result;
}

/** The worker an address names, when it is a polecat or crew member of an existing rig. */
function workerRef(townRoot: string, address: string, rigs: ReadonlySet<string>): AgentRef | undefined {
	if (address === 'mayor/' || address === 'mayor') return mayorRef(townRoot);
	const words = address.replace(/\/+$/, '').split('/');
	const [rig, kind, name] = words;
	if (!rig || !rigs.has(rig)) return undefined;
	if (words.length === 3 && kind === 'polecats' && name) return polecatRef(townRoot, rig, name);
	if (words.length === 3 && kind === 'crew' && name) return crewRef(townRoot, rig, name);
	if (words.length === 2 && kind && !['witness', 'refinery', 'crew', 'polecats'].includes(kind)) return polecatRef(townRoot, rig, kind);
	return undefined;
}

function subdirs(dir: string): string[] {
	try {
		return readdirSync(dir, {withFileTypes: true}).filter(entry => entry.isDirectory() && !entry.name.startsWith('.')).map(entry => entry.name).sort();
	} catch {
		return [];
	}
}

const beadOf = (bead: Bead, hooked: boolean): HookBead => ({id: bead.id, title: bead.title, status: bead.status, hooked, updatedAt: bead.updated_at});

function sessionLabel(sessions: Sessions, address: string): string {
	if (!sessions.running) return 'no daemon';
	return sessions.byAddress.get(address)?.state.state ?? 'no session';
}

/** Every agent with a worktree or a hooked bead: polecats, crew, the Mayor (and any other assignee). */
export async function listHooks(townRoot: string, env: Environment, port: SessionControl | undefined): Promise<HookEntry[]> {
	const rigs = rigNames(townRoot);
	const rigSet = new Set(rigs);
	const ledgers = await readLedgers(townRoot);
	const sessions = await readSessions(port);
	const byId = new Map<string, Bead>();
	const hooked = new Map<string, Bead>();
	for (const {beads} of ledgers) {
		for (const bead of beads) {
			byId.set(bead.id, bead);
			if (bead.status === 'hooked' && bead.assignee && !hooked.has(bead.assignee)) hooked.set(bead.assignee, bead);
		}
	}

	const agents = new Map<string, AgentRef>();
	for (const rig of rigs) {
		for (const name of polecatNames(townRoot, rig)) agents.set(polecatRef(townRoot, rig, name).address, polecatRef(townRoot, rig, name));
		for (const name of subdirs(rigLayout(townRoot, rig).crew)) agents.set(crewRef(townRoot, rig, name).address, crewRef(townRoot, rig, name));
	}
	for (const address of hooked.keys()) {
		if (agents.has(address)) continue;
		const ref = workerRef(townRoot, address, rigSet);
		if (!ref) continue;
		agents.set(ref.address, ref);
	}

	const entries: HookEntry[] = [];
	for (const ref of agents.values()) {
		const hook = hooked.get(ref.address);
		const session = sessionLabel(sessions, ref.address);
		if (!ref.rig) {
			entries.push({address: ref.address, role: ref.role, exists: false, ...(hook ? {bead: beadOf(hook, true)} : {}), session});
			continue;
		}
		const exists = existsSync(ref.dir);
		let status: WorktreeStatus | undefined;
		let problem: string | undefined;
		if (exists) {
			try {
				status = await worktreeStatus(ref.dir, readRigConfig(townRoot, ref.rig).default_branch, env.vars);
			} catch (error) {
				problem = (error as Error).message;
			}
		} else problem = 'worktree is missing';
		// No hook: name the bead the polecat's branch is for, so finished work shows its state.
		const branchBead = status?.branch && ref.role === 'polecat' ? /^polecat\/[^/]+\/(.+)$/.exec(status.branch)?.[1] : undefined;
		const shown = hook ? beadOf(hook, true) : branchBead && byId.has(branchBead) ? beadOf(byId.get(branchBead)!, false) : undefined;
		entries.push({
			address: ref.address,
			role: ref.role,
			rig: ref.rig,
			worktree: ref.dir,
			exists,
			...(status?.branch ? {branch: status.branch} : {}),
			...(shown ? {bead: shown} : {}),
			...(status ? {dirty: status.dirty.length, unmerged: status.unmerged} : {}),
			session,
			...(problem ? {problem} : {}),
		});
	}
	const order = (entry: HookEntry) => (entry.role === 'mayor' ? 0 : 1);
	return entries.sort((a, b) => order(a) - order(b) || a.address.localeCompare(b.address));
}

/** Whether `dir` is a worktree of its own (not just a directory inside some other repository). */
async function isWorktree(dir: string, defaultBranch: string, env: Environment): Promise<boolean> {
	try {
		await worktreeStatus(dir, defaultBranch, env.vars);
		return true;
	} catch {
		return false;
	}
}

/** The merge request `gt done` queued for this hook, if it got that far before the hook was released. */
function mergeRequestFor(beads: readonly Bead[], hooked: Bead): Bead | undefined {
	return beads.find(candidate => {
		if (candidate.issue_type !== 'merge-request') return false;
		const meta = (candidate.metadata ?? {}) as Record<string, unknown>;
		// Made after this hook (an older one belongs to an earlier round of the same bead).
		return meta.source_bead === hooked.id && meta.worker === hooked.assignee && candidate.created_at >= hooked.updated_at;
	});
}

/**
 * Repairs hooks and worktrees. Order matters: git's stale registrations are pruned
 * first, because a pruned-but-registered path or branch would block recreating it.
 *
 * "Released" means what `gt done` would have left: a hook whose merge request was
 * merged becomes a closed bead; one whose merge request is still queued becomes
 * in_progress; both keep the assignee as credit. A bead that is closed and still
 * assigned is not a hook (a hook is status hooked) and is left alone: the assignee
 * is the record of who did it.
 */
export async function repairHooks(townRoot: string, env: Environment, options: {dryRun?: boolean; control?: SessionControl} = {}): Promise<RepairReport> {
	const dryRun = options.dryRun ?? false;
	const fixes: Fix[] = [];
	const warnings: Fix[] = [];
	const who = {actor: actorFrom(env), now: env.now()};
	const rigs = rigNames(townRoot);
	const rigSet = new Set(rigs);
	const relative = (dir: string) => path.relative(townRoot, dir) || '.';

	// (a) Registrations of worktrees whose directories are gone.
	for (const rig of rigs) {
		const layout = rigLayout(townRoot, rig);
		let worktrees;
		try {
			worktrees = await listWorktrees(layout.repo, env.vars);
		} catch (error) {
			warnings.push({kind: 'unreadable-repo', agent: rig, detail: `cannot list the worktrees of ${relative(layout.repo)}: ${(error as Error).message}`});
			continue;
		}
		const stale = worktrees.filter(entry => entry.prunable && !entry.bare && !entry.locked);
		for (const entry of stale) {
			fixes.push({kind: 'prune', agent: agentOfPath(townRoot, rig, entry.path), detail: `pruned git's record of ${relative(entry.path)}, which is gone${entry.branch ? ` (branch ${entry.branch} kept)` : ''}`});
		}
		if (stale.length > 0 && !dryRun) await pruneWorktrees(layout.repo, env.vars);
	}

	// (d) Polecat and crew directories that are not worktrees: empty ones are leftovers.
	const removed = new Set<string>();
	for (const rig of rigs) {
		const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);
		const dirs = [
			...polecatNames(townRoot, rig).map(name => polecatRef(townRoot, rig, name)),
			...subdirs(rigLayout(townRoot, rig).crew).map(name => crewRef(townRoot, rig, name)),
		];
		for (const ref of dirs) {
			if (await isWorktree(ref.dir, defaultBranch, env)) continue;
			if (readdirSync(ref.dir).length === 0) {
				fixes.push({kind: 'remove-empty-dir', agent: ref.address, detail: `removed ${relative(ref.dir)}: an empty directory, not a worktree`});
				removed.add(ref.dir);
				if (!dryRun) rmdirSync(ref.dir);
			} else {
				warnings.push({kind: 'not-a-worktree', agent: ref.address, detail: `${relative(ref.dir)} is not a git worktree but holds files; left alone (save what you need, then remove it)`});
			}
		}
	}

	// (b), (c) Hooked beads.
	for (const {ledger, beads} of await readLedgers(townRoot)) {
		for (const bead of beads) {
			if (bead.status !== 'hooked' || !bead.assignee) continue;
			const agent = bead.assignee;
			try {
				const mergeRequest = mergeRequestFor(beads, bead);
				if (mergeRequest) {
					const merged = mergeRequest.status === 'closed';
					const status = merged ? 'closed' : 'in_progress';
					fixes.push({kind: 'release', agent, detail: merged
						? `released ${bead.id}: its merge request ${mergeRequest.id} is merged, so the bead is closed`
						: `released ${bead.id}: \`gt done\` had queued merge request ${mergeRequest.id}, so the bead is in_progress awaiting merge`});
					if (!dryRun) {
						await releaseHook(ledger, bead.id, who, {status, keepAssignee: true, note: `Hook released by gt hooks repair: merge request ${mergeRequest.id} ${merged ? 'merged' : 'queued'}`});
						logActivity(townRoot, {type: 'hooks-repair', actor: who.actor, fix: 'release', bead: bead.id, agent, status}, who.now);
					}
					continue;
				}
				// Hooked yet stamped closed (closed by a tool that did not know about hooks).
				if (bead.closed_at) {
					fixes.push({kind: 'release', agent, detail: `released ${bead.id}: it was closed at ${bead.closed_at} while hooked`});
					if (!dryRun) {
						await releaseHook(ledger, bead.id, who, {status: 'closed', keepAssignee: true, note: 'Hook released by gt hooks repair: the bead was already closed'});
						logActivity(townRoot, {type: 'hooks-repair', actor: who.actor, fix: 'release', bead: bead.id, agent, status: 'closed'}, who.now);
					}
					continue;
				}
				const ref = workerRef(townRoot, agent, rigSet);
				if (!ref?.rig || !ref.name) {
					if (!ref) warnings.push({kind: 'unknown-agent', agent, detail: `${bead.id} is hooked by ${agent}, which is no agent of this town; \`gt unsling ${bead.id}\` frees it`});
					continue;
				}
				// A dry run has not removed the empty directory yet, but reports as if it had.
				if (existsSync(ref.dir) && !removed.has(ref.dir)) continue;
				await recreateWorktree(townRoot, ref, bead, {dryRun, fixes, env, who: who.actor});
			} catch (error) {
				warnings.push({kind: 'failed', agent, detail: `could not repair the hook of ${bead.id}: ${(error as Error).message}`});
			}
		}
	}
	// (e) Hooked work whose agent is gone (no session at all): started again.
	if (options.control) {
		const report = await startOrphanedHooks(townRoot, env, options.control, {dryRun});
		fixes.push(...report.fixes);
		warnings.push(...report.warnings);
	}
	return {fixes, warnings};
}

/**
 * Polecats and crew with a hooked bead, an existing worktree and no session at all (not
 * even an exited one, and not waiting behind the polecat cap): their agent is gone and
 * nothing would bring it back, e.g. a daemon killed before it wrote their record. Each
 * is started again from the bead's assignee and the worktree, as sling would have.
 */
export async function startOrphanedHooks(townRoot: string, env: Environment, control: SessionControl, options: {dryRun?: boolean; only?: string} = {}): Promise<RepairReport> {
	const fixes: Fix[] = [];
	const warnings: Fix[] = [];
	const sessions = await readSessions(control);
	if (!sessions.running) return {fixes, warnings};
	const queued = new Set(readSlingQueue(townRoot).map(entry => entry.spec.id));
	const rigSet = new Set(rigNames(townRoot));
	const who = actorFrom(env);
	for (const {beads} of await readLedgers(townRoot)) {
		for (const bead of beads) {
			if (bead.status !== 'hooked' || !bead.assignee) continue;
			const ref = workerRef(townRoot, bead.assignee, rigSet);
			if (!ref?.rig || !ref.name || sessions.byAddress.has(ref.address) || queued.has(ref.sessionId) || !existsSync(ref.dir)) continue;
			if (options.only !== undefined && ref.address !== options.only) continue;
			try {
				const agent = agentForRole(readTownConfig(townRoot), ref.role).name;
				fixes.push({kind: 'start-agent', agent: ref.address, detail: `started ${ref.address} (${agent}) in ${path.relative(townRoot, ref.dir)} for hooked ${bead.id}: it had no session`});
				if (options.dryRun) continue;
				await control.start({
					id: ref.sessionId,
					address: ref.address,
					role: ref.role,
					rig: ref.rig,
					agent,
					cwd: ref.dir,
					bead: bead.id,
					prompt: `You are ${ref.role} ${ref.name} (${ref.address}) in Gas Town. Your hook holds ${bead.id}: "${bead.title}". ` +
						'Run `gt prime` for your full context, carry on with the work in this directory (see `git log` for what is done) and commit it, then run `gt done`.',
					conversationId: randomUUID(),
				});
				logActivity(townRoot, {type: 'hooks-repair', actor: who, fix: 'start-agent', bead: bead.id, agent: ref.address}, env.now());
			} catch (error) {
				fixes.pop();
				warnings.push({kind: 'failed', agent: ref.address, detail: `could not start ${ref.address} for hooked ${bead.id}: ${(error as Error).message}`});
			}
		}
	}
	return {fixes, warnings};
}

/** (b) A missing worktree for hooked work: from its own branch when there is one (its commits come back), else a new branch. */
async function recreateWorktree(townRoot: string, ref: AgentRef, bead: Bead, context: {dryRun: boolean; fixes: Fix[]; env: Environment; who: string}): Promise<void> {
	const rig = ref.rig!;
	const layout = rigLayout(townRoot, rig);
	const {default_branch: defaultBranch} = readRigConfig(townRoot, rig);
	const branch = ref.role === 'crew' ? crewBranch(ref.name!) : polecatBranch(ref.name!, bead.id);
	const relativeDir = path.relative(townRoot, ref.dir);
	const haveBranch = await branchExists(layout.repo, branch, context.env.vars);
	context.fixes.push({
		kind: 'recreate-worktree',
		agent: ref.address,
		detail: haveBranch
			? `recreated ${relativeDir} on ${branch} for hooked ${bead.id}`
			: `recreated ${relativeDir} on a new ${branch} from ${defaultBranch} for hooked ${bead.id} (its branch was gone too)`,
	});
	if (context.dryRun) return;
	await addWorktree(layout.repo, ref.dir, haveBranch ? {branch} : {newBranch: branch, from: defaultBranch}, context.env.vars);
	logActivity(townRoot, {type: 'hooks-repair', actor: context.who, fix: 'recreate-worktree', bead: bead.id, agent: ref.address, branch}, context.env.now());
}

/** The agent a worktree path belongs to, for reports; the rig when it is none of theirs. */
function agentOfPath(townRoot: string, rig: string, dir: string): string {
	const layout = rigLayout(townRoot, rig);
	const parent = path.dirname(dir);
	if (parent === layout.polecats) return polecatRef(townRoot, rig, path.basename(dir)).address;
	if (parent === layout.crew) return crewRef(townRoot, rig, path.basename(dir)).address;
	if (dir === layout.refinery) return `${rig}/refinery`;
	return rig;
}
