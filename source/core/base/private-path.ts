// Files in shared directories that only their user may create or answer on: the
// per-user socket directory (a 0700 directory the user owns) and the daemon socket
// itself (owned by the user, no group or other bits). Anything else may have been
// planted by another user, and is refused with what to do about it.
import {lstatSync, mkdirSync, type Stats} from 'node:fs';
import {errnoCode, failure} from './errors.js';

/** The current user's uid; undefined where there is none (Windows). */
export const currentUid = (): number | undefined => process.getuid?.();

const modeText = (stats: Stats) => `0${(stats.mode & 0o777).toString(8)}`;

/**
 * Creates `dir` with mode 0700 if it is missing, then checks that it is a real
 * directory (not a symlink), owned by `uid`, and not writable by group or others.
 * The parent must exist. Returns `dir`.
 */
export function ensurePrivateDirectory(dir: string, uid: number | undefined = currentUid()): string {
	try {
		mkdirSync(dir, {mode: 0o700});
	} catch (error) {
		if (errnoCode(error) !== 'EEXIST') throw error;
	}
	const stats = lstatSync(dir);
	const remedy = `remove it if you did not make it, or set XDG_RUNTIME_DIR to a directory only you can write`;
	if (!stats.isDirectory()) throw failure(`${dir} is not a directory (${stats.isSymbolicLink() ? 'a symlink' : 'a file'}): gt will not put its socket there`, remedy);
	if (uid !== undefined && stats.uid !== uid) throw failure(`${dir} belongs to uid ${stats.uid}, not to you (uid ${uid}): gt will not put its socket there`, remedy);
	if ((stats.mode & 0o022) !== 0) throw failure(`${dir} is writable by group or others (mode ${modeText(stats)}): gt will not put its socket there`, `if it is yours, \`chmod 700 ${dir}\`; otherwise ${remedy}`);
	return dir;
}

/**
 * Checks a socket before connecting to it: false when nothing is there; throws when
 * what is there is not a socket, belongs to another user, or is open to group or
 * others (the daemon creates it 0600), since whoever made it would read what we send.
 */
export function checkPrivateSocket(socketPath: string, uid: number | undefined = currentUid()): boolean {
	let stats: Stats;
	try {
		stats = lstatSync(socketPath);
	} catch (error) {
		if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return false;
		throw error;
	}
	const remedy = `stop whatever made it and remove ${socketPath}; \`gt up\` then starts a daemon of your own`;
	if (!stats.isSocket()) throw failure(`${socketPath} is not a socket: gt will not talk to it`, remedy);
	if (uid !== undefined && stats.uid !== uid) throw failure(`the daemon socket ${socketPath} belongs to uid ${stats.uid}, not to you (uid ${uid}): gt will not talk to it`, remedy);
	if ((stats.mode & 0o077) !== 0) throw failure(`the daemon socket ${socketPath} is open to group or others (mode ${modeText(stats)}): gt will not talk to it`, remedy);
	return true;
}
