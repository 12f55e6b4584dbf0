import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {GtError} from '../../../source/core/base/errors.js';
import {archive, callerAddress, getMessage, inbox, pendingFor, readMessage, reply, resolveRecipients, sendMail, takePending, thread, toMessage} from '../../../source/core/mail/mail.js';
import {recordingSessions, startedInfo} from '../../helpers/sessions.js';
import {envIn, makeTown, type TestTown} from '../../helpers/town.js';

const who = (actor: string, at = '2026-03-01T10:00:00.000Z') => ({actor, now: new Date(at)});

async function refusal(promise: Promise<unknown>): Promise<GtError> {
	const error = await promise.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(GtError);
	return error as GtError;
}

const wisps = (town: TestTown) => readFileSync(path.join(town.town, '.beads', 'wisps.jsonl'), 'utf8');
const durable = (town: TestTown) => readFileSync(path.join(town.town, '.beads', 'issues.jsonl'), 'utf8');

describe('mail', () => {
	let town: TestTown;
	beforeAll(async () => {
		town = await makeTown();
		// Workers exist as directories; mail needs nothing more of them.
		for (const dir of ['calc/polecats/nux', 'calc/polecats/slit', 'calc/crew/me']) mkdirSync(path.join(town.town, dir), {recursive: true});
	});

	it('resolves every address form to its canonical address', () => {
		const cases: Array<[string, string]> = [
			['mayor/', 'mayor/'], ['mayor', 'mayor/'], ['deacon', 'deacon/'], ['deacon/', 'deacon/'], ['overseer', 'overseer'],
			['calc/witness', 'calc/witness'], ['calc/refinery', 'calc/refinery'], ['calc/nux', 'calc/polecats/nux'],
			['calc/polecats/nux', 'calc/polecats/nux'], ['calc/crew/me', 'calc/crew/me'], ['calc/me', 'calc/crew/me'],
		];
		for (const [text, address] of cases) expect(resolveRecipients(town.town, text), text).toEqual([address]);
	});

	it('expands groups to every polecat and crew that exists', () => {
		expect(resolveRecipients(town.town, '@rig/calc')).toEqual(['calc/polecats/nux', 'calc/polecats/slit', 'calc/crew/me']);
		expect(resolveRecipients(town.town, '@town')).toEqual(['mayor/', 'calc/polecats/nux', 'calc/polecats/slit', 'calc/crew/me']);
	});

	it('refuses bad addresses with one-line errors and writes nothing', async () => {
		const before = wisps(town);
		const cases: Array<[string, 'usage' | 'notFound']> = [
			['nope/nux', 'notFound'], ['calc/ghost', 'notFound'], ['calc/polecats/ghost', 'notFound'], ['calc/crew/ghost', 'notFound'],
			['@rig/nope', 'notFound'], ['@everyone', 'usage'], ['bob', 'usage'], ['calc/polecats/../x', 'usage'], ['calc/crew', 'usage'],
			['calc/x/y', 'usage'], ['', 'usage'], ['a/b/c/d', 'usage'],
		];
		for (const [to, kind] of cases) {
			const error = await refusal(sendMail(town.town, {from: 'overseer', to, subject: 'hi', body: 'there'}, who('overseer')));
			expect(error.kind, to).toBe(kind);
			expect(error.describe()).not.toContain('\n');
		}
		expect(wisps(town)).toBe(before);
	});

	it('stores a message as an ephemeral message bead in the HQ ledger', async () => {
		const before = durable(town);
		const [bead] = await sendMail(town.town, {from: 'overseer', to: 'calc/nux', subject: 'Tests failing', body: 'ca-1 breaks the build', priority: 'P1'}, who('overseer'));
		expect(bead).toMatchObject({title: 'Tests failing', description: 'ca-1 breaks the build', issue_type: 'message', priority: 1, ephemeral: true, sender: 'overseer', to: 'calc/polecats/nux'});
		expect(bead!.mail).toEqual({to: 'calc/polecats/nux', from: 'overseer', thread: bead!.id});
		expect(bead!.id).toMatch(/^hq-/);
		expect(wisps(town)).toContain(bead!.id);
		expect(durable(town)).toBe(before);
		expect((await inbox(town.town, 'calc/polecats/nux')).map(message => message.id)).toEqual([bead!.id]);
	});

	it('sends one message per group member, sharing one thread', async () => {
		const beads = await sendMail(town.town, {from: 'mayor/', to: '@rig/calc', subject: 'Freeze', body: 'No merges until 5pm'}, who('mayor/'));
		expect(beads.map(bead => bead.to)).toEqual(['calc/polecats/nux', 'calc/polecats/slit', 'calc/crew/me']);
		expect(new Set(beads.map(bead => (bead.mail as {thread: string}).thread)).size).toBe(1);
		expect((await inbox(town.town, 'calc/crew/me')).map(message => message.subject)).toContain('Freeze');
	});

	it('reads, replies in the thread, and archives', async () => {
		const [sent] = await sendMail(town.town, {from: 'calc/polecats/slit', to: 'mayor', subject: 'Question', body: 'Which branch?'}, who('calc/polecats/slit'));
		const unread = await inbox(town.town, 'mayor/', {unread: true});
		expect(unread.map(message => message.id)).toContain(sent!.id);

		const read = await readMessage(town.town, sent!.id, who('mayor/', '2026-03-01T10:05:00.000Z'));
		expect(read).toMatchObject({read: true, read_at: '2026-03-01T10:05:00.000Z', body: 'Which branch?'});
		expect((await inbox(town.town, 'mayor/', {unread: true})).map(message => message.id)).not.toContain(sent!.id);

		const answer = await reply(town.town, sent!.id, {body: 'main'}, who('mayor/', '2026-03-01T10:06:00.000Z'));
		expect(toMessage(answer)).toMatchObject({from: 'mayor/', to: 'calc/polecats/slit', subject: 'Re: Question', reply_to: sent!.id, thread: sent!.id});
		const again = await reply(town.town, answer.id, {body: 'thanks'}, who('calc/polecats/slit', '2026-03-01T10:07:00.000Z'));
		expect(toMessage(again)).toMatchObject({to: 'mayor/', subject: 'Re: Question', thread: sent!.id});
		expect((await thread(town.town, again.id)).map(message => message.id)).toEqual([sent!.id, answer.id, again.id]);

		const [archived] = await archive(town.town, [sent!.id], who('mayor/'));
		expect(archived!.archived_at).toBeDefined();
		expect((await inbox(town.town, 'mayor/')).map(message => message.id)).not.toContain(sent!.id);
		expect((await inbox(town.town, 'mayor/', {all: true})).map(message => message.id)).toContain(sent!.id);
	});

	it('refuses unknown message ids without changing anything', async () => {
		const [sent] = await sendMail(town.town, {from: 'overseer', to: 'deacon/', subject: 'HELP: ping', body: 'x'}, who('overseer'));
		expect((await refusal(readMessage(town.town, 'hq-nope', who('deacon/')))).kind).toBe('notFound');
		expect((await refusal(archive(town.town, [sent!.id, 'hq-nope'], who('deacon/')))).kind).toBe('notFound');
		expect((await getMessage(town.town, sent!.id)).archived_at).toBeUndefined();
		expect((await refusal(sendMail(town.town, {from: 'overseer', to: 'deacon/', subject: 'HELP: x', body: 'y', replyTo: 'hq-nope'}, who('overseer')))).kind).toBe('notFound');
	});

	it('hands pending mail to the hook once: pendingFor, then takePending marks it delivered', async () => {
		await sendMail(town.town, {from: 'overseer', to: 'calc/polecats/slit', subject: 'One', body: '1'}, who('overseer', '2026-03-01T11:00:00.000Z'));
		await sendMail(town.town, {from: 'mayor/', to: 'calc/slit', subject: 'Two', body: '2'}, who('mayor/', '2026-03-01T11:01:00.000Z'));
		const pending = await pendingFor(town.town, 'calc/slit');
		expect(pending.map(message => message.subject)).toEqual(expect.arrayContaining(['One', 'Two']));
		const taken = await takePending(town.town, 'calc/polecats/slit', who('calc/polecats/slit'));
		expect(taken.map(message => message.id)).toEqual(pending.map(message => message.id));
		expect(taken.every(message => message.delivered_at)).toBe(true);
		expect(await pendingFor(town.town, 'calc/slit')).toEqual([]);
		expect(await takePending(town.town, 'calc/slit', who('calc/polecats/slit'))).toEqual([]);
		// Delivered is not read: they stay unread in the inbox until read.
		expect((await inbox(town.town, 'calc/slit', {unread: true})).map(message => message.subject)).toEqual(expect.arrayContaining(['One', 'Two']));
	});

	it('knows who is asking: GT_AGENT, the worktree, else the human', () => {
		expect(callerAddress(town.town, envIn(town, town.town))).toBe('overseer');
		expect(callerAddress(town.town, envIn(town, town.town, {GT_AGENT: 'calc/nux'}))).toBe('calc/polecats/nux');
		expect(callerAddress(town.town, envIn(town, path.join(town.town, 'calc', 'crew', 'me')))).toBe('calc/crew/me');
		expect(callerAddress(town.town, envIn(town, path.join(town.town, 'mayor')))).toBe('mayor/');
	});

	it('nudges a running agent without hooks, and leaves agents with hooks to their next turn', async () => {
		// The sessions port with two running agents: copilot has no runtime callbacks, claude does.
		const session = (id: string, address: string, agent: string) => ({...startedInfo({id, address, agent, role: 'polecat' as const, cwd: town.town}), state: {state: 'idle' as const, source: 'signal' as const, confidence: 1, since: ''}});
		const {control, nudged: nudges} = recordingSessions({sessions: [session('calc.polecats.nux', 'calc/polecats/nux', 'copilot'), session('calc.polecats.slit', 'calc/polecats/slit', 'claude')]});
		await sendMail(town.town, {from: 'mayor/', to: 'calc/nux', subject: 'Rebase please', body: 'main moved'}, who('mayor/'), {sessions: control});
		await sendMail(town.town, {from: 'mayor/', to: 'calc/slit', subject: 'Hooked agent', body: 'x'}, who('mayor/'), {sessions: control});
		await sendMail(town.town, {from: 'mayor/', to: 'overseer', subject: 'For the human', body: 'x'}, who('mayor/'), {sessions: control});
		// Without a port (no daemon, or a caller that has none) the message is stored and nobody is typed to.
		await sendMail(town.town, {from: 'mayor/', to: 'calc/nux', subject: 'Stored only', body: 'x'}, who('mayor/'));
		expect(nudges).toEqual([{id: 'calc.polecats.nux', text: 'New mail from mayor/: Rebase please — run `gt mail inbox`'}]);
	});
});
