// The daemon process: one per town (daemon.pid, taken over when its owner is dead),
// the socket server, the sessions, and on start the agents recorded in
// sessions.json that still have hooked work (GUPP), resumed where the runtime can.
import {randomUUID} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {buildLaunch} from '../core/agents/launch.js';
import {resolveAgent} from '../core/agents/registry.js';
import {openLedgerForId} from '../core/beads/resolve.js';
import {readTownConfig} from '../core/town/town-config.js';
import {refreshConvoys} from '../core/convoys/landing.js';
import type {Environment} from '../core/base/environment.js';
import {conflict} from '../core/base/errors.js';
import {tryLock} from '../core/base/file-lock.js';
import {startDeacon, type DeaconHeartbeat, type RunningDeacon} from '../core/patrols/deacon.js';
import {startRefinery, type Refinery} from '../core/refinery/loop.js';
import {startCheckpointer, type RunningCheckpointer} from '../core/patrols/checkpointer.js';
import {inProcessSessions} from '../core/sessions/in-process.js';
import {defaultGtEntry} from '../core/daemon/client.js';
import {daemonPaths, readSessionRecords, type SessionRecord} from '../core/daemon/daemon-paths.js';
import type {SessionSpec} from '../core/sessions/types.js';
import {spawnPty, type SpawnPty} from '../core/daemon/pty.js';
import {startServer} from '../core/daemon/server.js';
import type {DetectState} from '../core/daemon/session.js';
import {detectState} from '../core/agents/state/detector.js';
import {Supervisor, type SupervisorDeps} from '../core/daemon/supervisor.js';

export type DaemonOptions = {
	/** One line per event; default: stdout (daemon.log when started in the background). */
	readonly log?: (line: string) => void;
	/** The `gt` entry agents' shims and the bundled sim run (default: the running one). */
	readonly gtEntry?: string;
	/** Handle SIGTERM/SIGINT/SIGHUP (the real daemon process does; in-process tests do not). */
	readonly handleSignals?: boolean;
	// Seams for tests; the defaults are the real ones.
	/**
	 * The clock (ms) of the sessions (startedAt, lastOutputAt, state.since), the supervisor
	 * and the patrols, one for all, since the witness compares the sessions' times with its
	 * own now. Default: Date.now.
	 */
	readonly now?: () => number;
	/** 'timer' (default): the deacon patrols every patrol_interval; 'manual': only when patrol() is called. */
	readonly patrol?: 'timer' | 'manual';
	readonly spawn?: SpawnPty;
	readonly detect?: DetectState;
	readonly buildLaunch?: SupervisorDeps['buildLaunch'];
};

export type RunningDaemon = {
	readonly pid: number;
	readonly socketPath: string;
	/** Resolves once the daemon has stopped (shutdown request, signal, or shutdown()). */
	readonly stopped: Promise<void>;
	/** One deacon patrol now (waits for one already under way instead of starting a second). */
	patrol(): Promise<DeaconHeartbeat>;
	shutdown(): Promise<void>;
};

const version = process.env.GT_PACKAGE_VERSION ?? '0.0.0';
const standingRoles = new Set(['witness', 'refinery', 'deacon']);

/** Takes daemon.pid (base/file-lock: a dead or reused pid in it is taken over); a live owner is a conflict. */
function acquirePidFile(file: string): () => void {
	const taken = tryLock(file, {record: 'pid', what: 'daemon.pid'});
	if ('release' in taken) return taken.release;
	throw conflict(`a daemon is already running for this town${taken.heldBy ? ` (pid ${taken.heldBy})` : ''}`, 'stop it with `gt down`');
}

/** GUPP: an agent with work on its hook runs. Patrol roles stand without a hook. */
async function hasHookedWork(townRoot: string, env: Environment, record: SessionRecord): Promise<boolean> {
	const {role, bead, address} = record.spec;
	if (standingRoles.has(role)) return true;
	if (!bead) return false;
	const vars = {...env.vars, GT_ROOT: townRoot, BEADS_DIR: undefined, GT_RIG: undefined};
	const state = await openLedgerForId({...env, cwd: townRoot, vars}, bead).read();
	const found = state.get(bead);
	if (!found) return false;
	// GUPP: only work still on this agent's hook. After `gt done` the bead is in_progress
	// awaiting its merge, and the agent is free: it is not restarted for it.
	return found.status === 'hooked' && (!found.assignee || found.assignee.replace(/\/+$/, '') === address.replace(/\/+$/, ''));
}

const convoyRefreshMs = 30_000;

