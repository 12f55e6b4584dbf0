// Mail: `message` beads in the HQ ledger's ephemeral file (wisps.jsonl), one bead
// per recipient. Title is the subject, description the body; `sender`, `to` and a
// `mail` record (read/delivered/archived times, reply_to, thread) are extra keys.
// Addresses are DESIGN §2's plus `overseer` (the human) and the groups `@rig/<rig>`
// and `@town`. A running agent without hooks gets a one-line nudge; agents with
// hooks read new mail through `gt mail check --inject` at their next turn.
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {closeBead, createBead, parsePriority, type Actor} from '../beads/operations.js';
import type {LedgerState} from '../beads/ledger-state.js';
import type {Bead} from '../beads/types.js';
import {readTownConfig} from '../town/town-config.js';
import {hqLedger} from '../beads/resolve.js';
import type {SessionControl} from '../sessions/port.js';
import {sessionIdForAddress} from '../sessions/types.js';
import {resolveAgent} from '../agents/registry.js';
import type {Environment} from '../base/environment.js';
import {notFound, usageError} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {reservedWorkerNames, validateName} from '../base/names.js';
import {crewDir, polecatDir, rigLayout, rigOfPath} from '../base/paths.js';
import {requireRig, rigNames} from '../town/rig-config.js';
import {checkPatrolMail} from './patrol-mail.js';

export const overseer = 'overseer';

/** The `mail` record stored on each message bead. */
export type MailRecord = {
	to: string;
	from: string;
	read_at?: string;
	delivered_at?: string;
	archived_at?: string;
	reply_to?: string;
	thread?: string;
};

/** A message as commands show it and print as JSON. */
export type MailMessage = {
	id: string;
	from: string;
	to: string;
	subject: string;
	body: string;
	priority: number;
	created_at: string;
	read: boolean;
	read_at?: string;
	delivered_at?: string;
	archived_at?: string;
	reply_to?: string;
	thread?: string;
};

const addressHint = 'use mayor/, deacon/, overseer, <rig>/witness, <rig>/refinery, <rig>/<polecat>, <rig>/polecats/<name>, <rig>/crew/<name>, @rig/<rig> or @town';

const isDir = (dir: string) => {
	try {
		return statSync(dir).isDirectory();
	} catch {
		return false;
	}
};

const subdirs = (dir: string) => {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).filter(name => !name.startsWith('.') && isDir(path.join(dir, name))).sort();
};

/** Polecats and crew that exist in a rig (their worktree directories), as addresses. */
function rigWorkers(townRoot: string, rig: string): string[] {
	const layout = rigLayout(townRoot, rig);
	return [...subdirs(layout.polecats).map(name => `${rig}/polecats/${name}`), ...subdirs(layout.crew).map(name => `${rig}/crew/${name}`)];
}

/**
 * The canonical form of one (non-group) address, checking its shape and that its
 * rig exists. `requireWorker` also insists the polecat or crew worktree exists
 * (sending); reading an inbox of a removed worker is still allowed.
 */
export function canonicalAddress(townRoot: string, text: string, options: {requireWorker?: boolean} = {}): string {
	const raw = text.trim();
	const words = raw.replace(/\/+$/, '').split('/');
	if (words.length === 1) {
		if (words[0] === 'mayor' || words[0] === 'deacon') return `${words[0]}/`;
		if (words[0] === overseer || words[0] === '@overseer') return overseer;
		throw usageError(`"${text}" is not a mail address`, addressHint);
	}
	if (words.length < 2 || words.length > 3 || words.some(word => word === '')) throw usageError(`"${text}" is not a mail address`, addressHint);
	const rig = requireRig(townRoot, validateName('rig', words[0]!));
	if (words.length === 2) {
		const name = words[1]!;
		if (name === 'witness' || name === 'refinery') return `${rig}/${name}`;
		if (reservedWorkerNames.has(name)) throw usageError(`"${text}" is not a mail address`, addressHint);
		validateName('polecat', name);
		// Short form: a polecat, or a crew member when only that exists.
		if (options.requireWorker && !isDir(polecatDir(townRoot, rig, name))) {
			if (isDir(crewDir(townRoot, rig, name))) return `${rig}/crew/${name}`;
			throw notFound(`no polecat or crew "${name}" in rig ${rig}`, `workers: ${rigWorkers(townRoot, rig).join(', ') || 'none yet'}`);
		}
		return `${rig}/polecats/${name}`;
	}
	const [, kind, name] = words as [string, string, string];
	if (kind !== 'polecats' && kind !== 'crew') throw usageError(`"${text}" is not a mail address`, addressHint);
	validateName(kind === 'crew' ? 'crew' : 'polecat', name);
	const dir = kind === 'crew' ? crewDir(townRoot, rig, name) : polecatDir(townRoot, rig, name);
	if (options.requireWorker && !isDir(dir)) {
		throw notFound(`no ${kind === 'crew' ? 'crew member' : 'polecat'} "${name}" in rig ${rig}`, `workers: ${rigWorkers(townRoot, rig).join(', ') || 'none yet'}`);
	}
	return `${rig}/${kind}/${name}`;
}

