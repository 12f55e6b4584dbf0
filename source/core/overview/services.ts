// What the UI and the dashboard need from the town, one object handed down from a composition
// root (main/ui.tsx, main/dashboard.ts build it over core; tests over a real town or a fake).
import type {ConvoyStatus} from '../convoys/convoy.js';
import type {ScreenSnapshot, SessionInfo} from '../sessions/types.js';
import type {MailMessage} from '../mail/mail.js';
import type {MergeRequestJson} from '../refinery/queue.js';
import type {StoppedAgent} from '../work/stopped-agents.js';

export type ReadyBead = {readonly id: string; readonly title: string; readonly rig: string; readonly priority: number};

/** What the ledgers say: convoys, ready work, the overseer's inbox, rigs and runtimes. */
export type Ledgers = {
	readonly convoys: readonly ConvoyStatus[];
	/** Convoys that landed in the last hour, newest first: a board should not drop them the moment they finish. */
	readonly landed?: readonly ConvoyStatus[];
	readonly ready: readonly ReadyBead[];
	readonly mail: readonly MailMessage[];
	readonly rigs: readonly string[];
	/** Existing workers as sling targets: "mp/furiosa", "mp/crew/me". */
	readonly workers: readonly string[];
	readonly runtimes: readonly string[];
	readonly defaultRuntime: string;
	/** The runtimes whose command is on PATH (sling offers only these); absent: not checked. */
	readonly installed?: readonly string[];
};

/** The UI's second read beside the ledgers: every rig's open merge requests, and what is on each hook now. */
export type Work = {
	readonly mergeQueue: readonly MergeRequestJson[];
	/** Agent address → the bead on its hook now (a session remembers only the bead it was started for). */
	readonly hooks: Readonly<Record<string, string>>;
	/** Every agent with a worktree, and the Mayor, running or not: one with no session stays listed as stopped. */
	readonly agentsOnDisk?: readonly StoppedAgent[];
};

export const emptyWork: Work = {mergeQueue: [], hooks: {}};

export type Closable = {close(): void};

export type CheckpointRow = {readonly commit: string; readonly at: string; readonly reason: string; readonly state: string; readonly files: number};

export type TerminalHandlers = {
	snapshot(screen: ScreenSnapshot): void;
	output(data: string): void;
	end(): void;
};

export type TownServices = {
	readonly townRoot: string;
	readLedgers(): Promise<Ledgers>;
	/** The merge queue (open requests of every rig) and the current hooks. */
	readWork(): Promise<Work>;
	/** gt mq retry / gt mq reject, as the human. */
	retryMerge(id: string): Promise<void>;
	rejectMerge(id: string, reason?: string): Promise<void>;
	/** gt down: every agent and the daemon stop; nothing starts it again until `gt up`. */
	stopTown(): Promise<void>;
	/** Daemon sessions; throws when the daemon cannot be reached. */
	sessions(): Promise<SessionInfo[]>;
	/** (Re)connects, starting the daemon when it is not running. */
	/** Connects again; `start` also starts a daemon that is not running (only before the UI ever saw one). */
	reconnect(start: boolean): Promise<void>;
	/** Any daemon event (state, session, exit) calls onChange; onEnd when the stream breaks. */
	watchEvents(onChange: () => void, onEnd: () => void): Closable;
	/** Screens of one session, throttled to one per frameMs. */
	watchScreen(id: string, onScreen: (screen: ScreenSnapshot) => void, frameMs: number): Closable;
	/** One terminal raw: its screen now, then every byte the pty writes, then `end` (exit, or the daemon gone). */
	watchTerminal(id: string, handlers: TerminalHandlers): Closable;
	resize(id: string, cols: number, rows: number): Promise<void>;
	write(id: string, data: string): Promise<void>;
	nudge(id: string, text: string): Promise<'typed' | 'queued'>;
	stop(id: string): Promise<void>;
	/** Stops and starts it again on the same worktree and hook. */
	restart(id: string): Promise<void>;
	/** Start an agent that has no session: the Mayor, or a worker on its hooked bead. Resolves to what happened. */
	startAgent(address: string): Promise<string>;
	/** gt pause / gt resume of one agent. */
	pause(id: string): Promise<void>;
	resume(id: string): Promise<void>;
	/** An agent's checkpoints, newest first (gt hook history). */
	checkpoints(address: string): Promise<CheckpointRow[]>;
	/** gt hook rollback: answers the sentence the CLI prints first. */
	rollback(address: string, commit: string): Promise<string>;
	startMayor(): Promise<void>;
	sling(bead: string, target: string, runtime?: string): Promise<string>;
	createBead(rig: string, title: string): Promise<string>;
	createConvoy(title: string, beads: readonly string[]): Promise<string>;
	readMail(id: string): Promise<MailMessage>;
	reply(id: string, body: string): Promise<void>;
	sendMail(to: string, subject: string, body: string): Promise<void>;
	archive(id: string): Promise<void>;
};

export const emptyLedgers: Ledgers = {convoys: [], ready: [], mail: [], rigs: [], workers: [], runtimes: [], defaultRuntime: ''};
