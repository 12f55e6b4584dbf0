import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {mayorRef} from '../../../source/core/agents/address.js';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {closeBead, createBead, updateBead} from '../../../source/core/beads/operations.js';
import {addToConvoy, convoyStatus, createConvoy, listConvoys} from '../../../source/core/convoys/convoy.js';
import {hqLedger} from '../../../source/core/beads/resolve.js';
import {closeConvoy, formatDuration, landConvoysFor, landingRecipients, ownerAddress, refreshConvoys} from '../../../source/core/convoys/landing.js';
import {finishWork} from '../../../source/core/work/done.js';
import {addRig} from '../../../source/core/town/rig-lifecycle.js';
import {makeGitRepo} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

const who = () => ({actor: 'overseer', now: new Date()});
let town: TestTown;
let calc: Ledger;
let web: Ledger;

async function bead(ledger: Ledger, title: string, fields: {assignee?: string; status?: string} = {}) {
	return ledger.transact(state => {
		const created = createBead(state, ledger, {title}, who());
		return fields.assignee || fields.status ? updateBead(state, ledger, created.id, fields, who()) : created;
	});
}

const close = (ledger: Ledger, id: string) => ledger.transact(state => closeBead(state, id, {}, who()));
const wisps = () => readFileSync(path.join(town.town, '.beads', 'wisps.jsonl'), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
	town = await makeTown();
	makeGitRepo(path.join(town.work, 'web-project'), town.vars);
	await addRig(town.town, {name: 'web', source: path.join(town.work, 'web-project'), prefix: 'wb'}, town.env);
	calc = Ledger.open(path.join(town.rigDir, '.beads'));
	web = Ledger.open(path.join(town.town, 'web', '.beads'));
});

describe('convoy status', () => {
	it('reads tracked beads from their own ledgers, with rig, assignee and progress', async () => {
		const api = await bead(calc, 'API', {status: 'in_progress', assignee: 'calc/polecats/furiosa'});
		const page = await bead(web, 'Login page');
		await close(web, page.id);
		const convoy = await createConvoy(town.town, {title: 'Auth', beads: [api.id, page.id, 'zz-gone'], owner: 'overseer'}, who());
		const status = await convoyStatus(town.town, convoy.id);
		expect(status).toMatchObject({id: convoy.id, title: 'Auth', status: 'open', done: 1, total: 2, defaulted: false});
		expect(status.tracked).toEqual([
			{id: api.id, title: 'API', status: 'in_progress', assignee: 'calc/polecats/furiosa', rig: 'calc'},
			expect.objectContaining({id: page.id, status: 'closed', rig: 'web'}),
			{id: 'zz-gone', title: '(missing)', status: 'missing', missing: true},
		]);
		expect((await listConvoys(town.town)).map(entry => entry.id)).toContain(convoy.id);
	});

	it('refuses an unknown convoy id', async () => {
		await expect(convoyStatus(town.town, 'hq-cv-nope')).rejects.toMatchObject({kind: 'notFound', message: 'no convoy "hq-cv-nope"'});
	});
});

