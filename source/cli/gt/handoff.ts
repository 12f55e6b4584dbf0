// gt handoff [bead | note...] [-s <subject>] [-m <message> | --stdin]: a fresh session of this
// agent on the same hook (core/work/handoff.ts). A bead id as the only argument goes on the hook
// first (the original's `gt handoff gt-abc`); other words are a note.
import {readFileSync} from 'node:fs';
import {currentAgent} from '../../core/agents/address.js';
import {actorFrom, ledgerHolding} from '../../core/beads/resolve.js';
import type {Bead} from '../../core/beads/types.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {connectSessions} from '../../core/sessions/over-daemon.js';
import {handOff, handoffPrompt, noteText} from '../../core/work/handoff.js';
import {attachToHook, findHookedWork} from '../../core/work/hook.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** The bead a lone word names, if it is an id some ledger of the town holds. */
async function existingBead(townRoot: string, word: string): Promise<Bead | undefined> {
	if (!/^[a-z0-9]+-[a-z0-9.-]+$/i.test(word)) return undefined;
	const ledger = ledgerHolding(townRoot, word);
	return ledger ? (await ledger.read()).get(word) : undefined;
}

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env, flagString(context, 'agent'));
	const who = {actor: actorFrom(context.env, agent.address), now: context.env.now()};
	let message = flagString(context, 'message');
	if (flagBool(context, 'stdin')) {
		if (message !== undefined) throw usageError('give the message with -m or --stdin, not both', 'usage: gt handoff -s "<subject>" -m "<message>"');
		message = readFileSync(0, 'utf8').replace(/\n+$/, '');
	}
	const words = [...context.args];
	const bead = words.length === 1 ? await existingBead(townRoot, words[0]!) : undefined;
	if (bead) words.shift();
	const given = {note: words.join(' '), subject: flagString(context, 'subject'), message, reason: flagString(context, 'reason')};
	if (flagBool(context, 'dryRun')) {
		const hooked = bead ?? (await findHookedWork(townRoot, agent))?.bead;
		if (bead) context.out.line(`Would hook ${bead.id} on ${agent.address}.`);
		if (given.subject || given.message) context.out.line(`Would send handoff mail to ${agent.address}: "🤝 HANDOFF: ${given.subject ?? hooked?.title ?? 'session handoff'}"`);
		context.out.line(`Would restart ${agent.address} with: ${handoffPrompt(agent, hooked, noteText(given))}`);
		return;
	}
	if (bead) {
		const hooked = await findHookedWork(townRoot, agent);
		if (hooked?.bead.id !== bead.id) await attachToHook(townRoot, agent, bead.id, who);
		given.subject ??= `🪝 HOOKED: ${bead.id}`;
	}
	const restart = !flagBool(context, 'auto');
	const sessions = restart ? await connectSessions(townRoot) : undefined;
	try {
		await handOff(townRoot, agent, given, who, sessions, {
			restart,
			onReady: handoff => {
				if (handoff.mail) context.out.line(`Sent handoff mail ${handoff.mail} to ${agent.address}.`);
				context.out.line(restart ? `Handing off ${handoff.bead ?? 'the session'} to a fresh session of ${agent.address}.` : `Saved the handoff for ${agent.address}; no restart (--auto).`);
			},
		});
	} finally {
		sessions?.close();
	}
}
