// gt sling: the one place that knows how to hand work to an agent (DESIGN §6).
// Validate every bead and the target, then for each bead: a worktree (an idle
// polecat or a new one), the hook, one convoy for the lot, and the agent started
// with its first prompt. Any failure undoes what was done, newest first.
import {assertNotFrozen} from './pause.js';
import {randomUUID} from 'node:crypto';
import {Ledger} from '../beads/ledger.js';
import type {Actor} from '../beads/operations.js';
import {requireLedgerHolding, rigLedger} from '../beads/resolve.js';
import type {Bead} from '../beads/types.js';
import {agentForRole, requireInstalled} from '../agents/registry.js';
import {crewRef, mayorRef, polecatRef, type AgentRef} from '../agents/address.js';
import {readTownConfig} from '../town/town-config.js';
import {convoysTracking, createConvoy, deleteConvoy} from '../convoys/convoy.js';
import type {SessionInfo, SessionSpec} from '../sessions/types.js';
import type {Environment} from '../base/environment.js';
import {conflict, GtError, isGtError, notFound, usageError} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {hookBead, hookedByAssignee, restoreBead} from './hook.js';
import {rigLayout} from '../base/paths.js';
import {preparePolecat, polecatNames} from '../town/polecats.js';
import {crewBranch} from '../town/crew.js';
import {readRigConfig, rigNames} from '../town/rig-config.js';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {withLock} from '../base/file-lock.js';
import {isLive, type SessionControl} from '../sessions/port.js';
import {readPatrolSettings} from '../patrols/settings.js';
import {enqueueSling, runningPolecats} from '../patrols/sling-queue.js';

export type SlingRequest = {
	beads: readonly string[];
	target: string;
	agent?: string;
	crew?: string;
	convoy: boolean;
	dryRun?: boolean;
};

export type SlungWork = {
	bead: string;
	title: string;
	agent: string;
	session: string;
	runtime: string;
	worktree: string;
	branch?: string;
	reused?: boolean;
	/** The polecat cap ([deacon] max_polecats) was reached: the deacon starts it when a slot frees up. */
	queued?: {cap: number; position: number};
};

export type SlingResult = {work: SlungWork[]; convoy?: {id: string; title: string}; dryRun: boolean};

type Target = {kind: 'rig'; rig: string; name?: string} | {kind: 'crew'; rig: string; name: string} | {kind: 'mayor'};

export function parseTarget(townRoot: string, text: string, crew?: string): Target {
	if (text === 'mayor' || text === 'mayor/') {
		if (crew) throw usageError('--crew goes with a rig target, not the mayor');
		return {kind: 'mayor'};
	}
	const [rig, name, ...rest] = text.split('/');
	if (!rig || rest.length > 0 || (text.includes('/') && !name)) throw usageError(`"${text}" is not a sling target`, 'use <rig>, <rig>/<polecat>, or mayor');
	if (!rigNames(townRoot).includes(rig)) {
		const rigs = rigNames(townRoot);
		throw notFound(`no rig "${rig}" in this town`, rigs.length > 0 ? `rigs: ${rigs.join(', ')} (or target mayor)` : 'add one with `gt rig add <name> <url-or-path>`');
	}
	if (crew) {
		if (name) throw usageError('give either <rig>/<name> or --crew <name>, not both');
		return {kind: 'crew', rig, name: crew};
	}
	return name ? {kind: 'rig', rig, name} : {kind: 'rig', rig};
}

function firstPrompt(agent: AgentRef, bead: Bead): string {
	const who = agent.role === 'mayor' ? 'the Mayor' : `${agent.role} ${agent.name} (${agent.address})`;
	return `You are ${who} in Gas Town. Your hook holds ${bead.id}: "${bead.title}". ` +
		'Run `gt prime` for your full context, do the work in this directory and commit it, then run `gt done`.';
}

export type CheckedSling = {
	readonly target: Target;
	readonly role: 'mayor' | 'crew' | 'polecat';
	readonly chosen: ReturnType<typeof agentForRole>;
	readonly items: ReadonlyArray<{ledger: Ledger; bead: Bead}>;
};

/**
 * Everything about a sling that can be checked without the agents' sessions: the
 * target, the runtime (installed), the rig's config, the crew, and every bead (there,
 * open, of that rig). Called before the daemon is asked anything, so a typo never
 * starts it; sling() calls it again (it is cheap) so that no caller can skip it.
 */
