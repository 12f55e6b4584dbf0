// gt handoff: a fresh session on the same hook. The note goes on the bead (so it
// survives the conversation) and, with a subject or message (the original's -s/-m), into a
// handoff mail to the agent itself, which its next session reads; then the agent restarts with
// a new conversation whose first prompt says what it is taking over.
import type {AgentRef} from '../agents/address.js';
import {updateBead} from '../beads/operations.js';
import {sendMail} from '../mail/mail.js';
import type {SessionControl} from '../sessions/port.js';
import {usageError} from '../base/errors.js';
import {findHookedWork} from './hook.js';

export type Handoff = {readonly bead?: string; readonly prompt: string; readonly mail?: string};

export type HandoffNote = {
	/** Free words after `gt handoff` (ours). */
	readonly note?: string;
	/** The original's -s and -m: the handoff mail's subject and body. */
	readonly subject?: string;
	readonly message?: string;
	/** The original's --reason (compaction, idle…), kept with the note. */
	readonly reason?: string;
};

/** The one line that goes on the bead: every part given, in order. */
export function noteText(note: HandoffNote): string {
	return [note.subject, note.message, note.note, note.reason ? `(reason: ${note.reason})` : undefined].map(part => part?.trim()).filter(Boolean).join(' — ');
}

export function handoffPrompt(agent: AgentRef, bead: {id: string; title: string} | undefined, note: string, mail?: string): string {
	const taking = bead ? `You are taking over ${bead.id} "${bead.title}" from a previous session of ${agent.address}.` : `You are a fresh session of ${agent.address}; the previous one handed off.`;
	return `${taking}${note ? ` Its handoff note: ${note}` : ''}${mail ? ` Its handoff mail is ${mail} (gt mail read ${mail}).` : ''} Run \`gt prime\` for your full context${bead ? ', continue the work, and finish with `gt done`' : ''}.`;
}

/**
 * Writes the note and the mail, then asks for the restart (unless `restart` is false: the
 * original's --auto saves state only). When the agent runs this itself, the restart ends its
 * own process, so the restart is the last thing done and one request.
 */
export async function handOff(townRoot: string, agent: AgentRef, given: HandoffNote, who: {actor: string; now: Date}, sessions: SessionControl | undefined, options: {restart?: boolean; onReady?: (handoff: Handoff) => void} = {}): Promise<Handoff> {
	const hooked = await findHookedWork(townRoot, agent);
	const note = noteText(given);
	const mailing = Boolean(given.subject?.trim() || given.message?.trim());
	if (!hooked && !mailing) throw usageError(`nothing is on ${agent.address}'s hook to hand off`, 'gt hook shows it; give -s "<subject>" -m "<message>" to hand off a note anyway');
	if (hooked && note) await hooked.ledger.transact(state => updateBead(state, hooked.ledger, hooked.bead.id, {appendNotes: `Handoff from ${agent.address} (${who.now.toISOString()}): ${note}`}, who));
	let mail: string | undefined;
	if (mailing) {
		const subject = `🤝 HANDOFF: ${given.subject?.trim() || (hooked ? hooked.bead.title : 'session handoff')}`;
		const body = [given.message?.trim() || given.note?.trim() || given.subject!.trim(), hooked ? `Hook: ${hooked.bead.id} ${hooked.bead.title}` : undefined].filter(Boolean).join('\n\n');
		const [sent] = await sendMail(townRoot, {from: agent.address, to: agent.address, subject, body, notify: false}, who);
		mail = sent?.id;
	}
	const handoff: Handoff = {...(hooked ? {bead: hooked.bead.id} : {}), prompt: handoffPrompt(agent, hooked?.bead, note, mail), ...(mail ? {mail} : {})};
	options.onReady?.(handoff);
	if (options.restart !== false && sessions) await sessions.restart(agent.sessionId, {fresh: true, prompt: handoff.prompt});
	return handoff;
}
