// What the page can do, each through the same core function the CLI and the TUI call.
// Bodies are JSON; every field is checked here so a bad request is a 400 with one line,
// never a half-done action. Each answers a short sentence the page shows.
import type {Environment} from '../core/base/environment.js';
import {usageError} from '../core/base/errors.js';
import {overseer} from '../core/mail/mail.js';
import type {TownServices} from '../core/overview/services.js';
import {rejectMergeRequest, retryMergeRequest} from '../core/refinery/actions.js';
import {setConfigValue} from '../core/town/config-set.js';
import {setRigGates} from '../core/town/rig-config.js';

type Body = Record<string, unknown>;
export type ActionContext = {readonly services: TownServices; readonly env: Environment};
type Action = (body: Body, context: ActionContext) => Promise<string>;

const maxText = 64 * 1024;

function text(body: Body, key: string, options: {optional?: boolean; empty?: boolean} = {}): string {
	const value = body[key];
	if (value === undefined && options.optional) return '';
	if (typeof value !== 'string') throw usageError(`"${key}" is missing`, `send {"${key}": "…"} as JSON`);
	if (value.length > maxText) throw usageError(`"${key}" is over 64 KiB`, 'send less text');
	if (!options.empty && value.trim() === '') throw usageError(`"${key}" is empty`, `give a ${key}`);
	return value;
}

function list(body: Body, key: string): string[] {
	const value = body[key];
	if (value === undefined) return [];
	if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) throw usageError(`"${key}" must be a list of strings`, `send {"${key}": ["…"]}`);
	return value as string[];
}

const human = (env: Environment) => ({actor: overseer, now: env.now()});

export const actions: Readonly<Record<string, Action>> = {
	async sling(body, {services}) {
		const runtime = text(body, 'runtime', {optional: true});
		const done = await services.sling(text(body, 'bead'), text(body, 'target'), runtime || undefined);
		return done ? `Slung ${done}` : `Slung ${text(body, 'bead')}`;
	},
	async nudge(body, {services}) {
		const how = await services.nudge(text(body, 'session'), text(body, 'text'));
		return how === 'typed' ? 'Nudged' : 'Nudge queued: the agent gets it when it is idle';
	},
	/** Typing into a terminal, or answering a waiting agent (its prompt, then Enter). */
	async write(body, {services}) {
		const data = text(body, 'data', {empty: true});
		await services.write(text(body, 'session'), data);
		return 'Sent';
	},
	async answer(body, {services}) {
		await services.write(text(body, 'session'), `${text(body, 'text', {empty: true})}\r`);
		return 'Answered';
	},
	async stop(body, {services}) {
		await services.stop(text(body, 'session'));
		return 'Stopped (its hook stays; `gt up` or a sling starts it again)';
	},
	async pause(body, {services}) {
		await services.pause(text(body, 'session'));
		return 'Paused: no CPU, hook and conversation kept';
	},
	async resume(body, {services}) {
		await services.resume(text(body, 'session'));
		return 'Resumed';
	},
	async restart(body, {services}) {
		await services.restart(text(body, 'session'));
		return 'Restarted on the same worktree and hook';
	},
	async 'start-mayor'(_body, {services}) {
		await services.startMayor();
		return 'Mayor started';
	},
	async 'mayor-chat'(body, {services}) {
		const how = await services.nudge('mayor', text(body, 'text'));
		return how === 'typed' ? 'Sent to the Mayor' : 'Queued for the Mayor: it gets it when it is idle';
	},
	async 'create-bead'(body, {services}) {
		const id = await services.createBead(text(body, 'rig'), text(body, 'title'));
		return `Created ${id}`;
	},
	async 'create-convoy'(body, {services}) {
		const id = await services.createConvoy(text(body, 'title'), list(body, 'beads'));
		return `Created convoy ${id}`;
	},
	async 'send-mail'(body, {services}) {
		await services.sendMail(text(body, 'to'), text(body, 'subject'), text(body, 'body', {optional: true, empty: true}));
		return `Sent to ${text(body, 'to')}`;
	},
	async reply(body, {services}) {
		await services.reply(text(body, 'mail'), text(body, 'body'));
		return 'Replied';
	},
	async 'read-mail'(body, {services}) {
		await services.readMail(text(body, 'mail'));
		return 'Marked read';
	},
	/** Archiving is how an escalation is acknowledged: it leaves the "needs you" list. */
	async archive(body, {services}) {
		await services.archive(text(body, 'mail'));
		return 'Archived';
	},
	async 'mq-retry'(body, {services, env}) {
		const request = await retryMergeRequest(services.townRoot, text(body, 'id'), human(env));
		return `Queued ${request.id} again`;
	},
	async 'mq-reject'(body, {services, env}) {
		const reason = text(body, 'reason', {optional: true});
		const request = await rejectMergeRequest(services.townRoot, text(body, 'id'), reason || undefined, human(env));
		return `Rejected ${request.id}`;
	},
	async 'config-set'(body, {services}) {
		const key = text(body, 'key');
		const value = await setConfigValue(services.townRoot, key, text(body, 'value', {empty: true}));
		return value === undefined ? `Unset ${key}` : `Set ${key}`;
	},
	async 'rig-gates'(body, {services}) {
		const gates = await setRigGates(services.townRoot, text(body, 'rig'), list(body, 'gates'));
		return gates.length === 0 ? 'Merges run with no gates' : `Gates: ${gates.join(', ')}`;
	},
};
