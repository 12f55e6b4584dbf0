// One agent in the daemon: its pty, its headless screen, its transcript file and
// its state. The object outlives restarts (same id, same subscribers): a restart
// swaps the process and the screen and tells subscribers with a fresh snapshot.
import {setTimeout as sleep} from 'node:timers/promises';
import type {Launch} from '../sessions/types.js';
import type {ScreenSnapshot, SessionInfo, SessionSpec} from '../sessions/types.js';
import type {SessionState, StateReport} from '../agents/state/types.js';
import type {PtyProcess, SpawnPty} from './pty.js';
import {Screen} from './screen.js';
import {TranscriptLog} from './transcript-log.js';
import {signalName, exitText, showsPrompt} from './screen-text.js';

export {signalName, exitText};

export type AgentSignal = {state: SessionState; detail?: string; at: number};

/** The state detector's contract (core/daemon/state-detector.ts). */
export type DetectInput = {
	runtime: string;
	screen: ScreenSnapshot;
	signal?: AgentSignal;
	lastOutputAt: number;
	startedAt: number;
	now: number;
	exited?: {code?: number};
};
export type DetectState = (input: DetectInput) => Omit<StateReport, 'since'>;

export type SessionEvent =
	| {event: 'snapshot'; screen: ScreenSnapshot}
	| {event: 'output'; data: string}
	| {event: 'state'; state: StateReport}
	| {event: 'exit'; exitCode?: number; signal?: number}
	| {event: 'detach'};

export type SessionDeps = {
	readonly spawn: SpawnPty;
	readonly detect: DetectState;
	/** The preset the agent behaves like, for the detector's screen patterns. */
	readonly runtime: string;
	readonly transcriptFile: string;
	readonly now: () => number;
};

export const defaultCols = 120;
export const defaultRows = 40;
/** A transcript past this is moved to `<id>.log.1` (replacing the older one) and started afresh. */
export const transcriptCapBytes = 5 * 1024 * 1024;
/** A typed first prompt waits for the input to read idle this long: codex's composer flickers idle for 300–600 ms while it starts. */
const readyHoldMs = 1000;
/** Between pasting text and pressing Enter: TUIs that time keystrokes take one burst as a paste. */
const enterDelayMs = 60;
const stopGraceMs = 3000;
/** Unparsed output above which the pty is paused until the screen catches up (xterm drops data past 50 MB). */
const pauseAboveChars = 4 * 1024 * 1024;
const resumeBelowChars = 512 * 1024;

const iso = (ms: number) => new Date(ms).toISOString();

export class Session {
	#spec: SessionSpec;
	readonly #deps: SessionDeps;
	readonly #transcript: TranscriptLog;
	readonly #listeners = new Set<(event: SessionEvent) => void>();
	/** The streaming clients among the listeners (the ones `detach` reaches). */
	readonly #subscribers = new Set<(event: SessionEvent) => void>();
	#screen: Screen;
	#pty: PtyProcess | undefined;
	#generation = 0;
	#startedAt: number;
	#lastOutputAt: number | undefined;
	#signal: AgentSignal | undefined;
	#exit: {code?: number; signal?: number} | undefined;
	/** The exit has been read from a settled screen (its last words parsed), so the exited state is final. */
	#exitRead = false;
	#exitFinal = false;
	#exited: Promise<void> = Promise.resolve();
	#state: StateReport;
	#restarts = 0;
	#launch: Launch | undefined;
	#pendingPrompt: string | undefined;
	#cached: {version: number; snapshot: ScreenSnapshot} | undefined;
	#typing: Promise<void> = Promise.resolve();
	/** Set while the process group is stopped (SIGSTOP): the detector is not run, nothing is typed. */
	#paused: {since: number; reason: string; before: StateReport} | undefined;

