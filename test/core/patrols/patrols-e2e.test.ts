// The patrols end to end, with real daemons and sim polecats: a stalled polecat is
// nudged, restarted on the same worktree and hook, then escalated to the Mayor; a
// polecat stuck on a question gets the overseer mailed; the polecat cap queues a
// second sling and the deacon starts it once the first is done.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeGitRepo, runCli, runOk, tempDir, testEnv} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';

type Agent = {id: string; address: string; cwd: string; pid?: number; bead?: string; restarts: number; state: {state: string}; patrol?: {state: string; nudges: number; restarts: number}};
type Mail = {id: string; subject: string; body?: string; from?: string};

/** A town with one rig, sim as the default agent, and fast patrols. */
async function makeTown(label: string, vars: Record<string, string>, settings: Record<string, string>) {
	const home = tempDir(label);
	const env = testEnv(home, {GT_SIM_SPEED: '10', ...vars});
	const town = path.join(home, 'town');
	const gt = (args: string[]) => runOk('gt', args, {cwd: town, env});
	const source = makeGitRepo(path.join(home, 'source'), env, {'README.md': '# p\n'});
	await runOk('gt', ['install', town], {cwd: home, env});
	await gt(['rig', 'add', 'proj', source]);
	await gt(['config', 'default-agent', 'sim']);
	for (const [key, value] of Object.entries({'deacon.patrol_interval': '1', ...settings})) await gt(['config', 'set', key, value]);
	const bead = async (title: string) => (await runOk('bd', ['create', title, '--silent'], {cwd: path.join(town, 'proj'), env})).trim();
	const agents = async () => JSON.parse(await gt(['agents', '--json'])) as Agent[];
	const inbox = async (address: string) => JSON.parse(await gt(['mail', 'inbox', address, '--json'])) as Mail[];
	return {home, env, town, gt, bead, agents, inbox, down: () => runCli('gt', ['down'], {cwd: town, env})};
}

const wait = {timeout: 60_000, interval: 250};

describe('witness: a stalled polecat', () => {
	let t: Awaited<ReturnType<typeof makeTown>> | undefined;
	afterAll(async () => {
		await t?.down();
	});

	it('is nudged, restarted on the same worktree and hook, then escalated to the Mayor', {timeout: 120_000}, async () => {
		t = await makeTown('stall', {GT_SIM_STALL: '1'}, {'witness.stall_after': '2', 'witness.max_restarts': '2'});
		const show = await t.gt(['config', 'show']);
		expect(show).toContain('[witness]  stall_after = 2 *');
		expect((await t.gt(['config', 'get', 'witness.max_restarts'])).trim()).toBe('2');
		expect((await t.gt(['config', 'get', 'witness.waiting_after'])).trim()).toBe('120');

		const id = await t.bead('A task that stalls');
		await t.gt(['sling', id, 'proj']);
		const first = await eventually(async () => {
			const polecat = (await t!.agents()).find(agent => agent.address === 'proj/polecats/furiosa');
			expect(polecat?.pid).toBeGreaterThan(0);
			return polecat!;
		}, {...wait, what: 'the sling to start proj/polecats/furiosa'});

		const restarted = await eventually(async () => {
			const polecat = (await t!.agents()).find(agent => agent.address === 'proj/polecats/furiosa');
			expect(polecat?.restarts).toBeGreaterThanOrEqual(1);
			return polecat!;
		}, {...wait, what: 'the witness to restart the stalled polecat'});
		expect(restarted.cwd).toBe(first.cwd);
		expect(restarted.bead).toBe(id);
		expect(restarted.pid).not.toBe(first.pid);
		expect(JSON.parse(await t.gt(['hook', 'proj/furiosa', '--json'])).bead.id).toBe(id);

		const escalation = await eventually(async () => {
			const mail = (await t!.inbox('mayor/')).find(message => message.subject.includes('Escalation'));
			expect(mail).toBeDefined();
			return mail!;
		}, {...wait, what: 'an escalation mail to the Mayor'});
		expect(escalation.subject).toBe(`Escalation: proj/polecats/furiosa stuck on ${id}`);
		const polecat = (await t.agents()).find(agent => agent.address === 'proj/polecats/furiosa')!;
		expect(polecat.restarts).toBe(2);
		expect(polecat.patrol).toMatchObject({state: 'escalated', restarts: 2});
		const bead = JSON.parse(await runOk('bd', ['show', id, '--json'], {cwd: path.join(t.town, 'proj'), env: t.env}))[0];
		expect(bead.notes).toContain('escalated to the Mayor');
		expect(bead.status).toBe('hooked');

		const log = readFileSync(path.join(t.town, '.runtime', 'daemon.log'), 'utf8');
		expect(log).toContain('witness proj: nudged proj/polecats/furiosa');
		const status = await t.gt(['status']);
		expect(status).toMatch(/Deacon {2}heartbeat \d+s ago/);
		expect(status).toContain('ESCALATED');
		const heartbeat = JSON.parse(readFileSync(path.join(t.town, '.runtime', 'deacon.json'), 'utf8'));
		expect(heartbeat).toMatchObject({rigs: ['proj'], escalated: 1, queued: 0});
	});
});

