// The daemon's sessions: start, stop, restart, the state timer, nudges typed at
// idle moments, the events every client can follow, and sessions.json — the record
// of what should be running, read back after a crash to respawn agents.
import type {Launch} from '../sessions/types.js';
import {conflict, failure, GtError, notFound, usageError} from '../base/errors.js';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {transcriptFile, type DaemonPaths, type SessionRecord} from './daemon-paths.js';
import {enqueueNudge, takeNudge} from './nudge-queue.js';
import type {SessionInfo, SessionSpec} from '../sessions/types.js';
import type {PatrolMark, SessionState, StateReport} from '../agents/state/types.js';
import type {SpawnPty} from './pty.js';
import {exitText, Session, type DetectState} from './session.js';
import {dormantInfo} from './session-records.js';
import {checkLaunch, checkSpec, refusedInfo, shouldStartFresh, startFreshOnce} from './launch-checks.js';

export type SupervisorEvent =
	| {event: 'state'; session: string; state: StateReport}
	| {event: 'exit'; session: string; exitCode?: number; signal?: number}
	| {event: 'session'; session: string; info: SessionInfo | null};

export type SupervisorDeps = {
	readonly paths: DaemonPaths;
	/** Completes a spec before its first launch (e.g. fixes a conversation id) and names its runtime. */
	readonly prepare: (spec: SessionSpec) => {spec: SessionSpec; runtime: string};
	readonly buildLaunch: (spec: SessionSpec, options: {resume: boolean}) => Launch;
	readonly detect: DetectState;
	readonly spawn: SpawnPty;
	readonly log: (message: string) => void;
	readonly now: () => number;
};

export const tickMs = 300;
/** A nudge the agent did not act on (it stayed idle) stops holding up the next one after this. */
const nudgeRetryMs = 10_000;
const signalStates = new Set<string>(['starting', 'working', 'idle', 'waiting']);

export class Supervisor {
	readonly #deps: SupervisorDeps;
	readonly #sessions = new Map<string, Session>();
	readonly #firstStarted = new Map<string, string>();
	readonly #listeners = new Set<(event: SupervisorEvent) => void>();
	/** Sessions that may have queued nudges (cleared when the queue turns out empty). */
	readonly #maybeQueued = new Set<string>();
	readonly #delivered = new Map<string, {since: string; at: number}>();
	/** Ids between a start request and their process running: a second start for one is a conflict. */
	readonly #starting = new Set<string>();
	/** The witness's marks (stalled, zombie, escalated), shown with each session's info. */
	readonly #marks = new Map<string, PatrolMark>();
	/**
	 * sessions.json in memory: what should be running. Written before a start acts and
	 * never shrunk by a respawn; only an explicit stop or a finished hook (respawn's
	 * shouldRun saying no) removes a record, so a daemon killed at any moment forgets nothing.
	 */
	readonly #records = new Map<string, SessionRecord>();
	#timer: NodeJS.Timeout | undefined;
	/** Sessions being started fresh after a failed resume (one at a time). */
	readonly #freshStarts = new Set<string>();
	/** Recorded agents a known refusal kept from starting (claude as root): listed exited, with the reason. */
	readonly #refused = new Map<string, SessionInfo>();

	constructor(deps: SupervisorDeps) {
		this.#deps = deps;
	}

