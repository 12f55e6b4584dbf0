// The town's running parts for gt doctor: is the daemon up, are there lock files left by
// processes that died, and do the sessions the daemon keeps still have their processes.
import {readdirSync, readFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {isProcessAlive} from '../base/file-lock.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {daemonPaths, readSessionRecords} from '../daemon/daemon-paths.js';
import {sessionsIfRunning} from '../sessions/over-daemon.js';
import type {SessionInfo} from '../sessions/types.js';
import {rigNames} from '../town/rig-config.js';
import {ok, warn, fail, type CheckResult} from './types.js';

/** A lock file's holder, when it names a dead process on this host (or no one at all). */
export function staleHolder(file: string): string | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	const [pid, host] = text.trim().split(' ');
	const number = Number(pid);
	if (!Number.isInteger(number) || number <= 0) return 'names no process';
	if (host && host !== hostname()) return undefined;
	return isProcessAlive(number) ? undefined : `process ${number} is gone`;
}

function lockFilesIn(dir: string): string[] {
	try {
		return readdirSync(dir).filter(name => name === '.lock' || name.endsWith('.lock') || name.endsWith('.lock.break')).map(name => path.join(dir, name));
	} catch {
		return [];
	}
}

/** Ledger, routes, config and sling locks, and daemon.pid. */
export function lockFiles(townRoot: string): string[] {
	const town = townLayout(townRoot);
	const dirs = [town.root, town.beads, ...rigNames(townRoot).flatMap(rig => [rigLayout(townRoot, rig).dir, rigLayout(townRoot, rig).beads, rigLayout(townRoot, rig).repo])];
	return [...dirs.flatMap(lockFilesIn), daemonPaths(townRoot).pid];
}

export function checkLocks(townRoot: string): CheckResult {
	const stale = lockFiles(townRoot).flatMap(file => {
		const why = staleHolder(file);
		return why ? [{file, why}] : [];
	});
	if (stale.length === 0) return ok('locks', 'locks', 'no stale lock files');
	const list = stale.map(entry => `${path.relative(townRoot, entry.file)} (${entry.why})`).join(', ');
	// Writers break a dead holder's lock on their own; left behind it only misleads.
	return warn('locks', 'locks', `stale: ${list}`, `rm ${stale.map(entry => entry.file).join(' ')}`);
}

/** A session the daemon lists as live whose process no longer exists. */
export function deadSessions(sessions: readonly SessionInfo[], alive: (pid: number) => boolean = isProcessAlive): SessionInfo[] {
	return sessions.filter(session => session.state.state !== 'exited' && session.pid !== undefined && !alive(session.pid));
}

export async function checkDaemonAndSessions(townRoot: string): Promise<CheckResult[]> {
	const paths = daemonPaths(townRoot);
	const sessions = await sessionsIfRunning(townRoot, {connectTimeoutMs: 1000, requestTimeoutMs: 3000});
	if (!sessions) {
		const recorded = readSessionRecords(paths.sessions);
		return [
			warn('daemon', 'daemon', 'not running (agents are not running; the refinery is not merging)', 'gt up starts it with the Mayor and every hooked agent'),
			recorded.length === 0
				? ok('sessions', 'sessions', 'none recorded')
				: warn('sessions', 'sessions', `${recorded.length} recorded in ${paths.sessions} with no daemon to run them`, 'gt up resumes them; gt down clears them'),
		];
	}
	try {
		const status = await sessions.status();
		const dead = deadSessions(status.sessions);
		return [
			ok('daemon', 'daemon', `running, pid ${status.pid}, since ${status.startedAt}`),
			dead.length === 0
				? ok('sessions', 'sessions', `${status.sessions.length} session${status.sessions.length === 1 ? '' : 's'}, every process alive`)
				: fail('sessions', 'sessions', `process gone for ${dead.map(session => `${session.id} (pid ${session.pid})`).join(', ')}`, `gt session stop ${dead[0]!.address} (or gt down && gt up)`),
		];
	} catch (error) {
		return [fail('daemon', 'daemon', `the daemon does not answer: ${(error as Error).message}`, `gt down, then gt up (or kill the process in ${paths.pid})`)];
	} finally {
		sessions.close();
	}
}