export async function checkSling(townRoot: string, request: Omit<SlingRequest, 'convoy'>, env: Environment, options: {formulas?: number} = {}): Promise<CheckedSling> {
	// Formulas poured later add their roots: `formulas` counts them in for the one-bead rules.
	const count = request.beads.length + (options.formulas ?? 0);
	if (count === 0) throw usageError('gt sling needs at least one bead and a target', 'gt sling <bead...> <rig|rig/name|mayor>');
	const target = parseTarget(townRoot, request.target, request.crew);
	if (count > 1 && !(target.kind === 'rig' && !target.name)) {
		throw usageError('several beads go to a rig (one polecat each)', `sling them one at a time to ${request.target}`);
	}
	if (new Set(request.beads).size !== request.beads.length) throw usageError('the same bead is named twice');
	// A frozen town (gt estop) starts nothing until gt thaw.
	assertNotFrozen(townRoot, target.kind === 'mayor' ? undefined : target.rig);
	const role = target.kind === 'mayor' ? 'mayor' : target.kind === 'crew' ? 'crew' : 'polecat';
	const chosen = agentForRole(readTownConfig(townRoot), role, request.agent);
	// A runtime that is not installed is refused before anything changes (a dry run says so too).
	requireInstalled(chosen, env.vars);
	// The rig's config is read by the real sling; a dry run must refuse a broken one the same way.
	if (target.kind !== 'mayor') readRigConfig(townRoot, target.rig);
	if (target.kind === 'crew' && !existsSync(crewRef(townRoot, target.rig, target.name).dir)) {
		throw notFound(`no crew "${target.name}" in rig ${target.rig}`, `add it: gt crew add ${target.name} --rig ${target.rig}`);
	}
	const items: Array<{ledger: Ledger; bead: Bead}> = [];
	for (const id of request.beads) {
		const ledger = requireLedgerHolding(townRoot, id);
		const bead = (await ledger.read()).require(id);
		if (bead.status === 'closed') throw conflict(`${id} is closed`, `reopen it first: bd reopen ${id}`);
		if (target.kind !== 'mayor' && ledger.dir !== rigLayout(townRoot, target.rig).beads) {
			throw conflict(`${id} belongs to ${ledger.prefix === 'hq' ? 'the HQ ledger' : `the ledger "${ledger.prefix}"`}, not rig ${target.rig}`, ledger.prefix === 'hq' ? `sling it to the mayor: gt sling ${id} mayor` : `sling it to its own rig`);
		}
		items.push({ledger, bead});
	}
	return {target, role, chosen, items};
}