	list(): SessionInfo[] {
		const running = [...this.#sessions.values()].map(session => this.#info(session));
		const refused = [...this.#refused.values()].filter(info => !this.#sessions.has(info.id));
		return [...running, ...refused, ...[...this.#records.values()].filter(record => record.paused && !this.#sessions.has(record.spec.id)).map(dormantInfo)];
	}

	/**
	 * Pauses an agent: its process group is stopped (SIGSTOP), so it keeps its memory and
	 * conversation and uses no CPU. The pause is written to sessions.json first: a daemon
	 * restarted after a crash (which ends the stopped process) lists the agent paused and
	 * leaves it so; resume() then starts it again, resuming its conversation.
	 */
	pause(id: unknown, reason: unknown): SessionInfo {
		const why = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : 'paused';
		const record = typeof id === 'string' ? this.#records.get(id) : undefined;
		const session = typeof id === 'string' ? this.#sessions.get(id) : undefined;
		if (!session && record?.paused) return dormantInfo(record);
		const live = this.get(id);
		if (!live.running) throw conflict(`${live.spec.address} is not running`, 'only a running agent can be paused; `gt agents` shows its state');
		const since = new Date(this.#deps.now()).toISOString();
		this.#records.set(live.id, {...(record ?? {spec: live.spec, startedAt: live.info().startedAt}), paused: {since, reason: why}});
		this.#persist();
		live.pause(why);
		this.#deps.log(`${live.id} paused (${why})`);
		return this.#info(live);
	}

	/** Continues a paused agent: SIGCONT when its process is still there, else a launch that resumes its conversation. */
	async resume(id: unknown): Promise<SessionInfo> {
		const record = typeof id === 'string' ? this.#records.get(id) : undefined;
		const session = typeof id === 'string' ? this.#sessions.get(id) : undefined;
		if (!session && !record?.paused) return this.get(id).info();
		if (record?.paused) {
			const {paused: _paused, ...rest} = record;
			this.#records.set(record.spec.id, rest);
			this.#persist();
		}
		if (session?.running) {
			session.resume();
			this.#deps.log(`${session.id} resumed`);
			return this.#info(session);
		}
		const {spec, runtime} = this.#deps.prepare(checkSpec(record!.spec));
		try {
			const launch = this.#deps.buildLaunch(spec, {resume: true});
			const started = await this.#launch(spec, runtime, launch);
			this.#deps.log(`${spec.id} resumed by a new start: ${[launch.file, ...launch.args].join(' ')} (pid ${started.info().pid})`);
			return this.#info(started);
		} catch (error) {
			// Still paused: nothing ran, so the user can fix the cause and resume again.
			this.#records.set(record!.spec.id, record!);
			this.#persist();
			throw error;
		}
	}

	/** Sets or clears the witness's mark on a session; followers see the change. */
	mark(id: string, mark: PatrolMark | undefined): void {
		const before = this.#marks.get(id);
		if (JSON.stringify(before) === JSON.stringify(mark)) return;
		if (mark) this.#marks.set(id, mark);
		else this.#marks.delete(id);
		const session = this.#sessions.get(id);
		if (session) this.#emit({event: 'session', session: id, info: this.#info(session)});
	}

	#info(session: Session): SessionInfo {
		const mark = this.#marks.get(session.id);
		return mark ? {...session.info(), patrol: mark} : session.info();
	}

	get(id: unknown): Session {
		const session = typeof id === 'string' ? this.#sessions.get(id) : undefined;
		if (!session) throw notFound(`no agent session "${String(id)}"`, 'see `gt agents` for the running agents');
		return session;
	}

	async start(value: unknown): Promise<SessionInfo> {
		const {spec, runtime} = this.#deps.prepare(checkSpec(value));
		const existing = this.#sessions.get(spec.id);
		if (existing?.running || this.#starting.has(spec.id)) throw conflict(`agent ${spec.address} is already running`, 'stop or restart it first');
		this.#starting.add(spec.id);
		const before = this.#records.get(spec.id);
		try {
			const launch = this.#deps.buildLaunch(spec, {resume: spec.resume === true});
			if (existing) this.#remove(existing);
			// The intent first: a daemon killed during the launch still knows this should run.
			this.#records.set(spec.id, {spec, startedAt: new Date(this.#deps.now()).toISOString()});
			this.#persist();
			let session: Session;
			try {
				session = await this.#launch(spec, runtime, launch);
			} catch (error) {
				// Refused (the caller hears why): the record goes back to what it was.
				if (before) this.#records.set(spec.id, before);
				else this.#records.delete(spec.id);
				this.#persist();
				throw error;
			}
			this.#deps.log(`${spec.id} started: ${[launch.file, ...launch.args].join(' ')} (pid ${session.info().pid})`);
			return session.info();
		} finally {
			this.#starting.delete(spec.id);
		}
	}

	async stop(id: unknown, force = false): Promise<{stopped: boolean}> {
		const dormant = typeof id === 'string' && !this.#sessions.has(id) ? this.#records.get(id) : undefined;
		if (dormant?.paused) {
			this.#records.delete(dormant.spec.id);
			this.#persist();
			this.#deps.log(`${dormant.spec.id} stopped (it was paused, not running)`);
			return {stopped: false};
		}
		const session = this.get(id);
		const stopped = await session.stop(force);
		this.#remove(session);
		this.#records.delete(session.id);
		this.#persist();
		this.#deps.log(`${session.id} stopped${force ? ' (forced)' : ''}`);
		return {stopped};
	}

	/** Same spec, resumed where the runtime can; `fresh`: a new conversation started with `prompt` (gt handoff). */
	async restart(id: unknown, options: {fresh?: boolean; prompt?: unknown} = {}): Promise<SessionInfo> {
		// A paused agent with no process: a restart is its resume.
		if (typeof id === 'string' && !this.#sessions.has(id) && this.#records.get(id)?.paused && !options.fresh) return this.resume(id);
		const session = this.get(id);
		let spec = session.spec;
		if (options.fresh) {
			const {conversationId: _old, resume: _resume, prompt: oldPrompt, ...rest} = spec;
			const prompt = typeof options.prompt === 'string' && options.prompt !== '' ? options.prompt : oldPrompt;
			spec = this.#deps.prepare({...rest, ...(prompt ? {prompt} : {})}).spec;
		}
		const launch = this.#deps.buildLaunch(spec, {resume: !options.fresh});
		checkLaunch(spec, launch);
		this.#record(spec, this.#firstStarted.get(session.id) ?? session.info().startedAt);
		await session.stop();
		try {
			await session.launch(launch, spec);
		} catch (error) {
			throw failure(`could not restart ${session.spec.address}: ${(error as Error).message}`);
		}
		this.#emit({event: 'session', session: session.id, info: session.info()});
		this.#deps.log(`${session.id} restarted${options.fresh ? ' fresh' : ''} (pid ${session.info().pid})`);
		return session.info();
	}

	signal(id: unknown, state: unknown, detail?: unknown): void {
		const session = this.get(id);
		const name = state === 'done' ? 'idle' : String(state);
		if (!signalStates.has(name)) throw usageError(`unknown state "${String(state)}"`, 'use working, idle, waiting or done');
		session.signal(name as SessionState, typeof detail === 'string' && detail !== '' ? detail : state === 'done' ? 'done' : undefined);
		// The hold-back after a typed nudge guards against a state that has not moved since;
		// an agent saying it is idle is news, even when its state was idle already.
		if (name === 'idle') {
			this.#delivered.delete(session.id);
			this.#deliverQueued(session);
		}
	}

	/** Typed now when the agent is idle and nothing is queued before it; queued for its next idle moment otherwise. */
	nudge(id: unknown, text: unknown): {delivered: 'typed' | 'queued'} {
		const session = this.get(id);
		if (typeof text !== 'string' || text.trim() === '') throw usageError('a nudge needs a message');
		if (session.running && session.state.state === 'idle' && !this.#maybeQueued.has(session.id) && !this.#heldBack(session)) {
			this.#typeNudge(session, text);
			return {delivered: 'typed'};
		}
		enqueueNudge(this.#deps.paths.nudgeQueue, session.id, text, this.#deps.now());
		this.#maybeQueued.add(session.id);
		this.#deps.log(`${session.id} nudge queued (${session.state.state})`);
		return {delivered: 'queued'};
	}

	subscribe(listener: (event: SupervisorEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Evaluates every session's state and hands queued nudges to idle agents. */
	tick(): void {
		for (const session of this.#sessions.values()) {
			try {
				session.evaluate();
				this.#deliverQueued(session);
			} catch (error) {
				this.#deps.log(`${session.id} state check failed: ${(error as Error).message}`);
			}
		}
	}

	startTimer(): void {
		this.#timer ??= setInterval(() => this.tick(), tickMs);
	}

	/** Stops every agent (records stay, so the next daemon start can respawn them). */
	async stopAll(): Promise<number> {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = undefined;
		const sessions = [...this.#sessions.values()];
		const results = await Promise.all(sessions.map(session => session.stop().catch(() => false)));
		for (const session of sessions) session.dispose();
		this.#sessions.clear();
		return results.filter(Boolean).length;
	}

	/** Starts recorded sessions again, resuming their conversations; drops the records that should not run. */
	async respawn(records: readonly SessionRecord[], shouldRun: (record: SessionRecord) => Promise<boolean> | boolean): Promise<void> {
		// Every record stays until its agent runs or its hook is found finished: a daemon
		// killed halfway through this loop leaves the whole list for the next one.
		for (const record of records) if (!this.#records.has(record.spec.id)) this.#records.set(record.spec.id, record);
		for (const record of records) {
			const {id} = record.spec;
			try {
				if (this.#sessions.has(id)) continue;
				if (this.#records.get(id)?.paused) {
					this.#deps.log(`${id} stays paused (${this.#records.get(id)!.paused!.reason}): \`gt resume\` starts it again`);
					continue;
				}
				if (!(await shouldRun(record))) {
					this.#deps.log(`${id} not respawned: no hooked work`);
					this.#records.delete(id);
					this.#persist();
					continue;
				}
				const {spec, runtime} = this.#deps.prepare(checkSpec(record.spec));
				this.#record(spec, record.startedAt);
				this.#firstStarted.set(id, record.startedAt);
				await this.#launch(spec, runtime, this.#deps.buildLaunch(spec, {resume: true}));
				this.#deps.log(`${id} respawned (pid ${this.#sessions.get(id)?.info().pid})`);
			} catch (error) {
				this.#deps.log(`${id} not respawned: ${String(error instanceof GtError ? error.describe() : (error as Error).message)}`);
				const refused = refusedInfo(record, error, this.#deps.now());
				if (refused) this.#refused.set(id, refused);
			}
		}
		this.#persist();
	}

	async #launch(spec: SessionSpec, runtime: string, launch: Launch): Promise<Session> {
		checkLaunch(spec, launch);
		const session = new Session(spec, {
			spawn: this.#deps.spawn,
			detect: this.#deps.detect,
			runtime,
			transcriptFile: transcriptFile(this.#deps.paths, spec.id),
			now: this.#deps.now,
		});
		try {
			await session.launch(launch);
		} catch (error) {
			session.dispose();
			throw failure(`could not start ${spec.address}: ${(error as Error).message}`, `check the command of agent "${spec.agent}" (gt config agent get ${spec.agent})`);
		}
		let explained: string | undefined;
		session.on(event => {
			if (event.event === 'state') {
				this.#emit({event: 'state', session: spec.id, state: event.state});
				// An exit has its own line below.
				if (event.state.state !== 'exited') this.#deps.log(`${spec.id} ${event.state.state} (${event.state.source}${event.state.detail ? `: ${event.state.detail}` : ''})`);
				if (event.state.reason && event.state.reason !== explained) this.#deps.log(`${spec.id}: ${event.state.reason}`);
				explained = event.state.reason;
				if (shouldStartFresh(session)) void startFreshOnce(this.#freshStarts, session, id => this.restart(id, {fresh: true}), this.#deps.log);
				this.#deliverQueued(session);
			} else if (event.event === 'exit') {
				this.#emit({event: 'exit', session: spec.id, ...(event.exitCode === undefined ? {} : {exitCode: event.exitCode}), ...(event.signal ? {signal: event.signal} : {})});
				this.#deps.log(`${spec.id} ${event.signal ? exitText({signal: event.signal}) : `exited (code ${event.exitCode})`}`);
			}
		});
		this.#sessions.set(spec.id, session);
		this.#refused.delete(spec.id);
		if (!this.#firstStarted.has(spec.id)) this.#firstStarted.set(spec.id, session.info().startedAt);
		this.#maybeQueued.add(spec.id);
		this.#emit({event: 'session', session: spec.id, info: session.info()});
		return session;
	}

	#remove(session: Session): void {
		this.#marks.delete(session.id);
		session.dispose();
		this.#sessions.delete(session.id);
		this.#firstStarted.delete(session.id);
		this.#delivered.delete(session.id);
		this.#emit({event: 'session', session: session.id, info: null});
	}

	#heldBack(session: Session): boolean {
		const last = this.#delivered.get(session.id);
		return last !== undefined && last.since === session.state.since && this.#deps.now() - last.at < nudgeRetryMs;
	}

	#typeNudge(session: Session, text: string): void {
		this.#delivered.set(session.id, {since: session.state.since, at: this.#deps.now()});
		void session.type(text);
		this.#deps.log(`${session.id} nudge typed`);
	}

	#deliverQueued(session: Session): void {
		if (!session.running || session.state.state !== 'idle' || !this.#maybeQueued.has(session.id) || this.#heldBack(session)) return;
		const text = takeNudge(this.#deps.paths.nudgeQueue, session.id);
		if (text === undefined) {
			this.#maybeQueued.delete(session.id);
			return;
		}
		this.#typeNudge(session, text);
	}

	/** Records (and writes) that `spec` should run, keeping the first start time it had. */
	#record(spec: SessionSpec, startedAt: string): void {
		this.#records.set(spec.id, {spec, startedAt: this.#records.get(spec.id)?.startedAt ?? startedAt});
		this.#persist();
	}

	#persist(): void {
		const records = [...this.#records.values()];
		try {
			atomicWriteFileSync(this.#deps.paths.sessions, `${JSON.stringify(records, null, '\t')}\n`, 0o600);
		} catch (error) {
			this.#deps.log(`could not write ${this.#deps.paths.sessions}: ${(error as Error).message}`);
		}
	}

	#emit(event: SupervisorEvent): void {
		for (const listener of [...this.#listeners]) {
			try {
				listener(event);
			} catch {}
		}
	}
}
