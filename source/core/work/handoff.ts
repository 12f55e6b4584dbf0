// gt handoff: a fresh session on the same hook. The note goes on the bead (so it
// survives the conversation), and the agent restarts with a new conversation whose
// first prompt says what it is taking over.
import type {AgentRef} from '../agents/address.js';
import {updateBead} from '../beads/operations.js';
import {usageError} from '../base/errors.js';
import type {SessionControl} from '../sessions/port.js';
import {findHookedWork} from './hook.js';

export type Handoff = {readonly bead: string; readonly prompt: string};

export function handoffPrompt(agent: AgentRef, bead: {id: string; title: string}, note: string): string {
	return `You are taking over ${bead.id} "${bead.title}" from a previous session of ${agent.address}.` +
		`${note ? ` Its handoff note: ${note}` : ''} Run \`gt prime\` for your full context, continue the work, and finish with \`gt done\`.`;
}

/**
 * Writes the note, then asks for the restart. When the agent runs this itself, the
 * restart ends its own process, so the restart is the last thing done and one request.
 */
export async function handOff(townRoot: string, agent: AgentRef, note: string, who: {actor: string; now: Date}, sessions: SessionControl, onReady?: (handoff: Handoff) => void): Promise<Handoff> {
	const hooked = await findHookedWork(townRoot, agent);
	if (!hooked) throw usageError(`nothing is on ${agent.address}'s hook to hand off`, 'gt hook shows it');
	if (note) await hooked.ledger.transact(state => updateBead(state, hooked.ledger, hooked.bead.id, {appendNotes: `Handoff from ${agent.address} (${who.now.toISOString()}): ${note}`}, who));
	const handoff = {bead: hooked.bead.id, prompt: handoffPrompt(agent, hooked.bead, note)};
	onReady?.(handoff);
	await sessions.restart(agent.sessionId, {fresh: true, prompt: handoff.prompt});
	return handoff;
}
