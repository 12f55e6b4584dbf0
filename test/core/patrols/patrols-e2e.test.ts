// The patrols end to end: the daemon runs in this process on a clock the test moves,
// and the deacon patrols only when the test says so; the agents are real sim polecats
// in real ptys, in real git worktrees, with real ledgers. A stalled polecat is nudged,
// restarted on the same worktree and hook, then escalated to the Mayor; a polecat
// stuck on a question gets the overseer mailed once; the polecat cap queues a second
// sling and the deacon starts it once the first is done.
//
// The clock is real time plus the jumps the test makes (clock.advance): the witness's
// thresholds (minutes) pass in a jump, while the short windows the state detector and
// the sessions measure (ms) keep running as they would.
import path from 'node:path';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {startDaemon, type RunningDaemon} from '../../../source/main/daemon.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {binaries} from '../../helpers/cli.js';
import {runInProcessOk} from '../../helpers/in-process.js';
import {makeTown as makeTestTown} from '../../helpers/town.js';
import {eventually, waitUntil} from '../../helpers/wait.js';

type Mail = {id: string; subject: string; body?: string; from?: string};

const daemons: RunningDaemon[] = [];
afterEach(async () => {
	await Promise.all(daemons.splice(0).map(daemon => daemon.shutdown()));
});

/** Real time plus the jumps the test makes. */
function testClock() {
	let offset = 0;
	return {
		now: () => Date.now() + offset,
		advance(seconds: number) {
			offset += seconds * 1000;
		},
	};
}

/** A town with one rig, sim as the default agent, its daemon in process with manual patrols. */
async function makeTown(simVars: Record<string, string>, settings: Record<string, string> = {}) {
	const base = await makeTestTown({rig: 'proj', files: {'README.md': '# p\n'}});
	const {town, rigDir} = base;
	const vars = {...base.vars, GT_SIM_SPEED: '10', ...simVars};
	const clock = testClock();
	const run = (program: 'gt' | 'bd', args: string[], options: {cwd?: string; vars?: Record<string, string>} = {}) =>
		runInProcessOk(program, args, {cwd: options.cwd ?? town, env: {...vars, ...options.vars}, now: () => new Date(clock.now())});
	const gt = (args: string[], options?: {cwd?: string; vars?: Record<string, string>}) => run('gt', args, options);
	await gt(['config', 'default-agent', 'sim']);
	for (const [key, value] of Object.entries(settings)) await gt(['config', 'set', key, value]);

	const log: string[] = [];
	const daemon = await startDaemon(town, {...base.env, vars}, {log: line => log.push(line), gtEntry: binaries.gt, now: clock.now, patrol: 'manual'});
	daemons.push(daemon);

	const bead = async (title: string) => (await run('bd', ['create', title, '--silent'], {cwd: rigDir})).trim();
	const show = async (id: string) => JSON.parse(await run('bd', ['show', id, '--json'], {cwd: rigDir}))[0] as {status: string; notes?: string; updated_at: string};
	const agents = async () => JSON.parse(await gt(['agents', '--json'])) as SessionInfo[];
	const agent = async (match: (info: SessionInfo) => boolean) => (await agents()).find(match);
	const inbox = async (address: string) => JSON.parse(await gt(['mail', 'inbox', address, '--json'])) as Mail[];
	/** Moves the clock on, then runs one deacon patrol. */
	const patrolAfter = (seconds: number) => {
		clock.advance(seconds);
		return daemon.patrol();
	};
	return {town, rigDir, vars, clock, log, daemon, gt, bead, show, agents, agent, inbox, patrolAfter};
}

const furiosa = 'proj/polecats/furiosa';
/** The state the agent reported itself (its hooks call `gt signal`) has reached the daemon. */
const signalled = (state: string) => (info: SessionInfo | undefined) => info?.state.state === state && info.state.source === 'signal';

