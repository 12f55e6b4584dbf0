// A sessions port that records what a workflow asks of it, for core tests that run
// no daemon: the workflow under test is real, only the agents' terminals are absent.
import {GtError} from '../../source/core/base/errors.js';
import type {SessionControl} from '../../source/core/sessions/port.js';
import type {SessionInfo, SessionSpec} from '../../source/core/sessions/types.js';

export function startedInfo(spec: SessionSpec): SessionInfo {
	const now = new Date().toISOString();
	return {...spec, startedAt: now, state: {state: 'starting', source: 'process', confidence: 1, since: now}, cols: 80, rows: 24, restarts: 0};
}

/** `failStart` makes every start (or those it picks) fail like a program that dies at once would. */
export function recordingSessions(options: {failStart?: boolean | ((spec: SessionSpec) => boolean); sessions?: SessionInfo[]} = {}) {
	const started: SessionSpec[] = [];
	const stopped: string[] = [];
	const nudged: Array<{id: string; text: string}> = [];
	const control: SessionControl = {
		sessions: async () => options.sessions ?? [],
		start: async spec => {
			const fail = typeof options.failStart === 'function' ? options.failStart(spec) : options.failStart;
			if (fail) throw new GtError('failure', `cannot start ${spec.agent}`);
			started.push(spec);
			return startedInfo(spec);
		},
		stop: async id => {
			stopped.push(id);
		},
		restart: async id => {
			const spec = started.find(each => each.id === id);
			if (!spec) throw new GtError('notFound', `no agent session "${id}"`);
			return startedInfo(spec);
		},
		nudge: async (id, text) => {
			nudged.push({id, text});
			return 'typed';
		},
		signal: async () => undefined,
		screen: async () => ({cols: 80, rows: 24, lines: [], cursor: {x: 0, y: 0}, title: '', alternate: false}),
	};
	return {control, started, stopped, nudged};
}