describe('witness: a polecat waiting for a human', () => {
	let t: Awaited<ReturnType<typeof makeTown>> | undefined;
	afterAll(async () => {
		await t?.down();
	});

	it('mails the overseer once, with the agent and its question', {timeout: 120_000}, async () => {
		t = await makeTown('ask', {GT_SIM_ASK: '1'}, {'witness.waiting_after': '1'});
		const id = await t.bead('A task that asks');
		await t.gt(['sling', id, 'proj']);
		const mail = await eventually(async () => {
			const found = (await t!.inbox('overseer')).filter(message => message.subject === 'proj/polecats/furiosa is waiting for you');
			expect(found).toHaveLength(1);
			return found[0]!;
		}, {...wait, what: 'one "waiting for you" mail to the overseer'});
		const full = JSON.parse(await t.gt(['mail', 'read', mail.id, '--json']));
		expect(full.body).toContain('It asks:');
		expect(full.body).toContain('Do you want to proceed?');
		// Still one mail a few patrols later: once per waiting spell.
		const before = readFileSync(path.join(t.town, '.runtime', 'deacon.json'), 'utf8');
		await eventually(() => expect(readFileSync(path.join(t!.town, '.runtime', 'deacon.json'), 'utf8')).not.toBe(before), {...wait, what: 'a later deacon heartbeat'});
		expect((await t.inbox('overseer')).filter(message => message.subject.includes('waiting for you'))).toHaveLength(1);
	});
});

describe('deacon: the polecat cap', () => {
	let t: Awaited<ReturnType<typeof makeTown>> | undefined;
	afterAll(async () => {
		await t?.down();
	});

	it('queues a sling over the cap and starts it when the first polecat is done', {timeout: 120_000}, async () => {
		// Stalling sims hold their slot until the test finishes the first one's work by hand.
		t = await makeTown('cap', {GT_SIM_STALL: '1'}, {'deacon.max_polecats': '1'});
		const first = await t.bead('First task');
		const second = await t.bead('Second task');
		expect(await t.gt(['sling', first, 'proj'])).not.toContain('queued');
		const queued = await t.gt(['sling', second, 'proj']);
		expect(queued).toContain('queued (cap 1, #1 in line)');
		expect(readFileSync(path.join(t.town, '.runtime', 'sling_queue.jsonl'), 'utf8')).toContain(second);
		await eventually(async () => expect(await t!.gt(['status'])).toMatch(/Deacon {2}heartbeat \d+s ago, 1 queued \(cap 1\)/), {...wait, what: 'gt status to show the queued sling'});

		const firstAgent = await eventually(async () => {
			const agent = (await t!.agents()).find(info => info.bead === first);
			expect(agent?.pid).toBeGreaterThan(0);
			return agent!;
		}, {...wait, what: 'the first polecat to start'});
		expect((await t.agents()).some(info => info.bead === second)).toBe(false);
		// The first polecat finishes (gt done), its slot frees up, the deacon starts the second.
		await runOk('gt', ['done', '--status', 'deferred', '-m', 'later'], {cwd: firstAgent.cwd, env: {...t.env, GT_AGENT: firstAgent.address}});
		const started = await eventually(async () => {
			const agent = (await t!.agents()).find(info => info.bead === second);
			expect(agent?.pid).toBeGreaterThan(0);
			return agent!;
		}, {...wait, what: 'the deacon to start the queued sling'});
		expect(started.address).not.toBe(firstAgent.address);
		const firstBead = JSON.parse(await runOk('bd', ['show', first, '--json'], {cwd: path.join(t.town, 'proj'), env: t.env}))[0];
		expect(firstBead.status).not.toBe('hooked');
		expect(started.address).toMatch(/^proj\/polecats\//);
		expect(readFileSync(path.join(t.town, '.runtime', 'sling_queue.jsonl'), 'utf8')).toBe('');
	});
});