describe('witness: a stalled polecat', () => {
	it('is nudged, restarted on the same worktree and hook, then escalated (to the human: no Mayor runs)', async () => {
		const stallAfter = 60;
		const t = await makeTown({GT_SIM_STALL: '1'}, {'witness.stall_after': String(stallAfter), 'witness.max_restarts': '2'});
		expect(await t.gt(['config', 'show'])).toContain(`[witness]  stall_after = ${stallAfter} *`);
		expect((await t.gt(['config', 'get', 'witness.max_restarts'])).trim()).toBe('2');
		expect((await t.gt(['config', 'get', 'witness.waiting_after'])).trim()).toBe('120');

		const id = await t.bead('A task that stalls');
		await t.gt(['sling', id, 'proj']);
		// A stalled sim is silent from its first busy frame on ("esc to interrupt", drawn after
		// its prompt hooks ran). Once that frame and its `gt signal working` are both in, nothing
		// of this process moves its quiet time any more, so the clock can jump.
		const stalled = async (previousPid?: number) =>
			waitUntil(async () => {
				const info = await t.agent(each => each.address === furiosa);
				if (!signalled('working')(info) || info!.pid === previousPid) return undefined;
				return (await t.gt(['peek', furiosa])).includes('esc to interrupt') ? info : undefined;
			}, {what: `${furiosa} (a new process) to signal working and freeze on its busy frame`});
		const first = await stalled();
		const polecat = async () => (await t.agent(each => each.address === furiosa))!;

		// Quiet, but not yet for stall_after: nothing happens.
		await t.patrolAfter(stallAfter - 5);
		expect((await polecat()).patrol).toBeUndefined();

		// Quiet for stall_after: a nudge first, typed into the same process.
		await t.patrolAfter(10);
		expect(t.log.some(line => line.includes(`witness proj: nudged ${furiosa}`))).toBe(true);
		expect(await polecat()).toMatchObject({pid: first.pid, restarts: 0, patrol: {state: 'stalled', nudges: 1, restarts: 0}});
		expect(await t.gt(['status'])).toContain('1 stalled');

		// Still quiet a full threshold after the nudge: restarted on the same worktree and hook.
		await t.patrolAfter(stallAfter);
		const restarted = await stalled(first.pid);
		expect(restarted).toMatchObject({cwd: first.cwd, bead: id, restarts: 1, patrol: {restarts: 1}});
		expect(JSON.parse(await t.gt(['hook', 'proj/furiosa', '--json'])).bead.id).toBe(id);

		// Each restart gets a nudge, then the next step; after max_restarts, the human hears (no Mayor runs).
		await t.patrolAfter(stallAfter);
		expect((await polecat()).patrol).toMatchObject({state: 'stalled', nudges: 2, restarts: 1});
		await t.patrolAfter(stallAfter);
		const second = await stalled(restarted.pid);
		expect(second.restarts).toBe(2);
		await t.patrolAfter(stallAfter);
		expect((await polecat()).patrol).toMatchObject({nudges: 3, restarts: 2});
		expect(await t.inbox('overseer')).toEqual([]);
		const escalatedAt = t.clock.now() + stallAfter * 1000;
		const heartbeat = await t.patrolAfter(stallAfter);
		expect(heartbeat).toMatchObject({rigs: ['proj'], escalated: 1, queued: 0});

		const mails = (await t.inbox('overseer')).filter(message => message.subject.includes('Escalation'));
		// No Mayor runs in this town, so the escalation comes to the human instead of nowhere.
		expect(mails.map(message => message.subject)).toEqual([`Escalation: ${furiosa} stuck on ${id}`]);
		expect(await t.inbox('mayor/')).toEqual([]);
		expect(await polecat()).toMatchObject({pid: second.pid, restarts: 2, patrol: {state: 'escalated', restarts: 2}});
		const bead = await t.show(id);
		expect(bead.notes).toContain('escalated to the overseer');
		expect(bead.status).toBe('hooked');
		// Stamped by the witness's clock, not the wall clock: the test's clock is minutes ahead.
		expect(Date.parse(bead.updated_at)).toBeGreaterThanOrEqual(escalatedAt);

		// An escalation stands: later patrols leave the polecat alone.
		await t.patrolAfter(stallAfter);
		expect(await polecat()).toMatchObject({pid: second.pid, restarts: 2, patrol: {state: 'escalated', nudges: 3}});
		expect((await t.inbox('overseer')).filter(message => message.subject.includes('Escalation'))).toHaveLength(1);
		const status = await t.gt(['status']);
		expect(status).toMatch(/Deacon {2}heartbeat \d+s ago, 1 escalated/);
		expect(status).toContain('ESCALATED');
		expect(JSON.parse(readFileSync(path.join(t.town, '.runtime', 'deacon.json'), 'utf8'))).toMatchObject({escalated: 1});
	});
});

