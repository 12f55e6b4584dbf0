import {createConvoy, lookupBeads, statusOf} from '../../core/convoys/convoy.js';
import {notFound, usageError} from '../../core/base/errors.js';
import {callerAddress, canonicalAddress} from '../../core/mail/mail.js';
import {isPatrolAddress} from '../../core/mail/patrol-mail.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {requireRig} from '../../core/town/rig-config.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf, progressBar} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

/** A --notify address, checked now rather than when the convoy lands (groups by their rig). */
function notifyAddress(townRoot: string, text: string): string {
	if (text === '@town') return text;
	if (text.startsWith('@rig/')) {
		requireRig(townRoot, text.slice('@rig/'.length).replace(/\/+$/, ''));
		return text;
	}
	if (text.startsWith('@')) throw usageError(`unknown group "${text}"`, 'groups are @rig/<rig> and @town');
	const address = canonicalAddress(townRoot, text);
	// The patrols read only the mail protocol's subjects, not a landing notice (core/mail/patrol-mail.ts).
	if (isPatrolAddress(address)) throw usageError(`${address} is a patrol here and does not read convoy landings`, 'notify a person or an agent: mayor/, --human (the overseer), <rig>/<polecat> or <rig>/crew/<name>; no convoy was created');
	return address;
}

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const [name, ...ids] = context.args;
	const title = name!.trim();
	if (!title) throw usageError('a convoy needs a name', 'gt convoy create "Auth system" mp-a1b mp-c3d');
	// --owner (the original's): who hears that it landed, instead of whoever created it.
	const ownerFlag = flagString(context, 'owner');
	const owner = ownerFlag ? notifyAddress(townRoot, ownerFlag) : callerAddress(townRoot, context.env);
	// Bare --notify (written --notify= so it does not swallow the next word) means the caller.
	const rawNotify = context.flags.notify === undefined ? [] : ([] as unknown[]).concat(context.flags.notify).map(String);
	const notify = [...new Set(rawNotify.flatMap(item => item.split(',')).map(item => notifyAddress(townRoot, item.trim() || owner)))];
	const found = await lookupBeads(townRoot, ids);
	const unknown = ids.filter(id => found.get(id)?.missing);
	if (unknown.length > 0) throw notFound(`no bead ${unknown.map(id => `"${id}"`).join(', ')} in this town`, '`bd list` in its rig shows the ids; no convoy was created');
	const convoy = await createConvoy(townRoot, {title, beads: [...new Set(ids)], owner, notify, human: flagBool(context, 'human')}, actorOf(context));
	const status = statusOf(convoy, found);
	if (flagBool(context, 'json')) {
		context.out.json({...status, notify, human: flagBool(context, 'human')});
		return;
	}
	context.out.line(`🚚 Created convoy ${convoy.id}: ${safeText(convoy.title)}  ${progressBar(status.done, status.total)}`);
	const hears = [owner, ...notify, ...(flagBool(context, 'human') ? ['overseer'] : [])];
	context.out.line(`  lands when its beads are closed; then mails ${[...new Set(hears)].join(', ')}`);
	if (ids.length === 0) context.out.line(`  add beads with: gt convoy add --convoy ${convoy.id} <bead…>`);
}
