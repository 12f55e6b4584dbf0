// Where the daemon keeps its files under <town>/.runtime. The socket path is
// computed here for both ends: Unix socket paths are limited to ~107 bytes, so a
// deep town gets a short socket in a private per-user directory, named by a hash of it.
import {createHash} from 'node:crypto';
import {lstatSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {isProcessAlive} from '../base/file-lock.js';
import {townLayout} from '../base/paths.js';
import {currentUid, ensurePrivateDirectory} from '../base/private-path.js';
import type {SessionSpec} from '../sessions/types.js';

export type DaemonPaths = {
	readonly runtime: string;
	readonly socket: string;
	readonly pid: string;
	readonly log: string;
	readonly sessions: string;
	readonly transcripts: string;
	readonly nudgeQueue: string;
};

/** sun_path is 108 bytes on Linux and 104 on macOS, including the final NUL. */
const maxSocketPathBytes = 100;

export type SocketPathOptions = {
	/** Defaults to process.env; only XDG_RUNTIME_DIR is read. */
	readonly vars?: Readonly<Record<string, string | undefined>>;
	/** The uid the socket directory must belong to; defaults to the current user's. */
	readonly uid?: number;
};

/**
 * The town's socket: `<town>/.runtime/gt.sock`, or for a town too deep for that,
 * `<base>/gt-<uid>/<hash of the town>.sock` in a 0700 directory of the user's own
 * (created here, and refused when someone else owns it or could write into it, so
 * nobody can plant a socket where a client will look). The base is
 * $XDG_RUNTIME_DIR when set, else a fixed /tmp, never os.tmpdir(): TMPDIR differs
 * between shells of one user, and the daemon and its clients must agree.
 */
export function socketPathFor(townRoot: string, options: SocketPathOptions = {}): string {
	const preferred = path.join(townLayout(townRoot).runtime, 'gt.sock');
	if (Buffer.byteLength(preferred) <= maxSocketPathBytes) return preferred;
	const hash = createHash('sha256').update(path.resolve(townRoot)).digest('hex').slice(0, 16);
	const xdg = (options.vars ?? process.env).XDG_RUNTIME_DIR;
	const base = xdg && path.isAbsolute(xdg) ? xdg : '/tmp';
	const uid = options.uid ?? currentUid();
	const dir = ensurePrivateDirectory(path.join(base, `gt-${uid ?? 'user'}`), uid);
	return path.join(dir, `${hash}.sock`);
}

export function daemonPaths(townRoot: string): DaemonPaths {
	const runtime = townLayout(townRoot).runtime;
	return {
		runtime,
		socket: socketPathFor(townRoot),
		pid: path.join(runtime, 'daemon.pid'),
		log: path.join(runtime, 'daemon.log'),
		sessions: path.join(runtime, 'sessions.json'),
		transcripts: path.join(runtime, 'transcripts'),
		nudgeQueue: path.join(runtime, 'nudge_queue'),
	};
}

export const transcriptFile = (paths: DaemonPaths, id: string) => path.join(paths.transcripts, `${id}.log`);

/** A line of sessions.json: what should be running, and since when. */
/** What should run. `paused`: held by `gt pause`/`gt estop`; a restarted daemon lists it paused and does not launch it. */
export type SessionRecord = {spec: SessionSpec; startedAt: string; paused?: {since: string; reason: string}};

export function readSessionRecords(file: string): SessionRecord[] {
	try {
		const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
		return Array.isArray(parsed) ? parsed.filter((record): record is SessionRecord => typeof record?.spec?.id === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * Whether `pid` is a running process. A zombie is not: a daemon killed with SIGKILL
 * stays one where nothing reaps orphans (PID 1 in many containers), and must not
 * keep its town from getting a new daemon.
 */
/** A live daemon or agent process (zombies excluded): see base/file-lock. */
export const isRunningProcess = isProcessAlive;

/**
 * Removes the town's socket when no live process holds daemon.pid: a daemon takes
 * daemon.pid before it creates its socket and removes the socket before it lets go,
 * so such a socket is left by a daemon that died. A killed multi-threaded node shows
 * as a zombie while its threads exit, and its listening socket still accepts in that
 * window but answers nothing; a client connecting there would wait for its request
 * timeout instead of starting a new daemon. True when a socket was removed.
 */
export function removeDeadDaemonSocket(paths: Pick<DaemonPaths, 'pid' | 'socket'>): boolean {
	let holder = 0;
	try {
		holder = Number(readFileSync(paths.pid, 'utf8').trim().split(/\s+/)[0]);
	} catch {}
	if (isProcessAlive(holder)) return false;
	try {
		if (!lstatSync(paths.socket).isSocket()) return false;
	} catch {
		return false;
	}
	rmSync(paths.socket, {force: true});
	return true;
}
