// Landing: a convoy closes itself when its last tracked bead closes, whatever
// closed it (`bd close`, `bd update --status closed`, `gt done`, the merge queue),
// and mails its owner, its --notify addresses and, with --human, the overseer.
// Every path that closes a bead calls landConvoysFor; the daemon calls
// refreshConvoys now and then as a safety net for anything that slipped past.
import type {LedgerState} from '../beads/ledger-state.js';
import {applyStatus, type Actor} from '../beads/operations.js';
import type {Bead} from '../beads/types.js';
import type {Environment} from '../base/environment.js';
import {conflict} from '../base/errors.js';
import {logActivity} from '../base/activity-log.js';
import {sendMail, type DeliveryOptions} from '../mail/mail.js';
import {withLazySessions} from '../sessions/lazy.js';
import {findTownRoot} from '../base/paths.js';
import {hqLedger} from '../beads/resolve.js';
import {isFinished, openConvoysTracking, requireConvoy, statusesOf, type ConvoyStatus} from './convoy.js';

export type LandingMail = {from: string; to: string[]; subject: string; body: string};

export type Landing = {
	convoy: ConvoyStatus;
	mail: LandingMail;
	/** Recipients the mail reached; `mailErrors` says why the others did not get it. */
	mailed: string[];
	mailErrors: string[];
};

/** Lands every open convoy that tracks any of `beadIds` and has nothing left open. */
export async function landConvoysFor(townRoot: string, beadIds: readonly string[], who: Actor, delivery: DeliveryOptions = {}): Promise<Landing[]> {
	if (beadIds.length === 0) return [];
	const hq = await hqLedger(townRoot).read();
	const convoys = openConvoysTracking(hq, beadIds);
	// The common case (no convoy tracks the bead) costs one HQ read and nothing else.
	if (convoys.length === 0) return [];
	return landFinished(townRoot, convoys, hq, who, delivery);
}

/** Re-checks one convoy (or every open one) and lands those whose tracked beads are all closed. */
export async function refreshConvoys(townRoot: string, id: string | undefined, who: Actor, delivery: DeliveryOptions = {}): Promise<Landing[]> {
	const hq = await hqLedger(townRoot).read();
	const convoys = id ? [requireConvoy(hq, id)].filter(convoy => convoy.status !== 'closed') : hq.all().filter(bead => bead.issue_type === 'convoy' && bead.status !== 'closed');
	if (convoys.length === 0) return [];
	return landFinished(townRoot, convoys, hq, who, delivery);
}

export type CloseResult = {convoy: ConvoyStatus; landed: boolean; alreadyClosed: boolean; open: string[]; landing?: Landing};

/**
 * Closes a convoy by hand. With every tracked bead closed that is a landing (mail
 * and all); with beads still open it is refused unless `force`.
 */
export async function closeConvoy(townRoot: string, id: string, options: {force?: boolean; reason?: string}, who: Actor, delivery: DeliveryOptions = {}): Promise<CloseResult> {
	const hq = await hqLedger(townRoot).read();
	const convoy = requireConvoy(hq, id);
	const [status] = await statusesOf(townRoot, [convoy], hq);
	const open = status!.tracked.filter(bead => !bead.missing && bead.status !== 'closed').map(bead => bead.id);
	if (convoy.status === 'closed') return {convoy: status!, landed: false, alreadyClosed: true, open};
	if (isFinished(status!)) {
		const [landing] = await land(townRoot, [status!], who, delivery);
		if (landing) return {convoy: landing.convoy, landed: true, alreadyClosed: false, open, landing};
	}
	if (open.length > 0 && !options.force) {
		throw conflict(`${id} still tracks ${open.length} open bead${open.length === 1 ? '' : 's'}: ${open.join(', ')}`, 'close them first, or use --force');
	}
	const reason = options.reason ?? (open.length > 0 ? `closed by ${who.actor} with ${open.length} open` : `closed by ${who.actor}`);
	const closed = await hqLedger(townRoot).transact(state => closeIfOpen(state, id, reason, who));
	logActivity(townRoot, {type: 'convoy_closed', actor: who.actor, convoy: id, open}, who.now);
	return {convoy: {...status!, status: 'closed', closed_at: closed?.closed_at ?? who.now.toISOString(), close_reason: reason}, landed: false, alreadyClosed: !closed, open};
}

async function landFinished(townRoot: string, convoys: readonly Bead[], hq: LedgerState, who: Actor, delivery: DeliveryOptions): Promise<Landing[]> {
	const finished = (await statusesOf(townRoot, convoys, hq)).filter(isFinished);
	return finished.length > 0 ? land(townRoot, finished, who, delivery) : [];
}

function closeIfOpen(state: LedgerState, id: string, reason: string, who: Actor): Bead | undefined {
	const bead = state.get(id);
	if (!bead || bead.status === 'closed') return undefined;
	const closed = {...bead};
	applyStatus(closed, 'closed', who.now);
	closed.close_reason = reason;
	closed.updated_at = who.now.toISOString();
	state.put(closed);
	return closed;
}