/** Every recipient an address names: one for a single address, the members of a group. */
export function resolveRecipients(townRoot: string, text: string): string[] {
	const raw = text.trim();
	if (raw === '@town') {
		return ['mayor/', ...rigNames(townRoot).flatMap(rig => rigWorkers(townRoot, rig))];
	}
	if (raw.startsWith('@rig/')) {
		const rig = requireRig(townRoot, validateName('rig', raw.slice('@rig/'.length).replace(/\/+$/, '')));
		const members = rigWorkers(townRoot, rig);
		if (members.length === 0) throw notFound(`group ${raw} has no members`, `rig ${rig} has no polecats or crew yet`);
		return members;
	}
	if (raw.startsWith('@')) throw usageError(`unknown group "${text}"`, 'groups are @rig/<rig> and @town');
	return [canonicalAddress(townRoot, raw, {requireWorker: true})];
}

const mailOf = (bead: Bead): MailRecord => {
	const mail = bead.mail;
	if (typeof mail === 'object' && mail !== null) return mail as MailRecord;
	return {to: String(bead.to ?? ''), from: String(bead.sender ?? '')};
};

export const isMessage = (bead: Bead) => bead.issue_type === 'message';

export function toMessage(bead: Bead): MailMessage {
	const mail = mailOf(bead);
	return {
		id: bead.id,
		from: mail.from || String(bead.sender ?? ''),
		to: mail.to || String(bead.to ?? ''),
		subject: bead.title,
		body: bead.description ?? '',
		priority: bead.priority,
		created_at: bead.created_at,
		read: mail.read_at !== undefined,
		...(mail.read_at ? {read_at: mail.read_at} : {}),
		...(mail.delivered_at ? {delivered_at: mail.delivered_at} : {}),
		...(mail.archived_at ? {archived_at: mail.archived_at} : {}),
		...(mail.reply_to ? {reply_to: mail.reply_to} : {}),
		...(mail.thread ? {thread: mail.thread} : {}),
	};
}

function requireMessage(state: LedgerState, id: string): Bead {
	const bead = state.get(id.trim());
	if (!bead || !isMessage(bead)) throw notFound(`no message "${id}"`, '`gt mail inbox` lists your messages');
	return bead;
}

/** Writes a changed `mail` record back (and the update time). */
function putMail(state: LedgerState, bead: Bead, changes: Partial<MailRecord>, who: Actor): Bead {
	const updated: Bead = {...bead, mail: {...mailOf(bead), ...changes}, updated_at: who.now.toISOString()};
	state.put(updated);
	return updated;
}

export type OutgoingMail = {
	from: string;
	/** An address or a group. */
	to: string;
	subject: string;
	body: string;
	priority?: string | number;
	replyTo?: string;
	/** Nudge running agents that have no hooks (default true). */
	notify?: boolean;
};

/** How a send reaches running agents: the sessions port when the caller has one (none: the inbox only). */
export type DeliveryOptions = {readonly sessions?: SessionControl | (() => Promise<SessionControl | undefined>) | undefined};

/** Sends one message per recipient; refuses a bad address before writing anything. */
export async function sendMail(townRoot: string, outgoing: OutgoingMail, who: Actor, options: DeliveryOptions = {}): Promise<Bead[]> {
	return deliver(townRoot, resolveRecipients(townRoot, outgoing.to), outgoing, who, options);
}

