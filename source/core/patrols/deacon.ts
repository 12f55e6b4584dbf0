// The deacon: the town's patrol loop inside the daemon. Every patrol_interval it
// starts queued slings as polecat slots free up, keeps the Mayor alive when asked
// to, runs each rig's witness (and the refinery's loop, when one is given), and
// writes a heartbeat (<town>/.runtime/deacon.json) that `gt status` shows.
import path from 'node:path';
import {readFileSync} from 'node:fs';
import {mayorRef} from '../agents/address.js';
import type {Bead} from '../beads/types.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {hookedByAssignee, ledgersFor} from '../work/hook.js';
import {startMayor} from '../work/mayor.js';
import {townLayout} from '../base/paths.js';
import {rigNames} from '../town/rig-config.js';
import {isLive, type PatrolSessions} from '../sessions/port.js';
import {readPatrolSettings} from './settings.js';
import {readSlingQueue, removeFromSlingQueue, runningPolecats} from './sling-queue.js';
import {Witness} from './witness.js';
import {handlePatrolMail, type PatrolMailPort} from './patrol-mail.js';
import {inbox, readMessage, sendMail} from '../mail/mail.js';

export type DeaconOptions = {
	readonly townRoot: string;
	/** The sessions port, in process (core/sessions/in-process.ts). */
	readonly sessions: PatrolSessions;
	readonly log: (message: string) => void;
	readonly now?: () => number;
	/** One merge-queue step for a rig, if the daemon has a refinery (it is not the deacon's to implement). */
	readonly refinery?: (rig: string) => Promise<unknown>;
};

export type DeaconHeartbeat = {
	pid: number;
	at: string;
	rigs: string[];
	agents: number;
	working: number;
	waiting: number;
	queued: number;
	max_polecats: number;
	stalled: number;
	zombies: number;
	escalated: number;
};

export type RunningDeacon = {
	/** One patrol now (tests, and the timer). */
	patrol(): Promise<DeaconHeartbeat>;
	stop(): Promise<void>;
};

export const deaconFile = (townRoot: string) => path.join(townLayout(townRoot).runtime, 'deacon.json');

export function readDeaconHeartbeat(townRoot: string): DeaconHeartbeat | undefined {
	try {
		return JSON.parse(readFileSync(deaconFile(townRoot), 'utf8')) as DeaconHeartbeat;
	} catch {
		return undefined;
	}
}

/** Starts queued slings while slots are free; drops requests whose bead left that hook (unslung, re-slung). */
async function dispatchQueue(options: DeaconOptions, hooked: ReadonlyMap<string, Bead>, cap: number): Promise<number> {
	const {townRoot, sessions, log} = options;
	const queue = readSlingQueue(townRoot);
	if (queue.length === 0) return 0;
	let running = runningPolecats(sessions.list(), hooked).length;
	const taken = new Set<string>();
	for (const {spec} of queue) {
		if (hooked.get(spec.address)?.id !== spec.bead) {
			taken.add(spec.id);
			log(`deacon: dropped the queued start of ${spec.address}: ${spec.bead} is no longer on its hook`);
			continue;
		}
		if (cap > 0 && running >= cap) break;
		taken.add(spec.id);
		try {
			const existing = sessions.list().find(info => info.id === spec.id);
			if (existing) await sessions.stop(spec.id);
			await sessions.start(spec);
			running++;
			log(`deacon: started queued ${spec.address} on ${spec.bead} (${running}/${cap || '∞'} polecats)`);
		} catch (error) {
			log(`deacon: could not start queued ${spec.address}: ${(error as Error).message}`);
		}
	}
	removeFromSlingQueue(townRoot, taken);
	return readSlingQueue(townRoot).length;
}

