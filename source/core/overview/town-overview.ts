// The whole town at a glance, as one plain object: what the dashboard shows and sends to
// the page, built from the same reads as `gt agents --json`, `gt convoy list --json`,
// `gt mq list --json` and the TUI's ledgers, so no surface computes state its own way.
import {closeSync, openSync, readSync, fstatSync} from 'node:fs';
import type {Environment} from '../base/environment.js';
import {townLayout} from '../base/paths.js';
import {inbox, overseer, type MailMessage} from '../mail/mail.js';
import {escalationSubject} from '../mail/escalation.js';
import {listConvoys, recentlyLanded} from '../convoys/convoy.js';
import {listMergeRequests, mergeRequestJson, type MergeRequestJson} from '../refinery/queue.js';
import {mergeQueueConfig, withLiveOutput} from '../refinery/gates.js';
import type {SessionInfo} from '../sessions/types.js';
import {listRigs, readRigConfig} from '../town/rig-config.js';
import {readTownConfig} from '../town/town-config.js';
import {agentJson, listAgents, defaultAgentName, agentRoles} from '../agents/registry.js';
import {currentHooks, withHooks} from '../work/hook.js';
import type {Ledgers} from './services.js';

/** Something only a person can move on: shown first, in every surface that has a "needs you" list. */
export type Attention = {
	readonly kind: 'waiting' | 'stalled' | 'zombie' | 'escalation' | 'merge-failed';
	/** Stable across refreshes: the session, mail or merge request id. */
	readonly key: string;
	readonly title: string;
	readonly detail: string;
	readonly since: string;
	/** Session id to open or answer. */
	readonly session?: string;
	readonly mail?: string;
	readonly request?: {readonly rig: string; readonly id: string};
};

export type HookView = {
	readonly agent: string;
	readonly bead: string;
	readonly title: string;
	/** When the bead went on the hook (its last update while hooked). */
	readonly since: string;
	/** Hooked over an hour ago (the original's "stale hook"). */
	readonly stale: boolean;
	readonly session: string;
	/** The hook's life state (core/work/hook-life.ts): work on it is active, or suspended while its agent is paused. */
	readonly state: 'active' | 'suspended';
};

export type RigView = {
	readonly name: string;
	readonly prefix: string;
	readonly defaultBranch: string;
	readonly gitUrl: string;
	readonly polecats: readonly string[];
	readonly crew: readonly string[];
	readonly gates: readonly string[];
};

export type ActivityLine = {readonly ts: string; readonly type: string; readonly actor?: string; readonly text: string};

export type TownOverview = {
	readonly town: {readonly root: string; readonly name: string};
	readonly at: string;
	readonly daemon: 'up' | 'down';
	readonly agents: readonly SessionInfo[];
	readonly needsYou: readonly Attention[];
	readonly convoys: Ledgers['convoys'];
	/** Convoys closed in the last day, newest first (at most ten). */
	readonly landed: Ledgers['convoys'];
	readonly ready: Ledgers['ready'];
	readonly mergeQueue: readonly MergeRequestJson[];
	readonly hooks: readonly HookView[];
	readonly mail: readonly MailMessage[];
	readonly rigs: readonly RigView[];
	readonly workers: readonly string[];
	readonly activity: readonly ActivityLine[];
	readonly config: {
		readonly defaultAgent: string;
		/** As `gt config agent list --json`, with env values left out (they may be keys). */
		readonly agents: ReadonlyArray<Omit<ReturnType<typeof agentJson>, 'env'> & {env: string[]}>;
		readonly roles: Readonly<Record<string, string>>;
	};
};

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/** The last `limit` events of `.events.jsonl`, newest last; reads only the file's tail. */
export function readActivity(townRoot: string, limit = 60): ActivityLine[] {
	let text: string;
	try {
		const fd = openSync(townLayout(townRoot).events, 'r');
		try {
			const size = fstatSync(fd).size;
			const length = Math.min(size, 64 * 1024);
			const buffer = Buffer.alloc(length);
			readSync(fd, buffer, 0, length, size - length);
			text = buffer.toString('utf8');
		} finally {
			closeSync(fd);
		}
	} catch {
		return [];
	}
	const lines: ActivityLine[] = [];
	for (const line of text.split('\n')) {
		try {
			const {ts, type, actor, ...rest} = JSON.parse(line) as Record<string, unknown>;
			if (typeof ts !== 'string' || typeof type !== 'string') continue;
			const detail = Object.entries(rest).filter(([, value]) => value !== undefined && typeof value !== 'object').map(([key, value]) => `${key}=${String(value)}`).join(' ');
			lines.push({ts, type, ...(typeof actor === 'string' ? {actor} : {}), text: detail});
		} catch {
			// A line cut by the 64 KiB window, or one written half by a crash.
		}
	}
	return lines.slice(-limit);
}