/** Stores one message per recipient in one transaction, logs them, and nudges agents without hooks. */
async function deliver(townRoot: string, recipients: readonly string[], outgoing: OutgoingMail, who: Actor, options: DeliveryOptions): Promise<Bead[]> {
	const subject = outgoing.subject.trim();
	if (!subject) throw usageError('the subject is empty', 'give one with -s "<subject>"');
	const priority = parsePriority(outgoing.priority, 2);
	for (const to of recipients) checkPatrolMail(to, subject);
	const ledger = hqLedger(townRoot);
	const beads = await ledger.transact(state => {
		let thread: string | undefined;
		const replyTo = outgoing.replyTo?.trim();
		if (replyTo) {
			const original = requireMessage(state, replyTo);
			thread = mailOf(original).thread ?? original.id;
		}
		const sent: Bead[] = [];
		for (const to of recipients) {
			const mail: MailRecord = {to, from: outgoing.from, ...(replyTo ? {reply_to: replyTo} : {})};
			let bead = createBead(state, ledger, {
				title: subject,
				description: outgoing.body,
				type: 'message',
				priority,
				ephemeral: true,
				fields: {sender: outgoing.from, to, mail},
			}, who);
			// A new conversation is its own thread; copies of a group send share the first one's.
			thread ??= bead.id;
			bead = {...bead, mail: {...mail, thread}};
			state.put(bead);
			sent.push(bead);
		}
		return sent;
	});
	for (const bead of beads) logActivity(townRoot, {type: 'mail', actor: outgoing.from, to: mailOf(bead).to, id: bead.id, subject}, who.now);
	if (outgoing.notify !== false && options.sessions) {
		const port = typeof options.sessions === 'function' ? await options.sessions().catch(() => undefined) : options.sessions;
		if (port) await notifyAgents(townRoot, beads, port);
	}
	return beads;
}

const nudgeWithinMs = 2000;

/**
 * Types a one-line notice into running agents that have no hooks (the daemon types
 * it when the agent is idle and queues it otherwise). Agents with hooks are left to
 * `gt mail check --inject`. Never starts the daemon; never fails the send.
 */
export async function notifyAgents(townRoot: string, beads: readonly Bead[], port: SessionControl): Promise<string[]> {
	const agents = beads.filter(bead => mailOf(bead).to !== overseer);
	if (agents.length === 0) return [];
	const nudged: string[] = [];
	let timer: NodeJS.Timeout | undefined;
	const work = async () => {
		const sessions = await port.sessions();
		const config = readTownConfig(townRoot);
		for (const bead of agents) {
			const {to, from} = mailOf(bead);
			const session = sessions.find(info => info.id === sessionIdForAddress(to));
			if (!session || session.state.state === 'exited') continue;
			try {
				if (resolveAgent(config, session.agent).callbacks.kind !== 'none') continue;
			} catch {
				continue; // an agent name town.toml no longer knows: leave it to the inbox
			}
			const text = `New mail from ${from}: ${bead.title} — run \`gt mail inbox\``;
			await port.nudge(session.id, text);
			nudged.push(to);
		}
	};
	try {
		await Promise.race([work(), new Promise(resolve => {
			timer = setTimeout(resolve, nudgeWithinMs);
		})]);
	} catch {
		// The message is stored; the agent finds it in its inbox.
	} finally {
		clearTimeout(timer);
	}
	return nudged;
}

const newestFirst = (a: Bead, b: Bead) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

/** Messages to one address, newest first: not archived unless `all`, only unread with `unread`. */
export async function inbox(townRoot: string, address: string, options: {unread?: boolean; all?: boolean} = {}): Promise<MailMessage[]> {
	const to = canonicalAddress(townRoot, address);
	const state = await hqLedger(townRoot).read();
	return state.all()
		.filter(bead => isMessage(bead) && mailOf(bead).to === to)
		.filter(bead => options.all || !mailOf(bead).archived_at)
		.filter(bead => !options.unread || !mailOf(bead).read_at)
		.sort(newestFirst)
		.map(toMessage);
}

/** A message without changing it. */
export async function getMessage(townRoot: string, id: string): Promise<MailMessage> {
	return toMessage(requireMessage(await hqLedger(townRoot).read(), id));
}

/** Shows a message and marks it read (and delivered: the hook need not announce it again). */
export async function readMessage(townRoot: string, id: string, who: Actor): Promise<MailMessage> {
	return (await markRead(townRoot, [id], who))[0]!;
}

