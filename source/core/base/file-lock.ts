// A cross-process lock file: the ledgers' and config files' write locks, and the
// daemon's daemon.pid. The holder's record ("<pid> <host> <time>", or just "<pid>"
// for daemon.pid, which people read with `kill $(cat …)`) is written to a temp file
// first and linked into place, so a lock file never exists without its holder in
// it: an empty or unreadable lock can only be left by something else, and is broken
// at once. A lock whose holder process is gone (killed mid-write) is broken at once
// too, not after a timeout: liveness is checked with signal 0, which is why this is
// not proper-lockfile (mtime staleness would stall every writer for seconds).
import {linkSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {setTimeout as sleep} from 'node:timers/promises';
import {conflict, errnoCode} from './errors.js';

export type LockOptions = {
	/** Give up after this long (ms). */
	readonly timeoutMs?: number;
	/** What the lock protects, for the error message. */
	readonly what?: string;
	/** What the holder writes: "holder" (pid, host, time; the default) or "pid" alone. */
	readonly record?: 'holder' | 'pid';
};

const host = hostname();

type Holder = {pid: number; host: string; since: number};

/** Locks this process holds: a lock naming our own pid that we do not hold is stale (pids repeat across containers). */
const heldHere = new Set<string>();

/** The holder a lock file names; undefined when there is no file; null when it names no one (empty or garbage). */
function readHolder(lockPath: string): Holder | undefined | null {
	let text: string;
	try {
		text = readFileSync(lockPath, 'utf8');
	} catch {
		return undefined;
	}
	const [pid, holderHost, since] = text.trim().split(' ');
	const number = Number(pid);
	if (!Number.isInteger(number) || number <= 0) return null;
	return {pid: number, host: holderHost ?? host, since: Number(since) || 0};
}

/** A process that exists and is not a zombie (killed, not yet reaped: it holds nothing any more). */
export function isProcessAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
	} catch (error) {
		if (errnoCode(error) !== 'EPERM') return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) S ...": the state follows the last ")" (comm may hold parentheses).
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true; // no /proc (macOS): signal 0 is all there is
	}
}

/** Creates the lock with its contents in one step (link of a finished temp file), or false when it exists. */
function tryCreate(lockPath: string, contents: string): boolean {
	const temp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	writeFileSync(temp, contents, {mode: 0o644});
	try {
		linkSync(temp, lockPath);
		return true;
	} catch (error) {
		if (errnoCode(error) === 'EEXIST') return false;
		throw error;
	} finally {
		rmSync(temp, {force: true});
	}
}

function ageMs(file: string): number {
	try {
		return Date.now() - statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

function isStale(lockPath: string, holder: Holder | null): boolean {
	if (holder === null) return true;
	if (holder.host !== host) return false;
	if (holder.pid === process.pid) return !heldHere.has(lockPath);
	return !isProcessAlive(holder.pid);
}

/** Removes a lock whose holder is dead. A second lock file makes the break itself exclusive. */
function breakIfStale(lockPath: string): void {
	const holder = readHolder(lockPath);
	if (holder === undefined || !isStale(lockPath, holder)) return;
	const breaker = `${lockPath}.break`;
	if (!tryCreate(breaker, `${process.pid} ${host} ${Date.now()}\n`)) {
		// A breaker that died mid-break leaves its file; it is only ever held for microseconds.
		if (ageMs(breaker) > 2000) rmSync(breaker, {force: true});
		return;
	}
	try {
		const again = readHolder(lockPath);
		const same = again === null ? holder === null : again !== undefined && holder !== null && again.pid === holder.pid && again.since === holder.since;
		if (same) rmSync(lockPath, {force: true});
	} finally {
		rmSync(breaker, {force: true});
	}
}

function contentsFor(options: LockOptions): string {
	return options.record === 'pid' ? `${process.pid}\n` : `${process.pid} ${host} ${Date.now()}\n`;
}

function releaser(lockPath: string): () => void {
	heldHere.add(lockPath);
	return () => {
		heldHere.delete(lockPath);
		if (readHolder(lockPath)?.pid === process.pid) rmSync(lockPath, {force: true});
	};
}

/** Takes the lock now or never: the release function, or the live holder's pid. */
export function tryLock(lockPath: string, options: LockOptions = {}): {release: () => void} | {heldBy: number} {
	for (let attempt = 0; attempt < 3; attempt++) {
		if (tryCreate(lockPath, contentsFor(options))) return {release: releaser(lockPath)};
		breakIfStale(lockPath);
	}
	const holder = readHolder(lockPath);
	return {heldBy: holder ? holder.pid : 0};
}

export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => void> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const started = Date.now();
	let delay = 2;
	for (;;) {
		if (tryCreate(lockPath, contentsFor(options))) return releaser(lockPath);
		breakIfStale(lockPath);
		if (Date.now() - started > timeoutMs) {
			const holder = readHolder(lockPath);
			throw conflict(
				`${options.what ?? lockPath} is locked${holder ? ` by process ${holder.pid}` : ''} for more than ${Math.round(timeoutMs / 1000)}s`,
				`wait for it to finish, or remove ${lockPath} if that process is gone`,
			);
		}
		await sleep(delay + Math.random() * delay);
		delay = Math.min(delay * 2, 50);
	}
}

export async function withLock<T>(lockPath: string, action: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
	const release = await acquireLock(lockPath, options);
	try {
		return await action();
	} finally {
		release();
	}
}
