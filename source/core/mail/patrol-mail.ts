// Mail to the patrols: `<rig>/witness`, `<rig>/refinery` and `deacon/` are loops inside
// the daemon here, not agents, so nobody would read what the original's agents send them.
// What they understand (the original's mail protocol, docs/design/mail-protocol.md) is
// taken at send time and acted on by the deacon's patrol; anything else is refused with
// the addresses that are read.
import {usageError} from '../base/errors.js';

export const isPatrolAddress = (address: string) => address === 'deacon/' || /^[^/]+\/(witness|refinery)$/.test(address);

/** What a patrol does with a subject: raise it to a person, or note it (the queue already has it). */
export type PatrolMailKind = 'escalate' | 'noted';

const understood: ReadonlyArray<[RegExp, PatrolMailKind]> = [
	// Any → escalation target: a request for help, a failed merge, work that needs recovering.
	[/^(help\b|escalat|merge_failed\b|merge failed\b|recovery_needed\b|rework_request\b)/i, 'escalate'],
	// Completion notices: gt done already queued the merge request, the refinery lands it.
	[/^(polecat_done\b|merge_ready\b|merged\b|recovered_bead\b|🤝\s*handoff|handoff\b)/i, 'noted'],
];

export function patrolMailKind(subject: string): PatrolMailKind | undefined {
	// A reply keeps its subject's meaning ("Re: HELP: …").
	const bare = subject.trim().replace(/^(re:\s*)+/i, '');
	return understood.find(([pattern]) => pattern.test(bare))?.[1];
}

/** Refuses, before anything is stored, mail a patrol would not understand. */
export function checkPatrolMail(to: string, subject: string): void {
	if (!isPatrolAddress(to) || patrolMailKind(subject)) return;
	throw usageError(
		`${to} is a patrol here and reads only HELP:, MERGE_FAILED, RECOVERY_NEEDED, POLECAT_DONE, MERGE_READY subjects`,
		'mail a person or an agent instead: mayor/, overseer (the human), <rig>/<polecat>, <rig>/crew/<name>',
	);
}