/** Marks messages read (and delivered); all ids are checked before any is changed. */
export async function markRead(townRoot: string, ids: readonly string[], who: Actor): Promise<MailMessage[]> {
	return hqLedger(townRoot).transact(state => {
		const beads = ids.map(id => requireMessage(state, id));
		const now = who.now.toISOString();
		return beads.map(bead => {
			const mail = mailOf(bead);
			return mail.read_at ? toMessage(bead) : toMessage(putMail(state, bead, {read_at: now, delivered_at: mail.delivered_at ?? now}, who));
		});
	});
}

/** Archives messages (closes their beads); all ids are checked before any is changed. */
export async function archive(townRoot: string, ids: readonly string[], who: Actor): Promise<MailMessage[]> {
	return hqLedger(townRoot).transact(state => {
		const beads = ids.map(id => requireMessage(state, id));
		return beads.map(bead => {
			if (mailOf(bead).archived_at) return toMessage(bead);
			putMail(state, bead, {archived_at: who.now.toISOString()}, who);
			return toMessage(closeBead(state, bead.id, {reason: 'archived', force: true}, who));
		});
	});
}

/** Answers a message: to its sender, "Re: <subject>", in the same thread. `from` defaults to the original recipient. */
export async function reply(townRoot: string, id: string, answer: {body: string; from?: string; priority?: string | number}, who: Actor, options: DeliveryOptions = {}): Promise<Bead> {
	const original = await getMessage(townRoot, id);
	const subject = /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`;
	// The sender may be a polecat whose worktree is gone by now: its inbox still takes the answer.
	let to: string;
	try {
		to = canonicalAddress(townRoot, original.from);
	} catch {
		to = original.from;
	}
	const [bead] = await deliver(townRoot, [to], {from: answer.from ?? original.to, to, subject: subject.slice(0, 500), body: answer.body, priority: answer.priority ?? original.priority, replyTo: original.id}, who, options);
	return bead!;
}

/** Unread messages to `address` that no hook has announced yet. */
export async function pendingFor(townRoot: string, address: string): Promise<MailMessage[]> {
	return (await inbox(townRoot, address, {unread: true})).filter(message => !message.delivered_at).reverse();
}

/** Takes the pending messages for a hook: returns them oldest first and marks them delivered, in one transaction. */
export async function takePending(townRoot: string, address: string, who: Actor): Promise<MailMessage[]> {
	const to = canonicalAddress(townRoot, address);
	return hqLedger(townRoot).transact(state => {
		const pending = state.all()
			.filter(bead => isMessage(bead) && mailOf(bead).to === to)
			.filter(bead => {
				const mail = mailOf(bead);
				return !mail.read_at && !mail.delivered_at && !mail.archived_at;
			})
			.sort(newestFirst)
			.reverse();
		return pending.map(bead => toMessage(putMail(state, bead, {delivered_at: who.now.toISOString()}, who)));
	});
}

/** Messages of one thread, oldest first. */
export async function thread(townRoot: string, id: string): Promise<MailMessage[]> {
	const state = await hqLedger(townRoot).read();
	const root = mailOf(requireMessage(state, id)).thread ?? id;
	return state.all()
		.filter(bead => isMessage(bead) && (bead.id === root || mailOf(bead).thread === root))
		.sort(newestFirst)
		.reverse()
		.map(toMessage);
}

/**
 * Who is asking: GT_AGENT, else the agent whose worktree (or mayor/) we are in,
 * else the human. Shape errors in GT_AGENT are reported, not guessed around.
 */
export function callerAddress(townRoot: string, env: Environment, explicit?: string): string {
	const named = explicit || env.vars.GT_AGENT;
	if (named) return canonicalAddress(townRoot, named);
	const relative = path.relative(townRoot, env.cwd).split(path.sep);
	if (relative[0] === 'mayor') return 'mayor/';
	if (relative[0] === 'deacon') return 'deacon/';
	const rig = rigOfPath(townRoot, env.cwd);
	if (rig && (relative[1] === 'polecats' || relative[1] === 'crew') && relative[2]) return `${rig}/${relative[1]}/${relative[2]}`;
	if (rig && (relative[1] === 'witness' || relative[1] === 'refinery')) return `${rig}/${relative[1]}`;
	return overseer;
}
