// Who takes an escalation. The Mayor does, while it runs; when it cannot (it exited,
// was refused at start, or never started — often for the same reason the worker
// failed, e.g. claude's root refusal) the human does, or nobody would hear of it.
import type {SessionInfo} from '../sessions/types.js';
import {isLive} from '../sessions/port.js';
import {overseer} from './mail.js';

export type EscalationTarget = {to: string; note?: string};

export function escalationTarget(sessions: readonly SessionInfo[]): EscalationTarget {
	const mayor = sessions.find(info => info.id === 'mayor');
	if (isLive(mayor)) return {to: 'mayor/'};
	const why = mayor ? `the Mayor is not running (${mayor.state.reason ?? mayor.state.detail ?? 'exited'})` : 'the Mayor is not running';
	return {to: overseer, note: `${why}, so this comes to you.`};
}