/**
 * Closes the convoys in one HQ transaction, then mails. A convoy another process
 * closed in the meantime is skipped, so two closers racing send one landing mail.
 */
async function land(townRoot: string, statuses: readonly ConvoyStatus[], who: Actor, delivery: DeliveryOptions): Promise<Landing[]> {
	const convoys = new Map<string, Bead>();
	await hqLedger(townRoot).transact(state => {
		for (const status of statuses) {
			const closed = closeIfOpen(state, status.id, 'landed', who);
			if (closed) convoys.set(status.id, closed);
		}
	});
	const landings: Landing[] = [];
	for (const status of statuses) {
		const convoy = convoys.get(status.id);
		if (!convoy) continue;
		const landed: ConvoyStatus = {...status, status: 'closed', closed_at: convoy.closed_at, close_reason: 'landed'};
		const mail = landingMail(convoy, landed, who.now);
		const {mailed, mailErrors} = await sendLandingMail(townRoot, mail, who, delivery);
		logActivity(townRoot, {type: 'convoy_landed', actor: who.actor, convoy: convoy.id, beads: landed.tracked.map(bead => bead.id), mailed}, who.now);
		landings.push({convoy: landed, mail, mailed, mailErrors});
	}
	return landings;
}

/** Mail address of a convoy owner: agents by address; a bare name (a person's login) is the human. */
export function ownerAddress(owner: string): string {
	const name = owner.trim();
	if (name === 'mayor' || name === 'deacon') return `${name}/`;
	return name.includes('/') ? name : 'overseer';
}

/** Who hears about a landing: owner, --notify addresses, and the overseer with --human; each once. */
export function landingRecipients(convoy: Bead): string[] {
	const metadata = (convoy.metadata ?? {}) as {notify?: unknown; human?: unknown};
	const notify = Array.isArray(metadata.notify) ? metadata.notify.filter((address): address is string => typeof address === 'string' && address.trim() !== '') : [];
	const recipients = [
		...(typeof convoy.owner === 'string' && convoy.owner ? [ownerAddress(convoy.owner)] : []),
		...notify.map(address => address.trim()),
		...(metadata.human === true ? ['overseer'] : []),
	];
	// No owner, no --notify: the human still hears about it rather than nobody.
	return [...new Set(recipients.length > 0 ? recipients : ['overseer'])];
}

export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
	const days = Math.floor(hours / 24);
	return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

export function landingMail(convoy: Bead, status: ConvoyStatus, now: Date): LandingMail {
	const took = formatDuration(now.getTime() - Date.parse(convoy.created_at));
	const width = Math.max(...status.tracked.map(bead => bead.id.length), 0);
	const lines = status.tracked.map(bead => `  ${bead.missing ? '?' : '✓'} ${bead.id.padEnd(width)}  ${bead.title}${bead.missing ? '' : ` — ${bead.assignee ?? 'unassigned'}`}${bead.rig ? ` (${bead.rig})` : ''}`);
	const body = [
		`Convoy ${convoy.id} "${convoy.title}" has landed: ${status.done}/${status.total} beads closed.`,
		'',
		...lines,
		'',
		`Took ${took} (created ${convoy.created_at}, landed ${now.toISOString()}).`,
	].join('\n');
	return {from: 'deacon/', to: landingRecipients(convoy), subject: `Convoy landed: ${convoy.title}`, body};
}

/**
 * One message per recipient, so an address the mail system refuses (say an owner
 * that is no longer an agent) does not keep the others from hearing about it.
 */
async function sendLandingMail(townRoot: string, mail: LandingMail, who: Actor, delivery: DeliveryOptions): Promise<{mailed: string[]; mailErrors: string[]}> {
	const mailed: string[] = [];
	const mailErrors: string[] = [];
	for (const to of mail.to) {
		try {
			await sendMail(townRoot, {from: mail.from, to, subject: mail.subject, body: mail.body}, who, delivery);
			mailed.push(to);
		} catch (error) {
			mailErrors.push(`${to}: ${(error as Error).message}`);
		}
	}
	return {mailed, mailErrors};
}

/**
 * For commands that just closed beads: lands the convoys tracking them when run
 * inside a town. Outside a town this costs one walk up the directory tree. The
 * beads are closed already, so a failure here is reported, never thrown.
 */
export async function landAfterClose(env: Environment, closedIds: readonly string[], who: Actor): Promise<{landings: Landing[]; error?: string}> {
	if (closedIds.length === 0) return {landings: []};
	const townRoot = findTownRoot(env);
	if (!townRoot) return {landings: []};
	// Landing mail may need typing into a running agent: connect only if it does.
	try {
		return {landings: await withLazySessions(townRoot, async sessions => landConvoysFor(townRoot, closedIds, who, {sessions}))};
	} catch (error) {
		return {landings: [], error: `could not check convoys: ${(error as Error).message}`};
	}
}