export async function sling(townRoot: string, request: SlingRequest, control: SessionControl, who: Actor, env: Environment): Promise<SlingResult> {
	const {target, role, chosen, items} = await checkSling(townRoot, request, env);
	// What only the sessions can tell: whether a hooked bead's agent is running.
	const sessions = new Map((await control.sessions()).map(info => [info.id, info]));
	const addressLive = (address: string) => [...sessions.values()].some(info => info.address === address && isLive(info));
	for (const {bead} of items) {
		if (bead.status === 'hooked' && bead.assignee && addressLive(bead.assignee)) {
			throw conflict(`${bead.id} is on ${bead.assignee}'s hook and that agent is running`, `take it off first: gt unsling ${bead.id}`);
		}
	}

	// Busy polecats: something hooked, or a session that is not idle or exited.
	const computeBusy = async (): Promise<Set<string>> => {
		if (target.kind !== 'rig') return new Set();
		const hooked = await hookedByAssignee([rigLedger(townRoot, target.rig)]);
		const prefix = `${target.rig}/polecats/`;
		const names = new Set([...hooked.keys()].filter(address => address.startsWith(prefix)).map(address => address.slice(prefix.length)));
		for (const info of sessions.values()) {
			if (info.role === 'polecat' && info.rig === target.rig && isLive(info) && info.state.state !== 'idle') names.add(info.address.slice(prefix.length));
		}
		for (const item of items) if (item.bead.assignee?.startsWith(prefix)) names.delete(item.bead.assignee.slice(prefix.length));
		return names;
	};
	let busy = await computeBusy();

	if (request.dryRun) {
		const taken = new Set([...busy]);
		const work = items.map(({bead}) => {
			let agent: AgentRef;
			if (target.kind === 'mayor') agent = mayorRef(townRoot);
			else if (target.kind === 'crew') agent = crewRef(townRoot, target.rig, target.name);
			else {
				const name = target.name ?? polecatNames(townRoot, target.rig).find(candidate => !taken.has(candidate)) ?? '(new polecat)';
				taken.add(name);
				agent = polecatRef(townRoot, target.rig, name);
			}
			return {bead: bead.id, title: bead.title, agent: agent.address, session: agent.sessionId, runtime: chosen.name, worktree: agent.dir};
		});
		return {work, dryRun: true};
	}

	const undo: Array<() => Promise<void>> = [];
	try {
		const work: SlungWork[] = [];
		const started: Array<{agent: AgentRef; bead: Bead; branch?: string}> = [];
		// Choosing a polecat and hooking its bead happen under the rig's sling lock, with
		// the busy set read again inside it: two slings at once (the Mayor's and the
		// human's) must not pick the same free name.
		const allocate = async () => {
			for (const {ledger, bead} of items) {
				let agent: AgentRef;
				let branch: string | undefined;
				let reused: boolean | undefined;
				if (target.kind === 'rig') {
					const prepared = await preparePolecat(townRoot, target.rig, {bead: bead.id, name: target.name, busy}, env);
					undo.push(prepared.undo);
					busy.add(prepared.ref.name!);
					agent = prepared.ref;
					branch = prepared.branch;
					reused = !prepared.created;
				} else if (target.kind === 'crew') {
					agent = crewRef(townRoot, target.rig, target.name);
					branch = crewBranch(target.name);
				} else {
					agent = mayorRef(townRoot);
				}
				const {before} = await hookBead(ledger, bead.id, agent.address, who, {takeOver: true});
				undo.push(() => restoreBead(ledger, before));
				started.push({agent, bead, branch});
				work.push({bead: bead.id, title: bead.title, agent: agent.address, session: agent.sessionId, runtime: chosen.name, worktree: agent.dir, ...(branch ? {branch} : {}), ...(reused !== undefined ? {reused} : {})});
			}
		};
		if (target.kind === 'rig') {
			await withLock(path.join(rigLayout(townRoot, target.rig).repo, 'gt-sling.lock'), async () => {
				busy = await computeBusy();
				await allocate();
			}, {what: `rig ${target.rig}'s polecat pool`});
		} else {
			await allocate();
		}

		let convoy: SlingResult['convoy'];
		if (request.convoy) {
			const untracked = [];
			for (const {bead} of items) if ((await convoysTracking(townRoot, bead.id)).length === 0) untracked.push(bead);
			if (untracked.length > 0) {
				const title = untracked.length === 1 ? `Work: ${untracked[0]!.title}` : `Work: ${untracked[0]!.title} (+${untracked.length - 1} more)`;
				// The human hears when work they asked for lands, even when the Mayor slung it.
				const created = await createConvoy(townRoot, {title, beads: untracked.map(bead => bead.id), owner: who.actor, human: true}, who);
				undo.push(() => deleteConvoy(townRoot, created.id));
				convoy = {id: created.id, title};
			}
		}

		// The polecat cap counts polecats with work on their hook and a live session, before these.
		const cap = role === 'polecat' ? readPatrolSettings(townRoot).deacon.max_polecats : 0;
		let running = cap > 0 ? runningPolecats([...sessions.values()], await hookedByAssignee(rigNames(townRoot).map(rig => rigLedger(townRoot, rig)))).filter(info => !started.some(({agent}) => agent.address === info.address)).length : 0;
		for (const {agent, bead} of started) {
			const existing = sessions.get(agent.sessionId);
			if (agent.role === 'mayor' && isLive(existing)) {
				await control.nudge(agent.sessionId, `New work on your hook: ${bead.id} "${bead.title}". Run \`gt hook\` to see it.`);
				continue;
			}
			if (existing) {
				await control.stop(agent.sessionId);
				// An idle agent stopped to take this work comes back as it was if the sling fails,
				// after every file is put back (so first in the list, which runs newest first).
				if (isLive(existing)) undo.unshift(async () => void (await control.start(specOf(existing))));
			}
			const spec: SessionSpec = {
				id: agent.sessionId,
				address: agent.address,
				role: agent.role,
				...(agent.rig ? {rig: agent.rig} : {}),
				agent: chosen.name,
				cwd: agent.dir,
				bead: bead.id,
				prompt: firstPrompt(agent, bead),
				conversationId: randomUUID(),
			};
			if (cap > 0 && running >= cap) {
				const position = enqueueSling(townRoot, spec, who.now);
				const item = work.find(entry => entry.agent === agent.address);
				if (item) item.queued = {cap, position};
				continue;
			}
			await control.start(spec);
			// Undone first (the undo list runs newest first): an agent never keeps running in a worktree the undo removes.
			undo.push(() => control.stop(spec.id, {force: true}));
			running++;
		}
		for (const item of work) logActivity(townRoot, {type: 'sling', actor: who.actor, bead: item.bead, agent: item.agent, runtime: item.runtime, convoy: convoy?.id}, who.now);
		return {work, ...(convoy ? {convoy} : {}), dryRun: false};
	} catch (error) {
		const undoFailures: string[] = [];
		for (const step of undo.reverse()) {
			try {
				await step();
			} catch (undoError) {
				undoFailures.push((undoError as Error).message);
			}
		}
		// Never hide why an undo failed: what it could not put back is still there.
		if (undoFailures.length > 0 && isGtError(error)) throw new GtError(error.kind, `${error.message}; undoing the sling also failed: ${undoFailures.join('; ')}`, error.hint);
		throw error;
	}
}

/** The spec a recorded session was started with (the daemon's info carries it plus runtime state). */
function specOf(info: SessionInfo): SessionSpec {
	const {id, address, role, rig, agent, cwd, bead, prompt, conversationId, cols, rows} = info;
	return {id, address, role, agent, cwd, ...(rig ? {rig} : {}), ...(bead ? {bead} : {}), ...(prompt ? {prompt} : {}), ...(conversationId ? {conversationId} : {}), cols, rows};
}