describe('landing', () => {
	it('lands a two-rig convoy when its last bead closes and mails owner, notify and overseer', async () => {
		const first = await bead(calc, 'Backend', {assignee: 'calc/polecats/nux'});
		const second = await bead(web, 'Frontend');
		const convoy = await createConvoy(town.town, {title: 'Two rigs', beads: [first.id, second.id], owner: 'mayor', notify: ['calc/witness'], human: true}, who());

		await close(calc, first.id);
		expect(await landConvoysFor(town.town, [first.id], who())).toEqual([]);
		expect((await hqLedger(town.town).read()).require(convoy.id).status).toBe('open');

		await close(web, second.id);
		const landings = await landConvoysFor(town.town, [second.id], who());
		expect(landings.map(landing => landing.convoy.id)).toEqual([convoy.id]);
		// A patrol reads only its protocol's subjects: the landing note to the witness is refused, and says so.
		expect(landings[0]!.mailed).toEqual(['mayor/', 'overseer']);
		expect(landings[0]!.mailErrors.join(' ')).toContain('calc/witness');
		const closed = (await hqLedger(town.town).read()).require(convoy.id);
		expect(closed).toMatchObject({status: 'closed', close_reason: 'landed'});

		const mail = wisps().filter(message => message.title === 'Convoy landed: Two rigs');
		expect(mail.map(message => message.to).sort()).toEqual(['mayor/', 'overseer']);
		const body = String(mail[0]!.description);
		expect(body).toContain(`${first.id}`);
		expect(body).toContain('Backend — calc/polecats/nux (calc)');
		expect(body).toContain('Frontend — unassigned (web)');
		expect(body).toMatch(/Took \d+s/);

		// A second close (or a racing closer) does not land it twice.
		expect(await landConvoysFor(town.town, [second.id], who())).toEqual([]);
		expect(wisps().filter(message => message.title === 'Convoy landed: Two rigs')).toHaveLength(2);
	});

	it('refresh lands convoys whose beads were closed behind their back, and leaves the rest', async () => {
		const done = await bead(calc, 'Quietly done');
		const open = await bead(calc, 'Still open');
		const finished = await createConvoy(town.town, {title: 'Finished', beads: [done.id], owner: 'overseer'}, who());
		const unfinished = await createConvoy(town.town, {title: 'Unfinished', beads: [open.id], owner: 'overseer'}, who());
		const empty = await createConvoy(town.town, {title: 'Empty', beads: []}, who());
		await close(calc, done.id);
		expect(await refreshConvoys(town.town, unfinished.id, who())).toEqual([]);
		const landed = await refreshConvoys(town.town, undefined, who());
		expect(landed.map(landing => landing.convoy.id)).toContain(finished.id);
		const state = await hqLedger(town.town).read();
		expect(state.require(finished.id).status).toBe('closed');
		expect(state.require(unfinished.id).status).toBe('open');
		expect(state.require(empty.id).status).toBe('open');
	});

	it('gt done without a worktree closes the bead and lands its convoy', async () => {
		const hq = hqLedger(town.town);
		const task = await bead(hq, 'Plan the sprint', {status: 'hooked', assignee: 'mayor/'});
		const convoy = await createConvoy(town.town, {title: 'Planning', beads: [task.id], owner: 'overseer'}, who());
		const result = await finishWork(town.town, mayorRef(town.town), {status: 'completed'}, who(), town.env);
		expect(result).toMatchObject({beadStatus: 'closed', landedConvoys: [convoy.id]});
		expect((await hq.read()).require(convoy.id)).toMatchObject({status: 'closed', close_reason: 'landed'});
	});

	it('mails the owner by address, a person\'s login as the overseer', () => {
		expect(ownerAddress('mayor')).toBe('mayor/');
		expect(ownerAddress('calc/polecats/nux')).toBe('calc/polecats/nux');
		expect(ownerAddress('tester')).toBe('overseer');
		const base = {id: 'hq-cv-x', title: 'x', status: 'open', priority: 2, issue_type: 'convoy', created_at: '', updated_at: ''};
		expect(landingRecipients({...base, owner: 'overseer', metadata: {notify: ['overseer'], human: true}})).toEqual(['overseer']);
		expect(landingRecipients(base)).toEqual(['overseer']);
		expect(formatDuration(3_723_000)).toBe('1h 2m');
		expect(formatDuration(90_000_000)).toBe('1d 1h');
	});
});

describe('adding and closing', () => {
	it('adds to the most recent open convoy, skips tracked beads, refuses unknown ones', async () => {
		const a = await bead(calc, 'A');
		const b = await bead(web, 'B');
		// Made a minute earlier by the clock it is given: no waiting for time to pass.
		await createConvoy(town.town, {title: 'Older', beads: []}, {actor: 'overseer', now: new Date(Date.now() - 60_000)});
		const latest = await createConvoy(town.town, {title: 'Latest', beads: [a.id]}, who());
		const result = await addToConvoy(town.town, undefined, [a.id, b.id], who());
		expect(result).toMatchObject({defaulted: true, added: [b.id], already: [a.id], reopened: false});
		expect(result.convoy.id).toBe(latest.id);

		const before = readFileSync(path.join(town.town, '.beads', 'issues.jsonl'), 'utf8');
		await expect(addToConvoy(town.town, latest.id, [a.id, 'ca-nope'], who())).rejects.toMatchObject({kind: 'notFound', message: 'no bead "ca-nope" in this town'});
		expect(readFileSync(path.join(town.town, '.beads', 'issues.jsonl'), 'utf8')).toBe(before);
	});

	it('reopens a closed convoy that gains a bead', async () => {
		const a = await bead(calc, 'Landed work');
		const convoy = await createConvoy(town.town, {title: 'Reopen me', beads: [a.id]}, who());
		await close(calc, a.id);
		await landConvoysFor(town.town, [a.id], who());
		const more = await bead(calc, 'Follow-up');
		const result = await addToConvoy(town.town, convoy.id, [more.id], who());
		expect(result.reopened).toBe(true);
		expect(result.convoy.status).toBe('open');
		expect(result.convoy.close_reason).toBeUndefined();
		expect((await convoyStatus(town.town, convoy.id))).toMatchObject({done: 1, total: 2});
	});

	it('close refuses while tracked beads are open, unless forced; with all closed it lands', async () => {
		const open = await bead(calc, 'Unfinished');
		const convoy = await createConvoy(town.town, {title: 'Forced', beads: [open.id]}, who());
		await expect(closeConvoy(town.town, convoy.id, {}, who())).rejects.toMatchObject({kind: 'conflict', message: `${convoy.id} still tracks 1 open bead: ${open.id}`});
		const forced = await closeConvoy(town.town, convoy.id, {force: true}, who());
		expect(forced).toMatchObject({landed: false, open: [open.id], convoy: {status: 'closed'}});
		expect((await closeConvoy(town.town, convoy.id, {}, who())).alreadyClosed).toBe(true);

		const done = await bead(calc, 'Finished');
		const other = await createConvoy(town.town, {title: 'By hand', beads: [done.id], owner: 'overseer'}, who());
		await close(calc, done.id);
		const result = await closeConvoy(town.town, other.id, {}, who());
		expect(result).toMatchObject({landed: true, convoy: {close_reason: 'landed'}});
	});
});
