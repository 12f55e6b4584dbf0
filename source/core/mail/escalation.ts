// Who takes an escalation. The Mayor does, while it runs; when it cannot (it exited,
// was refused at start, or never started — often for the same reason the worker
// failed, e.g. claude's root refusal) the human does, or nobody would hear of it.
import type {SessionInfo} from '../sessions/types.js';
import {isLive} from '../sessions/port.js';
import {notFound, usageError} from '../base/errors.js';
import type {Actor} from '../beads/operations.js';
import {requireLedgerHolding} from '../beads/resolve.js';
import {inbox, overseer, sendMail, toMessage, type DeliveryOptions, type MailMessage} from './mail.js';

export type EscalationTarget = {to: string; note?: string};

export function escalationTarget(sessions: readonly SessionInfo[]): EscalationTarget {
	const mayor = sessions.find(info => info.id === 'mayor');
	if (isLive(mayor)) return {to: 'mayor/'};
	const why = mayor ? `the Mayor is not running (${mayor.state.reason ?? mayor.state.detail ?? 'exited'})` : 'the Mayor is not running';
	return {to: overseer, note: `${why}, so this comes to you.`};
}

// ---- gt escalate: one way to raise something that needs a person ----------------------

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];
const priorityOf: Record<Severity, number> = {critical: 0, high: 1, medium: 2, low: 3};

/** Subjects the needs-you lists read as escalations: ours, `gt done --status escalated|deferred`'s, the witness's. */
export const escalationSubject = /^(escalat|deferred|merge failed|help\b)/i;

export function parseSeverity(raw: string | undefined): Severity {
	const value = (raw ?? 'medium').trim().toLowerCase();
	if ((severities as readonly string[]).includes(value)) return value as Severity;
	throw usageError(`"${raw}" is not a severity`, `use one of ${severities.join(', ')} (any case)`);
}

export type Escalation = {
	readonly description: string;
	readonly severity: Severity;
	readonly reason?: string;
	readonly related?: string;
	readonly source?: string;
	readonly from: string;
};

/** Where it goes: the human always, the Mayor too while it runs. */
export function escalationRecipients(sessions: readonly SessionInfo[]): {to: string[]; note?: string} {
	const target = escalationTarget(sessions);
	return target.to === overseer ? {to: [overseer], ...(target.note ? {note: target.note} : {})} : {to: [target.to, overseer]};
}

export function escalationMail(escalation: Escalation, note?: string): {subject: string; body: string; priority: number} {
	const lines = [
		escalation.reason ?? '(no details given)',
		'',
		`severity: ${escalation.severity}`,
		`from: ${escalation.from}`,
		...(escalation.related ? [`related: ${escalation.related}`] : []),
		...(escalation.source ? [`source: ${escalation.source}`] : []),
		...(note ? ['', note] : []),
		'',
		'Acknowledge with: gt escalate ack <this message id>',
	];
	return {subject: `Escalation [${escalation.severity.toUpperCase()}]: ${escalation.description}`, body: lines.join('\n'), priority: priorityOf[escalation.severity]};
}

/** Sends it (the related bead must exist); answers the messages written. */
export async function escalate(townRoot: string, escalation: Escalation, sessions: readonly SessionInfo[], who: Actor, delivery: DeliveryOptions = {}): Promise<MailMessage[]> {
	if (escalation.description.trim() === '') throw usageError('say what the escalation is about', 'gt escalate "<what>" -s high -m "<details>"');
	if (escalation.related) {
		const ledger = requireLedgerHolding(townRoot, escalation.related);
		if (!(await ledger.read()).get(escalation.related)) throw notFound(`no bead ${escalation.related}`, 'check the id given to --related');
	}
	const {to, note} = escalationRecipients(sessions);
	const mail = escalationMail(escalation, note);
	const sent: MailMessage[] = [];
	for (const address of to) sent.push(...(await sendMail(townRoot, {from: escalation.from, to: address, ...mail}, who, delivery)).map(toMessage));
	return sent;
}

/** The human's escalations, newest first (archived ones too with `all`). */
export async function listEscalations(townRoot: string, options: {all?: boolean} = {}): Promise<MailMessage[]> {
	return (await inbox(townRoot, overseer, {all: options.all === true})).filter(message => escalationSubject.test(message.subject));
}
