// The sessions port inside the daemon's own process: straight to the supervisor, no
// socket round trip (the daemon must never connect to its own socket: a request it
// sends itself waits on the event loop that would answer it).
import type {Supervisor} from '../daemon/supervisor.js';
import type {PatrolSessions} from './port.js';

export function inProcessSessions(supervisor: Supervisor): PatrolSessions {
	return {
		list: () => supervisor.list(),
		sessions: async () => supervisor.list(),
		start: async spec => supervisor.start(spec),
		stop: async (id, options) => {
			await supervisor.stop(id, options?.force === true);
		},
		restart: async (id, options) => supervisor.restart(id, options ?? {}),
		nudge: async (id, text) => supervisor.nudge(id, text).delivered,
		signal: async (id, state, detail) => supervisor.signal(id, state, detail),
		screen: async id => supervisor.get(id).snapshot(),
		mark: (id, mark) => supervisor.mark(id, mark),
		type: async (id, text) => supervisor.get(id).type(text),
	};
}