/** Waiting agents, patrol marks, escalation mail and failed merges, oldest first. */
export function attentionList(agents: readonly SessionInfo[], mail: readonly MailMessage[], requests: readonly MergeRequestJson[]): Attention[] {
	const list: Attention[] = [];
	for (const agent of agents) {
		if (agent.patrol && agent.patrol.state !== 'escalated') {
			list.push({kind: agent.patrol.state, key: `patrol:${agent.id}`, title: `${agent.address} is ${agent.patrol.state}`, detail: agent.bead ? `on ${agent.bead}` : '', since: agent.patrol.since, session: agent.id});
		} else if (agent.state.state === 'waiting') {
			list.push({kind: 'waiting', key: `waiting:${agent.id}`, title: `${agent.address} is waiting for you`, detail: agent.state.detail ?? '', since: agent.state.since, session: agent.id});
		}
	}
	for (const message of mail) {
		if (!escalationSubject.test(message.subject)) continue;
		list.push({kind: 'escalation', key: `mail:${message.id}`, title: message.subject, detail: `from ${message.from} to ${message.to}`, since: message.created_at, mail: message.id});
	}
	for (const request of requests) {
		if (request.state !== 'failed') continue;
		list.push({kind: 'merge-failed', key: `mq:${request.id}`, title: `Merge failed: ${request.title}`, detail: request.last_error ?? '', since: request.created_at, request: {rig: request.rig, id: request.id}});
	}
	return list.sort((a, b) => a.since.localeCompare(b.since));
}

/**
 * Everything at once. `sessions` is what the daemon said, or undefined when no daemon
 * runs; `ledgers` is the TUI's read of the same files. Hooks are read once, here.
 */
export async function readOverview(townRoot: string, env: Environment, sessions: readonly SessionInfo[] | undefined, ledgers: Ledgers): Promise<TownOverview> {
	const now = env.now();
	const config = readTownConfig(townRoot);
	const rigs = listRigs(townRoot);
	const [hooked, mayorMail, requests, allConvoys] = await Promise.all([
		currentHooks(townRoot),
		inbox(townRoot, 'mayor/').catch(() => []),
		Promise.all(rigs.map(async rig => listMergeRequests(townRoot, rig.name).catch(() => []))),
		listConvoys(townRoot, {all: true}),
	]);
	const landed = recentlyLanded(allConvoys, now, dayMs, 10);
	const mergeQueue = requests.flat().filter(request => request.state !== 'merged' && request.state !== 'rejected').map(request => withLiveOutput(townRoot, mergeRequestJson(request)));
	const agents = withHooks(sessions ?? [], hooked);
	const stateOf = new Map(agents.map(agent => [agent.address, agent.state.state]));
	const hooks: HookView[] = [...hooked].map(([agent, bead]) => ({
		agent,
		bead: bead.id,
		title: bead.title,
		since: bead.updated_at,
		stale: now.getTime() - Date.parse(bead.updated_at) > hourMs,
		session: stateOf.get(agent) ?? (sessions ? 'no session' : 'no daemon'),
		state: stateOf.get(agent) === 'paused' ? 'suspended' as const : 'active' as const,
	})).sort((a, b) => a.agent.localeCompare(b.agent));
	// The human's own inbox, plus escalations the Mayor has not read yet.
	const escalationMail = [...ledgers.mail, ...mayorMail.filter(message => !message.read && escalationSubject.test(message.subject))];
	return {
		town: {root: townRoot, name: config.name},
		at: now.toISOString(),
		daemon: sessions ? 'up' : 'down',
		agents,
		needsYou: attentionList(agents, escalationMail, mergeQueue),
		convoys: ledgers.convoys,
		landed,
		ready: ledgers.ready,
		mergeQueue,
		hooks,
		mail: ledgers.mail.filter(message => message.to === overseer),
		rigs: rigs.map(rig => ({
			name: rig.name, prefix: rig.prefix, defaultBranch: rig.defaultBranch, gitUrl: rig.gitUrl, polecats: rig.polecats, crew: rig.crew,
			gates: mergeQueueConfig(readRigConfig(townRoot, rig.name)).gates,
		})),
		workers: ledgers.workers,
		activity: readActivity(townRoot),
		config: {
			defaultAgent: defaultAgentName(config),
			agents: listAgents(config).map(agent => ({...agentJson(agent, defaultAgentName(config)), env: Object.keys(agent.env)})),
			roles: Object.fromEntries(agentRoles.flatMap(role => (config.roles?.[role] ? [[role, config.roles[role]]] : []))),
		},
	};
}