	constructor(spec: SessionSpec, deps: SessionDeps) {
		this.#spec = spec;
		this.#deps = deps;
		this.#transcript = new TranscriptLog(deps.transcriptFile, transcriptCapBytes);
		this.#screen = new Screen({cols: spec.cols ?? defaultCols, rows: spec.rows ?? defaultRows});
		this.#startedAt = deps.now();
		this.#state = {state: 'starting', source: 'process', confidence: 1, since: iso(this.#startedAt)};
	}

	get id(): string {
		return this.#spec.id;
	}

	get spec(): SessionSpec {
		return this.#spec;
	}

	get state(): StateReport {
		return this.#state;
	}

	get running(): boolean {
		return this.#pty !== undefined && this.#exit === undefined;
	}

	get restarts(): number {
		return this.#restarts;
	}

	/** What the current process was started with. */
	get launched(): Launch | undefined {
		return this.#launch;
	}

	get paused(): boolean {
		return this.#paused !== undefined;
	}

	/**
	 * Stops the whole process group (SIGSTOP): it keeps its memory, its conversation and
	 * its pty, and uses no CPU until resume(). False when nothing is running.
	 */
	pause(reason: string): boolean {
		if (!this.running) return false;
		if (this.#paused) return true;
		this.#pty!.kill('SIGSTOP');
		this.#paused = {since: this.#deps.now(), reason, before: this.#state};
		this.#setState({state: 'paused', source: 'signal', confidence: 1, detail: reason}, true);
		return true;
	}

	/** Continues a paused process group where it stopped (SIGCONT). */
	resume(): boolean {
		const paused = this.#paused;
		if (!paused) return false;
		this.#paused = undefined;
		if (this.running) this.#pty!.kill('SIGCONT');
		// The silence while stopped is not the agent's: quiescence counts from now.
		this.#lastOutputAt = this.#deps.now();
		const {since: _since, ...before} = paused.before;
		this.#setState(before, true);
		this.evaluate();
		return true;
	}

	/** Starts the agent's process; a second call is a restart (the old process must be gone), maybe with a new spec. */
	async launch(launch: Launch, spec?: SessionSpec): Promise<void> {
		if (this.running) throw new Error(`session ${this.id} is still running`);
		// Spawn first: if it fails, the session stays as it was (exited, or never started).
		const pty = await this.#deps.spawn(launch.file, launch.args, {cwd: launch.cwd, env: launch.env, cols: this.#screen.cols, rows: this.#screen.rows});
		if (spec) this.#spec = {...spec, id: this.id};
		const generation = ++this.#generation;
		const first = generation === 1;
		if (!first) {
			this.#restarts++;
			this.#screen.dispose();
			this.#screen = new Screen({cols: this.#screen.cols, rows: this.#screen.rows});
			this.#transcript.append(`\r\n--- restarted ${iso(this.#deps.now())} ---\r\n`);
		}
		this.#cached = undefined;
		this.#exit = undefined;
		this.#exitRead = false;
		this.#exitFinal = false;
		this.#signal = undefined;
		this.#lastOutputAt = undefined;
		this.#startedAt = this.#deps.now();
		this.#launch = launch;
		this.#pendingPrompt = launch.typedPrompt || undefined;
		this.#pty = pty;
		let onExit!: () => void;
		this.#exited = new Promise(resolve => {
			onExit = resolve;
		});
		let unparsed = 0;
		let paused = false;
		const screen = this.#screen;
		pty.onData(data => {
			if (generation !== this.#generation) return;
			this.#lastOutputAt = this.#deps.now();
			this.#transcript.append(data);
			unparsed += data.length;
			void screen.write(data).then(() => {
				unparsed -= data.length;
				if (paused && unparsed < resumeBelowChars) {
					paused = false;
					pty.resume();
				}
			});
			if (!paused && unparsed > pauseAboveChars) {
				paused = true;
				pty.pause();
			}
			this.#emit({event: 'output', data});
		});
		pty.onExit(({exitCode, signal}) => {
			onExit();
			if (generation !== this.#generation) return;
			this.#exit = {code: exitCode, ...(signal ? {signal} : {})};
			this.#pendingPrompt = undefined;
			this.evaluate();
			// Its last words (a refusal, "No conversation found") may still be on their way into the screen.
			void screen.settledSnapshot().then(() => {
				if (generation !== this.#generation) return;
				this.#exitRead = true;
				this.evaluate();
			});
			this.#emit({event: 'exit', exitCode, ...(signal ? {signal} : {})});
		});
		this.#setState({state: 'starting', source: 'process', confidence: 1}, true);
		if (!first) this.#emit({event: 'snapshot', screen: this.#screen.snapshot()});
	}

	info(): SessionInfo {
		return {
			...this.#spec,
			...(this.#pty ? {pid: this.#pty.pid} : {}),
			startedAt: iso(this.#startedAt),
			state: this.#state,
			...(this.#lastOutputAt === undefined ? {} : {lastOutputAt: iso(this.#lastOutputAt)}),
			...(this.#exit?.code === undefined ? {} : {exitCode: this.#exit.code}),
			...(this.#exit?.signal ? {exitSignal: signalName(this.#exit.signal)} : {}),
			cols: this.#screen.cols,
			rows: this.#screen.rows,
			restarts: this.#restarts,
		};
	}

	snapshot(): ScreenSnapshot {
		const version = this.#screen.version;
		if (this.#cached?.version !== version) this.#cached = {version, snapshot: this.#screen.snapshot()};
		return this.#cached.snapshot;
	}

	transcript(lines?: number): string[] {
		return this.#screen.transcript(lines);
	}

	write(data: string): void {
		if (this.running) this.#pty!.write(data);
	}

	resize(cols: number, rows: number): void {
		this.#screen.resize(cols, rows);
		if (this.running) this.#pty!.resize(cols, rows);
	}

	/** Types text as if pasted, then presses Enter. Calls queue up so two messages never interleave. */
	type(text: string): Promise<void> {
		const typed = this.#typing.then(async () => {
			if (!this.running) return;
			const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
			this.#pty!.write(this.#screen.bracketedPaste ? `\x1b[200~${body}\x1b[201~` : body);
			await sleep(enterDelayMs);
			if (this.running) this.#pty!.write('\r');
		});
		// The queue goes on after a failed write: this caller hears of it, the next message is still typed.
		this.#typing = typed.catch(() => undefined);
		return typed;
	}

	/** An agent callback (`gt signal`). */
	signal(state: SessionState, detail?: string): void {
		this.#signal = {state, ...(detail ? {detail} : {}), at: this.#deps.now()};
		this.evaluate();
	}

	/** Runs the detector (the daemon calls this on a timer) and types the first prompt once the agent is ready. */
	evaluate(): void {
		if (this.#paused && this.running) return;
		if (this.#paused) this.#paused = undefined;
		const now = this.#deps.now();
		if (this.#pendingPrompt !== undefined && this.running && this.#isReady(now)) {
			const prompt = this.#pendingPrompt;
			this.#pendingPrompt = undefined;
			void this.type(prompt);
		}
		// Done once the exit is read: a state the screen called exited before the process went is not final.
		if (!this.#pty || this.#exitFinal) return;
		const report = this.#deps.detect({
			runtime: this.#deps.runtime,
			screen: this.snapshot(),
			...(this.#signal ? {signal: this.#signal} : {}),
			lastOutputAt: this.#lastOutputAt ?? this.#startedAt,
			startedAt: this.#startedAt,
			now,
			...(this.#exit ? {exited: {...(this.#exit.code === undefined ? {} : {code: this.#exit.code})}} : {}),
		});
		// Whatever a detector says, a process that is gone is exited, and how it ended is the process's to say.
		this.#setState(this.#exit ? {...report, state: 'exited', source: 'process', confidence: 1, detail: exitText(this.#exit)} : report);
		// The evaluation after the settled screen is the last: its failure reason stands.
		if (this.#exit && this.#exitRead) this.#exitFinal = true;
	}

	/** Stops the process group politely (SIGTERM, then SIGKILL after 3 s); false when nothing was running. */
	async stop(force = false): Promise<boolean> {
		if (!this.running) return false;
		const pty = this.#pty!;
		const exited = this.#exited;
		pty.kill(force ? 'SIGKILL' : 'SIGTERM');
		// A stopped group holds SIGTERM until it runs again: let it run to take the signal.
		if (this.#paused) {
			this.#paused = undefined;
			pty.kill('SIGCONT');
		}
		const gone = await Promise.race([exited.then(() => true), sleep(stopGraceMs, undefined, {ref: false}).then(() => false)]);
		if (!gone) {
			pty.kill('SIGKILL');
			await Promise.race([exited, sleep(stopGraceMs, undefined, {ref: false})]);
		}
		return true;
	}

	/** Streams events to one subscriber: first the screen as it is, then everything after it, in order. */
	subscribe(send: (event: SessionEvent) => void): () => void {
		const backlog: SessionEvent[] = [];
		let live = false;
		const listener = (event: SessionEvent) => {
			if (live) send(event);
			else backlog.push(event);
		};
		this.#listeners.add(listener);
		this.#subscribers.add(listener);
		// Output that arrives from now on is both queued here and written to the screen after this
		// point, so the snapshot holds everything before it and the backlog everything after.
		void this.#screen.settledSnapshot().then(screen => {
			if (!this.#listeners.has(listener)) return;
			send({event: 'snapshot', screen});
			for (const event of backlog.splice(0)) send(event);
			live = true;
		});
		return () => {
			this.#listeners.delete(listener);
			this.#subscribers.delete(listener);
		};
	}

	/** Tells every attached client to let go (`gt mayor detach` from another shell); returns how many there were. */
	detach(): number {
		const subscribers = [...this.#subscribers];
		for (const subscriber of subscribers) subscriber({event: 'detach'});
		return subscribers.length;
	}

	on(listener: (event: SessionEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Frees the screen and the transcript file; the process must already be stopped. */
	dispose(): void {
		this.#listeners.clear();
		this.#subscribers.clear();
		this.#screen.dispose();
		this.#transcript.close();
	}

	#isReady(now: number): boolean {
		const launch = this.#launch!;
		// Never into a screen that is not the runtime's input: a login, trust or hooks screen would take the Enter.
		if (this.#state.state !== 'idle' || now - Date.parse(this.#state.since) < readyHoldMs) return false;
		if (now - this.#startedAt >= launch.readyDelayMs) return true;
		return launch.readyPrefix !== undefined && this.#lastOutputAt !== undefined && showsPrompt(this.snapshot().lines, launch.readyPrefix);
	}

	#setState(report: Omit<StateReport, 'since'>, force = false): void {
		const now = this.#deps.now();
		const changed = force || report.state !== this.#state.state;
		// A reason that appears (or goes), or the agent's own callback taking over from the screen
		// (or giving way to it), is news too, without restarting the state's clock.
		const explained = report.reason !== this.#state.reason || (report.source === 'signal') !== (this.#state.source === 'signal');
		this.#state = {
			state: report.state,
			source: report.source,
			confidence: report.confidence,
			...(report.detail === undefined ? {} : {detail: report.detail}),
			...(report.reason === undefined ? {} : {reason: report.reason}),
			...(report.failure === undefined ? {} : {failure: report.failure}),
			since: changed ? iso(now) : this.#state.since,
		};
		if (changed || explained) this.#emit({event: 'state', state: this.#state});
	}

	#emit(event: SessionEvent): void {
		for (const listener of [...this.#listeners]) listener(event);
	}
}