export function startDeacon(options: DeaconOptions): RunningDeacon {
	const {townRoot, sessions, log} = options;
	const now = options.now ?? (() => Date.now());
	const witnesses = new Map<string, Witness>();
	let running: Promise<DeaconHeartbeat> | undefined;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;

	const round = async (): Promise<DeaconHeartbeat> => {
		const settings = readPatrolSettings(townRoot);
		const rigs = rigNames(townRoot);
		const hooked = await hookedByAssignee(ledgersFor(townRoot, {}));
		const queued = await dispatchQueue(options, hooked, settings.deacon.max_polecats);

		if (settings.mayor.keep_alive) {
			const mayor = sessions.list().find(info => info.id === mayorRef(townRoot).sessionId);
			if (!isLive(mayor)) {
				try {
					await startMayor(townRoot, sessions);
					log('deacon: started the Mayor (keep_alive)');
				} catch (error) {
					log(`deacon: could not start the Mayor: ${(error as Error).message}`);
				}
			}
		}

		const queuedAddresses = new Set(readSlingQueue(townRoot).map(entry => entry.spec.address));
		let stalled = 0;
		let zombies = 0;
		let escalated = 0;
		for (const rig of rigs) {
			let witness = witnesses.get(rig);
			if (!witness) witnesses.set(rig, (witness = new Witness({townRoot, rig, sessions, log, now})));
			try {
				const result = await witness.patrol(readPatrolSettings(townRoot, rig).witness, hooked, queuedAddresses);
				stalled += result.stalled;
				zombies += result.zombies;
				escalated += result.escalated;
			} catch (error) {
				log(`witness ${rig}: patrol failed: ${(error as Error).message}`);
			}
			if (options.refinery) await options.refinery(rig).catch(error => log(`refinery ${rig}: ${(error as Error).message}`));
		}
		for (const rig of witnesses.keys()) if (!rigs.includes(rig)) witnesses.delete(rig);
		await readPatrolMail(options, rigs, new Date(now())).catch(error => log(`deacon: reading the patrols' mail failed: ${(error as Error).message}`));

		const all = sessions.list();
		const heartbeat: DeaconHeartbeat = {
			pid: process.pid,
			at: new Date(now()).toISOString(),
			rigs,
			agents: all.filter(info => isLive(info)).length,
			working: all.filter(info => info.state.state === 'working').length,
			waiting: all.filter(info => info.state.state === 'waiting').length,
			queued,
			max_polecats: settings.deacon.max_polecats,
			stalled,
			zombies,
			escalated,
		};
		atomicWriteFileSync(deaconFile(townRoot), `${JSON.stringify(heartbeat, null, '\t')}\n`);
		return heartbeat;
	};

	/** One patrol at a time: a call during a patrol waits for it instead of starting a second. */
	const patrol = (): Promise<DeaconHeartbeat> => {
		running ??= round().finally(() => {
			running = undefined;
		});
		return running;
	};

	const schedule = (first = false) => {
		if (stopped) return;
		let seconds = 30;
		try {
			seconds = readPatrolSettings(townRoot).deacon.patrol_interval;
		} catch (error) {
			// A broken town.toml must not stop the patrols, nor change their pace unseen.
			log(`deacon: ${(error as Error).message}; patrolling every ${seconds} s until it is fixed`);
		}
		timer = setTimeout(() => {
			patrol()
				.catch(error => log(`deacon: patrol failed: ${(error as Error).message}`))
				.finally(() => schedule());
		}, Math.max(0.2, first ? Math.min(seconds, 2) : seconds) * 1000);
		timer.unref();
	};
	// The first heartbeat comes soon after the daemon starts, whatever the interval.
	schedule(true);

	return {
		patrol,
		async stop() {
			stopped = true;
			clearTimeout(timer);
			// A patrol stuck on something (a ledger lock) must not hold up the daemon's shutdown.
			if (running) await Promise.race([running.catch(() => undefined), new Promise(resolve => setTimeout(resolve, 5000).unref())]);
		},
	};
}

/** The patrols read their mail: what asks for a person reaches the Mayor and the human. */
async function readPatrolMail(options: DeaconOptions, rigs: readonly string[], now: Date): Promise<number> {
	const {townRoot, sessions, log} = options;
	const port: PatrolMailPort = {
		unread: async address => inbox(townRoot, address, {unread: true}),
		send: async mail => {
			await sendMail(townRoot, mail, {actor: mail.from, now}, {sessions});
		},
		markRead: async id => {
			await readMessage(townRoot, id, {actor: 'deacon/', now});
		},
		log,
		sessions: () => sessions.list(),
	};
	return handlePatrolMail(['deacon/', ...rigs.flatMap(rig => [`${rig}/witness`, `${rig}/refinery`])], port);
}