export async function startDaemon(townRoot: string, env: Environment, options: DaemonOptions = {}): Promise<RunningDaemon> {
	const paths = daemonPaths(townRoot);
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const say = (message: string) => log(`${new Date().toISOString()} ${message}`);
	mkdirSync(paths.runtime, {recursive: true});
	const releasePid = acquirePidFile(paths.pid);
	const startedAt = new Date().toISOString();
	const now = options.now ?? (() => Date.now());
	let gtEntry = options.gtEntry;

	const supervisor = new Supervisor({
		paths,
		prepare: spec => {
			const agent = resolveAgent(readTownConfig(townRoot), spec.agent);
			// A conversation id of our own, so that a restart resumes this very conversation.
			const prepared: SessionSpec = agent.resume?.assignId && !spec.conversationId ? {...spec, conversationId: randomUUID()} : spec;
			return {spec: prepared, runtime: agent.runtime ?? spec.agent};
		},
		buildLaunch:
			options.buildLaunch ??
			((spec, launchOptions) => buildLaunch(townRoot, spec, {resume: launchOptions.resume, gtEntry: (gtEntry ??= defaultGtEntry()), baseEnv: env.vars})),
		detect: options.detect ?? detectState,
		spawn: options.spawn ?? spawnPty,
		log: say,
		now,
	});
	// The sessions port inside the daemon: patrols, the refinery and mail reach agents through it.
	const sessions = inProcessSessions(supervisor);

	let stopping: Promise<void> | undefined;
	let markStopped!: () => void;
	const stopped = new Promise<void>(resolve => {
		markStopped = resolve;
	});
	const signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	// Patrol hook-in: the refinery merge queue (source/core/refinery), started once agents are back.
	let refinery: Refinery | undefined;
	let deacon: RunningDeacon | undefined;
	let checkpointer: RunningCheckpointer | undefined;

	// Safety net for convoys: whatever closed a bead without landing its convoy
	// (a crash between the two, a hand-edited ledger), this lands it within ~30 s.
	let refreshing = false;
	const convoyTimer = setInterval(() => {
		if (refreshing) return;
		refreshing = true;
		refreshConvoys(townRoot, undefined, {actor: 'deacon', now: new Date(now())}, {sessions})
			.then(landings => {
				for (const landing of landings) say(`convoy ${landing.convoy.id} landed: ${landing.convoy.title}`);
			})
			.catch(error => say(`convoy refresh failed: ${(error as Error).message}`))
			.finally(() => {
				refreshing = false;
			});
	}, convoyRefreshMs);
	convoyTimer.unref();

	const shutdown = (): Promise<void> => {
		stopping ??= (async () => {
			clearInterval(convoyTimer);
			await deacon?.stop();
			await checkpointer?.stop();
			await refinery?.stop();
			say('stopping agents');
			const count = await supervisor.stopAll();
			await server?.close();
			releasePid();
			for (const [signal, handler] of signalHandlers) process.off(signal, handler);
			say(`stopped (${count} agent${count === 1 ? '' : 's'} stopped)`);
			markStopped();
		})();
		return stopping;
	};

	if (options.handleSignals) {
		for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
			const handler = () => {
				say(`received ${signal}`);
				void shutdown();
			};
			process.on(signal, handler);
			signalHandlers.push([signal, handler]);
		}
	}
	say(`daemon ${version} started (pid ${process.pid}) for ${townRoot}`);
	// Respawn before listening: a client that connects sees every agent that came back.
	try {
		const records = readSessionRecords(paths.sessions);
		if (records.length > 0) await supervisor.respawn(records, record => hasHookedWork(townRoot, env, record));
		supervisor.startTimer();
		refinery = startRefinery(townRoot, {env, control: sessions, log: say});
		server = await startServer({
			socketPath: paths.socket,
			supervisor,
			info: {pid: process.pid, version, startedAt},
			onShutdown: () => void shutdown(),
			log: say,
		});
	} catch (error) {
		clearInterval(convoyTimer);
		await refinery?.stop();
		await supervisor.stopAll();
		releasePid();
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		throw error;
	}
	say(`listening on ${paths.socket}`);
	// Patrols (core/patrols): queued slings, the Mayor's keep-alive, each rig's witness, the heartbeat.
	deacon = startDeacon({townRoot, sessions, log: say, now});
	// Checkpoints of working agents' worktrees at turn ends and while they work (gt hook history).
	checkpointer = startCheckpointer({townRoot, sessions, vars: env.vars, log: say, now});
	// Manual patrols (tests): the deacon's timer is stopped before it first fires; patrol() still runs a round.
	if (options.patrol === 'manual') {
		await deacon.stop();
		await checkpointer.stop();
	}
	const running = deacon;
	return {pid: process.pid, socketPath: paths.socket, stopped, patrol: () => running.patrol(), shutdown};
}

/** `gt daemon run`: serves until asked to stop. */
export async function runDaemon(townRoot: string, env: Environment, options: DaemonOptions = {}): Promise<void> {
	const daemon = await startDaemon(townRoot, env, {handleSignals: true, ...options});
	// One failing handler must not take every agent down with the daemon.
	const onError = (error: unknown) => process.stdout.write(`${new Date().toISOString()} internal error: ${(error as Error)?.stack ?? String(error)}\n`);
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);
	await daemon.stopped;
	process.off('uncaughtException', onError);
	process.off('unhandledRejection', onError);
}
