// A cross-process lock file. The holder writes "<pid> <host> <time>" into a file
// created with O_EXCL. Waiters poll with jittered backoff. A lock whose holder
// process is gone (killed mid-write) is broken at once, not after a timeout:
// liveness is checked with signal 0, which is why this is not proper-lockfile
// (mtime staleness would stall every writer for seconds after a crash).
import {closeSync, openSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import {setTimeout as sleep} from 'node:timers/promises';
import {errnoCode, GtError} from './errors.js';

export type LockOptions = {
	/** Give up after this long (ms). */
	readonly timeoutMs?: number;
	/** What the lock protects, for the error message. */
	readonly what?: string;
};

const host = hostname();

type Holder = {pid: number; host: string; since: number};

function readHolder(lockPath: string): Holder | undefined {
	try {
		const [pid, holderHost, since] = readFileSync(lockPath, 'utf8').trim().split(' ');
		if (!pid) return undefined;
		return {pid: Number(pid), host: holderHost ?? host, since: Number(since) || 0};
	} catch {
		return undefined;
	}
}

export function isProcessAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errnoCode(error) === 'EPERM';
	}
}

function tryCreate(lockPath: string): boolean {
	try {
		const descriptor = openSync(lockPath, 'wx', 0o644);
		writeSync(descriptor, `${process.pid} ${host} ${Date.now()}\n`);
		closeSync(descriptor);
		return true;
	} catch (error) {
		if (errnoCode(error) === 'EEXIST') return false;
		throw error;
	}
}

function ageMs(file: string): number {
	try {
		return Date.now() - statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

/** Removes a lock whose holder is dead. A second lock file makes the break itself exclusive. */
function breakIfStale(lockPath: string): void {
	const holder = readHolder(lockPath);
	// An empty file is a holder between create and write; only a long-empty one is stale.
	const stale = holder ? holder.host === host && !isProcessAlive(holder.pid) : ageMs(lockPath) > 5000;
	if (!stale) return;
	const breaker = `${lockPath}.break`;
	if (!tryCreate(breaker)) {
		if (ageMs(breaker) > 5000) rmSync(breaker, {force: true});
		return;
	}
	try {
		const again = readHolder(lockPath);
		if (again?.pid === holder?.pid && again?.since === holder?.since) rmSync(lockPath, {force: true});
	} finally {
		rmSync(breaker, {force: true});
	}
}

export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => void> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const started = Date.now();
	let delay = 2;
	for (;;) {
		if (tryCreate(lockPath)) {
			return () => {
				const holder = readHolder(lockPath);
				if (holder?.pid === process.pid) rmSync(lockPath, {force: true});
			};
		}
		breakIfStale(lockPath);
		if (Date.now() - started > timeoutMs) {
			const holder = readHolder(lockPath);
			throw new GtError(
				'conflict',
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
