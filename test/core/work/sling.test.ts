import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {createBead} from '../../../source/core/beads/operations.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {finishWork} from '../../../source/core/work/done.js';
import {hqLedger} from '../../../source/core/beads/resolve.js';
import {polecatRef} from '../../../source/core/agents/address.js';
import {sling} from '../../../source/core/work/sling.js';
import {git} from '../../helpers/cli.js';
import {recordingSessions, startedInfo} from '../../helpers/sessions.js';
import {setConfigValue} from '../../../source/core/town/config-set.js';
import {inbox} from '../../../source/core/mail/mail.js';
import {envIn, makeTown, type TestTown} from '../../helpers/town.js';

const recordingControl = recordingSessions;

const who = {actor: 'overseer', now: new Date()};

async function bead(town: TestTown, title: string, ledgerDir = path.join(town.rigDir, '.beads')) {
	const ledger = Ledger.open(ledgerDir);
	return ledger.transact(state => createBead(state, ledger, {title}, who));
}

const rigBead = async (town: TestTown, id: string) => (await Ledger.open(path.join(town.rigDir, '.beads')).read()).require(id);

describe('sling', () => {
	it('gives each bead its own polecat worktree, hooks it, tracks the lot in one convoy and starts the agents', async () => {
		const town = await makeTown();
		const first = await bead(town, 'Add subtract');
		const second = await bead(town, 'Add multiply');
		const {control, started} = recordingControl();
		const result = await sling(town.town, {beads: [first.id, second.id], target: 'calc', convoy: true}, control, who, town.env);

		expect(result.work.map(work => work.agent)).toEqual(['calc/polecats/furiosa', 'calc/polecats/nux']);
		for (const work of result.work) {
			expect(existsSync(work.worktree)).toBe(true);
			expect(git(work.worktree, ['rev-parse', '--abbrev-ref', 'HEAD'], town.vars)).toBe(work.branch);
			expect(await rigBead(town, work.bead)).toMatchObject({status: 'hooked', assignee: work.agent});
		}
		const convoy = (await hqLedger(town.town).read()).require(result.convoy!.id);
		expect(convoy).toMatchObject({issue_type: 'convoy', title: 'Work: Add subtract (+1 more)'});
		expect(convoy.dependencies!.map(dependency => [dependency.depends_on_id, dependency.type])).toEqual([[first.id, 'tracks'], [second.id, 'tracks']]);
		expect(started.map(spec => [spec.id, spec.role, spec.rig, spec.bead, spec.cwd])).toEqual([
			['calc.polecats.furiosa', 'polecat', 'calc', first.id, result.work[0]!.worktree],
			['calc.polecats.nux', 'polecat', 'calc', second.id, result.work[1]!.worktree],
		]);
		expect(started[0]!.prompt).toContain(first.id);
		expect(started[0]!.conversationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(readFileSync(path.join(town.town, '.events.jsonl'), 'utf8')).toContain('"type":"sling"');
	});

	it('two slings at once (the Mayor\'s and the human\'s) get different polecats', async () => {
		const town = await makeTown();
		const first = await bead(town, 'From the Mayor');
		const second = await bead(town, 'From the human');
		const [a, b] = await Promise.all([
			sling(town.town, {beads: [first.id], target: 'calc', convoy: false}, recordingControl().control, who, town.env),
			sling(town.town, {beads: [second.id], target: 'calc', convoy: false}, recordingControl().control, who, town.env),
		]);
		expect(new Set([a.work[0]!.agent, b.work[0]!.agent]).size).toBe(2);
		expect(await rigBead(town, first.id)).toMatchObject({status: 'hooked', assignee: a.work[0]!.agent});
		expect(await rigBead(town, second.id)).toMatchObject({status: 'hooked', assignee: b.work[0]!.agent});
	});

	it('undoes everything when the agent cannot start', async () => {
		const town = await makeTown();
		const item = await bead(town, 'Doomed');
		const {control} = recordingControl({failStart: true});
		await expect(sling(town.town, {beads: [item.id], target: 'calc', convoy: true}, control, who, town.env)).rejects.toThrow(/cannot start/);
		expect(await rigBead(town, item.id)).toMatchObject({status: 'open'});
		expect((await rigBead(town, item.id)).assignee).toBeUndefined();
		expect(existsSync(path.join(town.rigDir, 'polecats', 'furiosa'))).toBe(false);
		expect(git(path.join(town.rigDir, '.repo.git'), ['branch', '--list', 'polecat/*'], town.vars)).toBe('');
		expect([...(await hqLedger(town.town).read()).values()].filter(entry => entry.issue_type === 'convoy')).toEqual([]);
	});

	it('a multi-bead sling whose second agent fails to start stops the first before undoing its files', async () => {
		const town = await makeTown();
		const one = await bead(town, 'One');
		const two = await bead(town, 'Two');
		const {control, started, stopped} = recordingControl({failStart: spec => spec.bead === two.id});
		await expect(sling(town.town, {beads: [one.id, two.id], target: 'calc', convoy: true}, control, who, town.env)).rejects.toThrow(/cannot start/);
		expect(started.map(spec => spec.bead)).toEqual([one.id]);
		expect(stopped).toEqual([started[0]!.id]);
		expect(await rigBead(town, one.id)).toMatchObject({status: 'open'});
		expect(existsSync(started[0]!.cwd)).toBe(false);
	});

	it('a sling to a runtime that is not installed is refused before it touches an idle polecat; any other failed start brings the idle one back', async () => {
		const town = await makeTown();
		const first = await bead(town, 'First');
		const {control} = recordingControl();
		const one = await sling(town.town, {beads: [first.id], target: 'calc', convoy: false}, control, who, town.env);
		await Ledger.open(path.join(town.rigDir, '.beads')).transact(state => state.put({...state.require(first.id), status: 'closed', closed_at: new Date().toISOString()}));
		const idle = {...startedInfo({id: 'calc.polecats.furiosa', address: 'calc/polecats/furiosa', role: 'polecat', rig: 'calc', agent: 'sim', cwd: one.work[0]!.worktree, bead: first.id}), state: {state: 'idle' as const, source: 'signal' as const, confidence: 1, since: ''}};
		await setConfigValue(town.town, 'agents.ghost.command', 'no-such-agent-program');
		const second = await bead(town, 'Second');
		const missing = recordingControl({sessions: [idle]});
		await expect(sling(town.town, {beads: [second.id], target: 'calc', convoy: false, agent: 'ghost'}, missing.control, who, town.env)).rejects.toThrow(/no-such-agent-program, which is not installed/);
		expect(missing.stopped).toEqual([]);
		expect(await rigBead(town, second.id)).toMatchObject({status: 'open'});

		const dying = recordingControl({sessions: [idle], failStart: spec => spec.bead === second.id});
		await expect(sling(town.town, {beads: [second.id], target: 'calc', convoy: false}, dying.control, who, town.env)).rejects.toThrow(/cannot start/);
		expect(dying.stopped).toEqual(['calc.polecats.furiosa']);
		// The idle polecat is started again with the spec it had.
		expect(dying.started).toEqual([expect.objectContaining({id: 'calc.polecats.furiosa', bead: first.id, cwd: one.work[0]!.worktree})]);
		expect(await rigBead(town, second.id)).toMatchObject({status: 'open'});
	});

	it('refuses closed beads, beads of another rig or HQ, unknown rigs and unknown agents, changing nothing', async () => {
		const town = await makeTown();
		const closed = await bead(town, 'Closed one');
		await Ledger.open(path.join(town.rigDir, '.beads')).transact(state => state.put({...state.require(closed.id), status: 'closed', closed_at: new Date().toISOString()}));
		const hq = await bead(town, 'HQ work', path.join(town.town, '.beads'));
		const open = await bead(town, 'Open one');
		const {control, started} = recordingControl();
		const attempt = (beads: string[], target: string, agent?: string) => sling(town.town, {beads, target, convoy: true, agent}, control, who, town.env);
		await expect(attempt([closed.id], 'calc')).rejects.toThrow(`${closed.id} is closed`);
		await expect(attempt([hq.id], 'calc')).rejects.toThrow(/belongs to the HQ ledger, not rig calc/);
		await expect(attempt([open.id], 'nowhere')).rejects.toThrow(/no rig "nowhere"/);
		await expect(attempt([open.id], 'calc', 'no-such-agent')).rejects.toThrow(/no-such-agent/);
		await expect(attempt(['ca-zzz'], 'calc')).rejects.toThrow(/no bead "ca-zzz"/);
		await expect(attempt([open.id], 'calc/../x')).rejects.toThrow(/not a sling target/);
		await expect(attempt([open.id, hq.id], 'calc/furiosa')).rejects.toThrow(/several beads go to a rig/);
		expect(started).toEqual([]);
		expect(await rigBead(town, open.id)).toMatchObject({status: 'open'});
	});

	it('refuses a bead on a live agent\'s hook, and reuses an idle polecat for the next bead', async () => {
		const town = await makeTown();
		const first = await bead(town, 'First');
		const {control} = recordingControl();
		const one = await sling(town.town, {beads: [first.id], target: 'calc', convoy: false}, control, who, town.env);
		const live = {...one.work[0]!, id: 'calc.polecats.furiosa', address: 'calc/polecats/furiosa', role: 'polecat', rig: 'calc', agent: 'sim', cwd: one.work[0]!.worktree, startedAt: '', cols: 80, rows: 24, restarts: 0, state: {state: 'working', source: 'signal', confidence: 1, since: ''}} as SessionInfo;
		const busy = recordingControl({sessions: [live]});
		await expect(sling(town.town, {beads: [first.id], target: 'calc', convoy: false}, busy.control, who, town.env)).rejects.toThrow(/on calc\/polecats\/furiosa's hook and that agent is running/);

		// furiosa finishes: commit, gt done → a merge request, hook cleared.
		const worktree = polecatRef(town.town, 'calc', 'furiosa').dir;
		writeFileSync(path.join(worktree, 'notes.md'), 'work\n');
		const done = await finishWork(town.town, polecatRef(town.town, 'calc', 'furiosa'), {status: 'completed'}, who, envIn(town, worktree));
		expect(done).toMatchObject({bead: first.id, beadStatus: 'in_progress', branch: `polecat/furiosa/${first.id}`, committed: `First (${first.id})`});
		const mr = (await Ledger.open(path.join(town.rigDir, '.beads')).read()).require(done.mergeRequest!);
		expect(mr).toMatchObject({issue_type: 'merge-request', ephemeral: true, metadata: {source_bead: first.id, branch: `polecat/furiosa/${first.id}`, target: 'main', worker: 'calc/polecats/furiosa'}});

		const second = await bead(town, 'Second');
		const idle = {...live, state: {...live.state, state: 'idle' as const}};
		const next = recordingControl({sessions: [idle]});
		const reused = await sling(town.town, {beads: [second.id], target: 'calc', convoy: false}, next.control, who, town.env);
		expect(reused.work[0]).toMatchObject({agent: 'calc/polecats/furiosa', reused: true, branch: `polecat/furiosa/${second.id}`});
		expect(next.stopped).toEqual(['calc.polecats.furiosa']);
	});

	it('gt done refuses a completed task with no commits, and an empty hook', async () => {
		const town = await makeTown();
		const item = await bead(town, 'Nothing done');
		const {control} = recordingControl();
		const result = await sling(town.town, {beads: [item.id], target: 'calc', convoy: false}, control, who, town.env);
		const agent = polecatRef(town.town, 'calc', 'furiosa');
		await expect(finishWork(town.town, agent, {status: 'completed'}, who, envIn(town, result.work[0]!.worktree))).rejects.toThrow(/no commits for .*: nothing to merge/);
		expect(await rigBead(town, item.id)).toMatchObject({status: 'hooked'});
		const escalated = await finishWork(town.town, agent, {status: 'escalated', message: 'the spec is unclear'}, who, envIn(town, result.work[0]!.worktree));
		expect(escalated.beadStatus).toBe('blocked');
		// Handed back work reaches someone: the Mayor and the human each get a mail.
		expect(escalated.mailed).toEqual(['mayor/', 'overseer']);
		for (const to of ['mayor/', 'overseer']) {
			const [mail] = await inbox(town.town, to);
			expect(mail).toMatchObject({subject: `Escalated: ${item.id} Nothing done`, from: 'calc/polecats/furiosa'});
			expect(mail!.body).toContain('the spec is unclear');
		}
		expect((await rigBead(town, item.id)).notes).toContain('Escalated by calc/polecats/furiosa: the spec is unclear');
		await expect(finishWork(town.town, agent, {status: 'completed'}, who, envIn(town, result.work[0]!.worktree))).rejects.toThrow(/nothing is on calc\/polecats\/furiosa's hook/);
	});
});
