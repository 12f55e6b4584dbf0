// Pausing agents: `gt pause`/`gt resume` for one, `gt estop`/`gt thaw` for a whole town
// or rig. A pause stops the agent's process group (SIGSTOP) in the daemon: it keeps its
// hook, worktree, memory and conversation and uses no CPU; the daemon writes the pause to
// sessions.json first, so it outlives a daemon restart. While a town (or rig) is frozen,
// `.runtime/estop.json` says so and slings refuse to start anything there.
import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {conflict, failure} from '../base/errors.js';
import {townLayout} from '../base/paths.js';
import {findAgent} from '../sessions/agent-lookup.js';
import {withRunningSessions, type DaemonSessions} from '../sessions/over-daemon.js';
import type {SessionInfo} from '../sessions/types.js';
import {logActivity} from '../base/activity-log.js';

export type Freeze = {readonly since: string; readonly reason: string; readonly by: string; readonly rigs?: readonly string[]};

const estopFile = (townRoot: string) => path.join(townLayout(townRoot).runtime, 'estop.json');
export const estopReason = 'estop';

/** The town's freeze, if any (`rigs` absent: the whole town). */
export function readFreeze(townRoot: string): Freeze | undefined {
	try {
		const parsed = JSON.parse(readFileSync(estopFile(townRoot), 'utf8')) as Freeze;
		return typeof parsed.since === 'string' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** Refuses to start work in a frozen town or rig (sling, gt up's respawn of hooked work). */
export function assertNotFrozen(townRoot: string, rig: string | undefined): void {
	const freeze = readFreeze(townRoot);
	if (!freeze) return;
	if (freeze.rigs && (!rig || !freeze.rigs.includes(rig))) return;
	const scope = freeze.rigs ? `rig ${rig}` : 'the town';
	throw conflict(`${scope} is frozen (gt estop, ${freeze.since}: ${freeze.reason})`, `gt thaw${freeze.rigs ? ` --rig ${rig}` : ''} lets agents run again`);
}

async function requireDaemon<T>(townRoot: string, work: (daemon: DaemonSessions) => Promise<T>): Promise<T> {
	return withRunningSessions(townRoot, async daemon => {
		if (!daemon) throw failure('the daemon is not running, so no agent runs to pause or resume', 'start it with `gt up`');
		return work(daemon);
	});
}

export async function pauseAgent(townRoot: string, ref: string, reason: string, actor: string): Promise<SessionInfo> {
	return requireDaemon(townRoot, async daemon => {
		const agent = findAgent(await daemon.sessions(), ref);
		if (agent.state.state === 'exited') throw conflict(`${agent.address} is not running (exited)`, `restart it first, or sling its work again`);
		const info = await daemon.pause(agent.id, reason);
		logActivity(townRoot, {type: 'pause', actor, agent: agent.address, reason});
		return info;
	});
}

export async function resumeAgent(townRoot: string, ref: string, actor: string): Promise<SessionInfo> {
	return requireDaemon(townRoot, async daemon => {
		const agent = findAgent(await daemon.sessions(), ref);
		if (agent.state.state !== 'paused') throw conflict(`${agent.address} is not paused (it is ${agent.state.state})`, '`gt agents` shows which agents are paused');
		assertNotFrozen(townRoot, agent.rig);
		const info = await daemon.resume(agent.id);
		logActivity(townRoot, {type: 'resume', actor, agent: agent.address});
		return info;
	});
}

const inScope = (agent: SessionInfo, rigs: readonly string[] | undefined) => !rigs || (agent.rig !== undefined && rigs.includes(agent.rig));

/** Freezes every running agent of the town (or of `rigs`); answers the ones it paused. */
export async function estop(townRoot: string, options: {rigs?: readonly string[]; reason: string; actor: string; now: Date}): Promise<SessionInfo[]> {
	// The flag first: a sling racing the freeze is refused rather than started after it.
	const before = readFreeze(townRoot);
	const rigs = options.rigs && before?.rigs ? [...new Set([...before.rigs, ...options.rigs])] : before && !before.rigs ? undefined : options.rigs;
	const freeze: Freeze = {since: before?.since ?? options.now.toISOString(), reason: options.reason, by: options.actor, ...(rigs ? {rigs} : {})};
	atomicWriteFileSync(estopFile(townRoot), `${JSON.stringify(freeze, null, '\t')}\n`, 0o600);
	const paused = await withRunningSessions(townRoot, async daemon => {
		if (!daemon) return [];
		const done: SessionInfo[] = [];
		for (const agent of await daemon.sessions()) {
			if (!inScope(agent, options.rigs) || agent.state.state === 'exited' || agent.state.state === 'paused') continue;
			done.push(await daemon.pause(agent.id, `${estopReason}: ${options.reason}`));
		}
		return done;
	});
	logActivity(townRoot, {type: 'estop', actor: options.actor, reason: options.reason, agents: paused.length, ...(options.rigs ? {rigs: options.rigs.join(',')} : {})}, options.now);
	return paused;
}

/** Lifts the freeze and resumes the agents estop paused (not ones paused one by one with gt pause). */
export async function thaw(townRoot: string, options: {rigs?: readonly string[]; actor: string; now: Date}): Promise<SessionInfo[]> {
	const freeze = readFreeze(townRoot);
	const remaining = freeze?.rigs && options.rigs ? freeze.rigs.filter(rig => !options.rigs!.includes(rig)) : [];
	if (remaining.length > 0) atomicWriteFileSync(estopFile(townRoot), `${JSON.stringify({...freeze, rigs: remaining}, null, '\t')}\n`, 0o600);
	else rmSync(estopFile(townRoot), {force: true});
	const resumed = await withRunningSessions(townRoot, async daemon => {
		if (!daemon) return [];
		const done: SessionInfo[] = [];
		for (const agent of await daemon.sessions()) {
			if (!inScope(agent, options.rigs) || agent.state.state !== 'paused' || !agent.state.detail?.startsWith(`${estopReason}:`)) continue;
			done.push(await daemon.resume(agent.id));
		}
		return done;
	});
	logActivity(townRoot, {type: 'thaw', actor: options.actor, agents: resumed.length}, options.now);
	return resumed;
}
