// The daemon as the work flows see it: a SessionControl over the daemon client,
// and a quiet signal for agent hooks that must never start the daemon or fail.
import type {AgentState} from '../agents/state/signals.js';
import {connectDaemon, isDaemonRunning, type DaemonClient} from '../daemon/client.js';
import type {SessionInfo, SessionSpec} from '../daemon/protocol.js';
import type {SessionControl} from './port.js';

export type ClosableControl = SessionControl & {readonly client: DaemonClient; close(): void};

export async function daemonSessionControl(townRoot: string, options: {gtEntry?: string} = {}): Promise<ClosableControl> {
	const client = await connectDaemon(townRoot, {start: true, ...(options.gtEntry ? {gtEntry: options.gtEntry} : {})});
	return {
		client,
		sessions: async () => (await client.request<{sessions: SessionInfo[]}>('status')).sessions,
		start: async (spec: SessionSpec) => client.request<SessionInfo>('session.start', {spec}),
		stop: async (id: string) => {
			await client.request('session.stop', {id});
		},
		nudge: async (id: string, text: string) => (await client.request<{delivered: 'typed' | 'queued'}>('session.nudge', {id, text})).delivered,
		close: () => client.close(),
	};
}

/** Tells the daemon an agent's state, if it is running. Hooks call this; it never throws. */
export async function signalQuietly(townRoot: string, sessionId: string, state: AgentState, detail?: string): Promise<boolean> {
	try {
		if (!(await isDaemonRunning(townRoot))) return false;
		const client = await connectDaemon(townRoot, {start: false});
		try {
			await client.request('session.signal', {id: sessionId, state, ...(detail ? {detail} : {})});
			return true;
		} finally {
			client.close();
		}
	} catch {
		return false;
	}
}
