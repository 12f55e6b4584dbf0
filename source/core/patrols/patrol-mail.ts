// The deacon's pass over the patrols' inboxes (`<rig>/witness`, `<rig>/refinery`, `deacon/`):
// a request for help or a failed merge becomes an escalation to the Mayor and the human,
// a completion notice is noted; each is marked read. What may be sent there at all is
// core/mail/patrol-mail.ts's to say.
import type {SessionInfo} from '../sessions/types.js';
import {escalationRecipients} from '../mail/escalation.js';
import {patrolMailKind} from '../mail/patrol-mail.js';

export type PatrolMailMessage = {id: string; from: string; to: string; subject: string; body: string};

/** The escalation a patrol sends for a message it cannot handle itself. */
export function patrolEscalation(message: PatrolMailMessage, sessions: readonly SessionInfo[]): {to: string[]; subject: string; body: string; priority: number} {
	const {to, note} = escalationRecipients(sessions);
	const body = [
		message.body || '(no body)',
		'',
		`from: ${message.from}`,
		`sent to: ${message.to} (a patrol; it passed this on)`,
		...(note ? ['', note] : []),
		'',
		`Answer the sender: gt mail reply ${message.id} -m "<answer>" · acknowledge: gt escalate ack <this message id>`,
	].join('\n');
	return {to, subject: `Escalation [HIGH]: ${message.subject.trim()} (${message.from})`.slice(0, 500), body, priority: 1};
}

export type PatrolMailPort = {
	unread(address: string): Promise<PatrolMailMessage[]>;
	send(mail: {from: string; to: string; subject: string; body: string; priority: number}): Promise<void>;
	markRead(id: string): Promise<void>;
	log(line: string): void;
	sessions(): readonly SessionInfo[];
};

/** One pass over the patrols' inboxes: escalations raised, notices noted, each marked read. */
export async function handlePatrolMail(addresses: readonly string[], port: PatrolMailPort): Promise<number> {
	let handled = 0;
	for (const address of addresses) {
		for (const message of (await port.unread(address)).reverse()) {
			const kind = patrolMailKind(message.subject);
			if (kind === 'escalate') {
				const escalation = patrolEscalation(message, port.sessions());
				for (const to of escalation.to) await port.send({from: address, to, subject: escalation.subject, body: escalation.body, priority: escalation.priority});
				port.log(`${address}: passed "${message.subject}" from ${message.from} on to ${escalation.to.join(' and ')}`);
			} else {
				port.log(`${address}: noted "${message.subject}" from ${message.from}${kind ? '' : ' (not a subject it understands)'}`);
			}
			await port.markRead(message.id);
			handled++;
		}
	}
	return handled;
}
