// The daemon's sessions, connected only when first needed and only if the daemon
// runs. For commands that rarely need agents (bd close lands a convoy and mails a
// hookless agent once in a while): they pay for the daemon client only then.
import type {SessionControl} from './port.js';

export type LazySessions = {
	/** The sessions if the daemon runs (connects on the first call; never starts it). */
	readonly get: () => Promise<SessionControl | undefined>;
	close(): void;
};

export function lazyRunningSessions(townRoot: string): LazySessions {
	let opened: Promise<(SessionControl & {close(): void}) | undefined> | undefined;
	return {
		get: async () => {
			opened ??= import('./over-daemon.js').then(async module => module.sessionsIfRunning(townRoot));
			return opened;
		},
		close: () => {
			void opened?.then(sessions => sessions?.close());
		},
	};
}

/** Runs `work` with a lazy connection (see lazyRunningSessions) and closes it after. */
export async function withLazySessions<T>(townRoot: string, work: (get: LazySessions['get']) => Promise<T>): Promise<T> {
	const sessions = lazyRunningSessions(townRoot);
	try {
		return await work(sessions.get);
	} finally {
		sessions.close();
	}
}
