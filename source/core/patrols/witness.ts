// The witness of one rig: each patrol it looks at the rig's polecats (sessions from
// the supervisor, hooks from the ledger), asks decide() what to do, and does it —
// nudge, restart on the same worktree and hook, escalate to the Mayor, mail the
// overseer about a question, or reap an idle session. It never removes a worktree.
import {rigLedger} from '../beads/resolve.js';
import type {Bead} from '../beads/types.js';
import type {SessionInfo} from '../sessions/types.js';
import type {PatrolSessions} from '../sessions/port.js';
import {logActivity} from '../base/activity-log.js';
import {sendMail, overseer} from '../mail/mail.js';
import {escalationTarget} from '../mail/escalation.js';
import {afterAction, decide, markOf, type AgentMemory, type WitnessAction} from './witness-decide.js';
import type {WitnessSettings} from './settings.js';

export type WitnessContext = {
	readonly townRoot: string;
	readonly rig: string;
	readonly sessions: PatrolSessions;
	readonly log: (message: string) => void;
	readonly now: () => number;
};

export type WitnessRound = {rig: string; agents: number; stalled: number; zombies: number; escalated: number};

/** Lines of the screen shown in a waiting mail: the question is near the bottom. */
const questionLines = 12;

export class Witness {
	readonly #context: WitnessContext;
	readonly #memory = new Map<string, AgentMemory>();

	constructor(context: WitnessContext) {
		this.#context = context;
	}

	/** One patrol: `hooked` is every hook of the town by address, `queued` the addresses waiting for a slot. */
	async patrol(settings: WitnessSettings, hooked: ReadonlyMap<string, Bead>, queued: ReadonlySet<string>): Promise<WitnessRound> {
		const {rig, sessions: port} = this.#context;
		const prefix = `${rig}/polecats/`;
		const sessions = new Map(port.list().filter(info => info.role === 'polecat' && info.rig === rig).map(info => [info.address, info]));
		const addresses = new Set([...sessions.keys(), ...[...hooked.keys()].filter(address => address.startsWith(prefix))]);
		const round: WitnessRound = {rig, agents: sessions.size, stalled: 0, zombies: 0, escalated: 0};
		for (const address of addresses) {
			const session = sessions.get(address);
			const bead = hooked.get(address);
			const now = this.#context.now();
			const decision = decide({address, ...(bead ? {hooked: bead.id} : {}), ...(session ? {session} : {}), queued: queued.has(address)}, this.#memory.get(address), settings, now);
			let memory = decision.memory;
			if (decision.action.kind !== 'none') {
				try {
					await this.#act(decision.action, address, session, bead);
					memory = afterAction(memory, decision.action, now, session?.state.since);
				} catch (error) {
					this.#context.log(`witness ${rig}: ${decision.action.kind} ${address} failed: ${(error as Error).message}`);
				}
			}
			this.#memory.set(address, memory);
			const mark = markOf(memory);
			if (session) port.mark(session.id, mark);
			if (mark?.state === 'stalled') round.stalled++;
			if (mark?.state === 'zombie') round.zombies++;
			if (mark?.state === 'escalated') round.escalated++;
		}
		for (const address of this.#memory.keys()) if (!addresses.has(address)) this.#memory.delete(address);
		return round;
	}

	async #act(action: WitnessAction, address: string, session: SessionInfo | undefined, bead: Bead | undefined): Promise<void> {
		const {townRoot, rig, sessions, log} = this.#context;
		const who = {actor: `${rig}/witness`, now: new Date(this.#context.now())};
		switch (action.kind) {
			case 'nudge':
				// Typed now: a stalled agent is never idle, so the nudge queue would hold it forever.
				await sessions.type(session!.id, action.text);
				log(`witness ${rig}: nudged ${address} (stalled on ${bead?.id})`);
				logActivity(townRoot, {type: 'witness.nudge', actor: who.actor, agent: address, bead: bead?.id}, who.now);
				return;
			case 'restart':
				await sessions.restart(session!.id);
				log(`witness ${rig}: restarted ${address}: ${action.why}`);
				logActivity(townRoot, {type: 'witness.restart', actor: who.actor, agent: address, bead: bead?.id, why: action.why}, who.now);
				return;
			case 'escalate': {
				const target = escalationTarget(sessions.list());
				const body = [
					`${action.why}.`,
					...(session?.state.reason && !action.why.includes(session.state.reason) ? [`Why: ${session.state.reason}`] : []),
					...(target.note ? [target.note] : []),
					'',
					`The witness of ${rig} has stopped trying. Its worktree and branch are kept as they are.`,
					`Look: gt peek ${address} · take the work back: gt unsling ${bead?.id ?? '<bead>'} · retry: gt sling ${bead?.id ?? '<bead>'} ${rig}`,
				].join('\n');
				await sendMail(townRoot, {from: who.actor, to: target.to, subject: `Escalation: ${address} stuck on ${bead?.id ?? 'its work'}`, body, priority: 1}, who, {sessions});
				const whom = target.to === overseer ? 'the overseer' : 'the Mayor';
				if (bead) await noteOnBead(townRoot, rig, bead.id, `[witness ${who.now.toISOString()}] escalated to ${whom}: ${action.why}`, who.now);
				log(`witness ${rig}: escalated ${address} to ${whom}: ${action.why}`);
				logActivity(townRoot, {type: 'witness.escalate', actor: who.actor, agent: address, bead: bead?.id, why: action.why}, who.now);
				return;
			}
			case 'mail-waiting': {
				const lines = (await sessions.screen(session!.id)).lines;
				const question = lines.slice(0, lines.findLastIndex(line => line.trim() !== '') + 1).slice(-questionLines).join('\n');
				const body = [`${address} has been waiting for a human since ${session!.state.since}${bead ? ` (working on ${bead.id})` : ''}.`, ...(session!.state.reason ? [`Why: ${session!.state.reason}`] : []), `It asks:`, '', question, '', `See it with: gt peek ${address} — answer it in its terminal (the gt TUI).`].join('\n');
				await sendMail(townRoot, {from: who.actor, to: overseer, subject: `${address} is waiting for you`, body}, who, {sessions});
				log(`witness ${rig}: mailed the overseer: ${address} waiting`);
				return;
			}
			case 'reap':
				await sessions.stop(session!.id);
				log(`witness ${rig}: reaped idle ${address} (worktree kept)`);
				logActivity(townRoot, {type: 'witness.reap', actor: who.actor, agent: address}, who.now);
				return;
			default:
				return;
		}
	}
}

/** Appends a note to the bead, stamped `now` (the witness's clock). */
async function noteOnBead(townRoot: string, rig: string, id: string, note: string, now: Date): Promise<void> {
	const ledger = rigLedger(townRoot, rig);
	await ledger.transact(state => {
		const bead = state.get(id);
		if (!bead) return;
		state.put({...bead, notes: bead.notes ? `${bead.notes}\n${note}` : note, updated_at: now.toISOString()});
	});
}