describe('witness: a polecat waiting for a human', () => {
	it('mails the overseer once, with the agent and its question', async () => {
		const t = await makeTown({GT_SIM_ASK: '1'});
		const id = await t.bead('A task that asks');
		await t.gt(['sling', id, 'proj']);
		await waitUntil(async () => signalled('waiting')(await t.agent(each => each.address === furiosa)), {what: `${furiosa} to signal waiting`});
		const waitingFor = async () => (await t.inbox('overseer')).filter(message => message.subject === `${furiosa} is waiting for you`);

		// waiting_after is 120 s by default.
		await t.patrolAfter(115);
		expect(await waitingFor()).toEqual([]);
		await t.patrolAfter(10);
		const mails = await waitingFor();
		expect(mails).toHaveLength(1);
		const full = JSON.parse(await t.gt(['mail', 'read', mails[0]!.id, '--json']));
		expect(full.body).toContain(`${furiosa} has been waiting for a human since`);
		expect(full.body).toContain(`(working on ${id})`);
		expect(full.body).toContain('It asks:');
		expect(full.body).toContain('Do you want to proceed?');

		// Once per waiting spell, however many patrols later.
		await t.patrolAfter(120);
		await t.patrolAfter(600);
		expect(await waitingFor()).toHaveLength(1);
		expect((await t.agent(each => each.address === furiosa))?.state.state).toBe('waiting');
	});
});

describe('deacon: the polecat cap', () => {
	it('queues a sling over the cap and starts it when the first polecat is done', async () => {
		// Stalling sims hold their slot until the test finishes the first one's work by hand.
		const t = await makeTown({GT_SIM_STALL: '1'}, {'deacon.max_polecats': '1'});
		const first = await t.bead('First task');
		const second = await t.bead('Second task');
		expect(await t.gt(['sling', first, 'proj'])).not.toContain('queued');
		expect(await t.gt(['sling', second, 'proj'])).toContain('queued (cap 1, #1 in line)');
		const queueFile = path.join(t.town, '.runtime', 'sling_queue.jsonl');
		expect(readFileSync(queueFile, 'utf8')).toContain(second);

		// The slot is taken: a patrol keeps the request queued.
		expect(await t.patrolAfter(1)).toMatchObject({queued: 1, max_polecats: 1});
		expect(await t.gt(['status'])).toMatch(/Deacon {2}heartbeat \d+s ago, 1 queued \(cap 1\)/);
		const firstAgent = await waitUntil(() => t.agent(info => info.bead === first && (info.pid ?? 0) > 0), {what: 'the first polecat to start'});
		expect(await t.agent(info => info.bead === second)).toBeUndefined();

		// The first polecat finishes (gt done), its slot frees up, the next patrol starts the second.
		await t.gt(['done', '--status', 'deferred', '-m', 'later'], {cwd: firstAgent.cwd, vars: {GT_AGENT: firstAgent.address}});
		expect((await t.show(first)).status).not.toBe('hooked');
		expect(await t.patrolAfter(1)).toMatchObject({queued: 0});
		const started = await eventually(async () => {
			const info = await t.agent(each => each.bead === second);
			expect(info?.pid).toBeGreaterThan(0);
			return info!;
		}, {what: 'the deacon to start the queued sling'});
		expect(started.address).toMatch(/^proj\/polecats\//);
		expect(started.address).not.toBe(firstAgent.address);
		expect(t.log.some(line => line.includes(`deacon: started queued ${started.address} on ${second} (1/1 polecats)`))).toBe(true);
		expect(readFileSync(queueFile, 'utf8')).toBe('');
	});
});
