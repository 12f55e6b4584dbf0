// Keeps the state in step with the town: daemon sessions every second (and soon after
// daemon events), the ledgers every two seconds. The UI starts a daemon only if it
// never saw one; a daemon that goes away (`gt down` in another shell, a crash) is
// reported and waited for, never started again behind the user's back: with a real
// runtime that would be a new paid session the user believes stopped.
import {useCallback, useEffect, useRef} from 'react';
import type {Action} from '../app/reducer.js';
import type {Closable, TownServices} from '../../core/overview/services.js';

export type TownTimings = {readonly sessionsMs: number; readonly ledgersMs: number};

const defaultTimings: TownTimings = {sessionsMs: 1000, ledgersMs: 2000};

export function useTown(services: TownServices, act: (action: Action) => void, timings: TownTimings = defaultTimings): () => void {
	const refreshRef = useRef<() => void>(() => undefined);
	useEffect(() => {
		let stopped = false;
		let events: Closable | undefined;
		let soon: NodeJS.Timeout | undefined;
		let busy = false;
		let seenUp = false;
		const readLedgers = async () => {
			try {
				const [ledgers, work] = await Promise.all([services.readLedgers(), services.readWork()]);
				if (stopped) return;
				act({type: 'ledgers', ledgers});
				act({type: 'work', work});
			} catch (error) {
				if (!stopped) act({type: 'notice', notice: {text: `cannot read the ledgers: ${(error as Error).message}`, tone: 'error'}});
			}
		};
		const readSessions = async () => {
			if (busy) return;
			busy = true;
			try {
				const sessions = await services.sessions();
				if (stopped) return;
				act({type: 'sessions', sessions});
				act({type: 'daemon', daemon: 'up'});
				seenUp = true;
				events ??= services.watchEvents(refreshSoon, lost);
			} catch {
				if (stopped) return;
				act({type: 'daemon', daemon: 'down'});
				events?.close();
				events = undefined;
				try {
					await services.reconnect(!seenUp);
				} catch {}
			} finally {
				busy = false;
			}
		};
		const lost = () => {
			events = undefined;
			if (stopped) return;
			act({type: 'daemon', daemon: 'down'});
			void readSessions();
		};
		// Daemon events come in bursts (30 agents streaming): coalesce them into at most
		// a few session reads a second; the ledgers keep their own slower timer.
		function refreshSoon() {
			if (soon || stopped) return;
			soon = setTimeout(() => {
				soon = undefined;
				void readSessions();
			}, 250);
		}
		refreshRef.current = refreshSoon;
		void readSessions();
		void readLedgers();
		const sessionTimer = setInterval(() => void readSessions(), timings.sessionsMs);
		const ledgerTimer = setInterval(() => void readLedgers(), timings.ledgersMs);
		return () => {
			stopped = true;
			clearInterval(sessionTimer);
			clearInterval(ledgerTimer);
			if (soon) clearTimeout(soon);
			events?.close();
		};
	}, [services, act, timings]);
	return useCallback(() => refreshRef.current(), []);
}
