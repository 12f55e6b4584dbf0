// Every command `gt prime` prints works as printed. In a real sim town (a daemon, slung
// polecats whose sim stalls so it does nothing itself), each role's prime text is read,
// every `gt …`/`bd …` line is taken out, its <placeholders> are filled with real values,
// and it is run with the built binaries as that agent (the environment the daemon gives
// it: GT_ROOT, GT_ROLE, GT_RIG, GT_AGENT, BD_ACTOR, and its worktree as the directory).
// The commands that end a piece of work run on a polecat of their own, and their effect
// is checked: escalate → mail, done → a merge request, no-changes → closed, handoff → note.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {git, runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {eventually} from '../../helpers/wait.js';

type Agent = {address: string; role: 'polecat' | 'crew' | 'mayor'; dir: string; env: Record<string, string>};
type Message = {id: string; from: string; to: string; subject: string; body: string};

let t: TestTown;
const run = (program: 'gt' | 'bd', args: string[], cwd = t.town, env = t.vars) => runCli(program, args, {cwd, env});
const ok = (program: 'gt' | 'bd', args: string[], cwd = t.town, env = t.vars) => runOk(program, args, {cwd, env});
const json = async <T>(program: 'gt' | 'bd', args: string[], cwd = t.town, env = t.vars) => JSON.parse(await ok(program, [...args, '--json'], cwd, env)) as T;

/** The environment the daemon gives an agent (core/agents/launch.ts agentEnv). */
function agentEnv(address: string, role: Agent['role'], rig?: string): Record<string, string> {
	return {...t.vars, GT_ROOT: t.town, GT_ROLE: role, ...(rig ? {GT_RIG: rig} : {}), GT_AGENT: address, GT_SESSION: address.replace(/\/$/, '').replaceAll('/', '.'), BD_ACTOR: address};
}

const newBead = async (title: string) => (await ok('bd', ['create', title, '-d', `${title}, for the prime test`, '--silent'], t.rigDir)).trim();

/** A polecat slung a bead of its own; its sim stalls, so the work is the test's to do. */
async function slungPolecat(target: string, vars: string[] = []): Promise<Agent & {bead: string}> {
	const slung = await json<{work: Array<{bead: string; agent: string; worktree: string}>}>('gt', ['sling', target, t.rig, ...vars.flatMap(value => ['--var', value])]);
	const work = slung.work[0]!;
	return {address: work.agent, role: 'polecat', dir: work.worktree, bead: work.bead, env: agentEnv(work.agent, 'polecat', t.rig)};
}

/** Shell-like words: double quotes group, nothing is expanded. */
function words(line: string): string[] {
	return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(match => match[1] ?? match[2]!);
}

/** The gt/bd commands of a prime text: indented command lines (up to their note) and `inline` ones. */
function commandsOf(text: string): string[] {
	const found: string[] = [];
	for (const line of text.split('\n')) {
		const listed = /^ {2,}((?:gt|bd) .*?)(?: {2,}.*)?$/.exec(line);
		if (listed) found.push(listed[1]!.trim());
		else for (const match of line.matchAll(/`((?:gt|bd) [^`]+)`/g)) found.push(match[1]!);
	}
	return found;
}

const fillers: Record<string, string> = {
	what: 'Prime test needs a hand', details: 'the details', why: 'the reason', findings: 'what was found', title: 'Found while priming',
	'where you are': 'halfway', 'what is next': 'the rest', answer: 'answered', subject: 'From the prime test', text: 'hello from the prime test', name: 'Prime convoy',
};

/** Fills <placeholders>: plain text from the table, real ids from `values`. */
function fill(command: string, values: Record<string, string>): string[] {
	const filled = command.replace(/<([^>]+)>/g, (whole, name: string) => {
		const value = values[name] ?? fillers[name];
		if (value === undefined) throw new Error(`no value for ${whole} in "${command}"`);
		return value;
	});
	return words(filled);
}

async function runAs(agent: Agent, argv: string[], cwd = agent.dir) {
	const [program, ...args] = argv as ['gt' | 'bd', ...string[]];
	const result = await run(program, args, cwd, agent.env);
	expect({command: argv.join(' '), as: agent.address, code: result.code, stderr: result.stderr}).toEqual({command: argv.join(' '), as: agent.address, code: 0, stderr: expect.not.stringMatching(/^gt: |^bd: /)});
	return result;
}

async function primeOf(agent: Agent): Promise<string> {
	const text = await ok('gt', ['prime'], agent.dir, agent.env);
	expect(text.trim().split('\n').length, `${agent.address}'s prime text`).toBeLessThanOrEqual(80);
	return text;
}

const inbox = (address: string) => json<Message[]>('gt', ['mail', 'inbox', address]);
const isEnding = (command: string) => /^gt (done|handoff)\b/.test(command) || /^bd close \S+ --reason/.test(command);

beforeAll(async () => {
	t = await makeTown();
	Object.assign(t.vars, {GT_SIM_STALL: '1', GT_SIM_SPEED: '10'});
	await ok('gt', ['up']);
}, 60_000);

afterAll(async () => {
	if (t) await run('gt', ['down']);
});

describe('gt prime: every command it prints works as printed', () => {
	it('polecat on a molecule: steps marked, each closed as printed, mail, escalation', async () => {
		const polecat = await slungPolecat('red-green-refactor', ['behaviour=subtract']);
		const text = await primeOf(polecat);
		const context = await json<{currentStep: {id: string}; steps: Array<{id: string; state: string}>; bead: {id: string}}>('gt', ['prime'], polecat.dir, polecat.env);
		const first = context.currentStep.id;
		expect(text).toContain(`You are polecat ${polecat.address}`);
		expect(text).toContain(`${polecat.bead}: red-green-refactor`);
		expect(text).toMatch(new RegExp(`▶ ${first.replaceAll('.', '\\.')}  Write the test for subtract   ← now`));
		expect(text).toContain('Remove duplication and improve names');
		expect(text).toContain('needs no approval');
		expect(text).toContain(`gt mol step done ${first}`);
		// Mail for it to read and answer.
		await ok('gt', ['mail', 'send', polecat.address, '-s', 'Welcome', '-m', 'read me']);
		const commands = commandsOf(text);
		expect(commands).toEqual(expect.arrayContaining([`gt mol step done ${first}`, `bd close ${first}`, 'gt escalate "<what>" -s HIGH -m "<details>"', 'gt done', 'gt mail inbox']));
		const overseerBefore = (await inbox('overseer')).length;
		const mayorBefore = (await inbox('mayor/')).length;
		let ran = 0;
		for (const command of commands.filter(line => !isEnding(line))) {
			const values: Record<string, string> = {id: (await inbox(polecat.address))[0]!.id};
			let argv = fill(command, values);
			// The printed step may be closed by the line before it (gt mol step done, then bd close): take the one now current.
			if (argv.includes(first) && argv[0] === 'bd') {
				const now = await json<{currentStep: {id: string}}>('gt', ['prime'], polecat.dir, polecat.env);
				argv = argv.map(word => (word === first ? now.currentStep.id : word));
			}
			await runAs(polecat, argv);
			ran++;
		}
		expect(ran).toBeGreaterThanOrEqual(9);
		const state = await json<{steps: Array<{id: string; state: string}>}>('gt', ['prime'], polecat.dir, polecat.env);
		expect(state.steps.filter(step => step.state === 'done').length).toBeGreaterThanOrEqual(2);
		const escalations = (await inbox('overseer')).slice(0, (await inbox('overseer')).length - overseerBefore);
		expect(escalations).toEqual(expect.arrayContaining([expect.objectContaining({from: polecat.address, subject: 'Escalation [HIGH]: Prime test needs a hand', body: expect.stringContaining('the details')})]));
		expect((await inbox('mayor/')).length - mayorBefore).toBeGreaterThanOrEqual(1);
		expect((await inbox('mayor/')).map(message => message.subject)).toContain('HELP: Prime test needs a hand');
		const found = (await json<Array<{id: string; title: string}>>('bd', ['list'], t.rigDir)).find(bead => bead.title === 'Found while priming');
		expect(found, 'the bead filed with bd create').toBeDefined();
		const notes = (await json<Array<{notes?: string}>>('bd', ['show', polecat.bead], t.rigDir))[0]!.notes;
		expect(notes).toContain('what was found');
	}, 180_000);

	it('polecat endings: gt done queues a merge request, no-changes closes, escalated hands back, handoff leaves a note', async () => {
		const sample = await slungPolecat(await newBead('Ending sample'));
		const endings = commandsOf(await primeOf(sample)).filter(isEnding);
		expect(endings).toEqual(expect.arrayContaining(['gt done', `bd close ${sample.bead} --reason "no-changes: <why>"`, 'gt done --status escalated -m "<why>"', 'gt handoff -s "<where you are>" -m "<what is next>"']));
		/** The no-changes close and the gt done printed right after it. */
		const noChanges = (commands: string[]) => {
			const at = commands.findIndex(command => command.startsWith('bd close'));
			expect(commands[at + 1]).toBe('gt done');
			return commands.slice(at, at + 2);
		};
		noChanges(endings);

		// Work committed, then gt done: a merge request for the refinery.
		writeFileSync(path.join(sample.dir, 'subtract.js'), 'export const subtract = (a, b) => a - b;\n');
		git(sample.dir, ['add', '-A'], sample.env);
		git(sample.dir, ['commit', '-q', '-m', 'subtract'], sample.env);
		await runAs(sample, fill(endings[0]!, {}));
		const queue = await json<unknown>('gt', ['mq', 'list', '--all']);
		expect(JSON.stringify(queue)).toContain(sample.bead);

		// Nothing to change: bd close with the no-changes reason, then gt done.
		const idle = await slungPolecat(await newBead('Already done'));
		const pair = noChanges(commandsOf(await primeOf(idle)).filter(isEnding));
		for (const command of pair) await runAs(idle, fill(command, {}));
		expect((await json<Array<{status: string; close_reason: string}>>('bd', ['show', idle.bead], t.rigDir))[0]).toMatchObject({status: 'closed', close_reason: 'no-changes: the reason'});
		expect((await json<{bead: unknown}>('gt', ['hook', idle.address])).bead).toBeNull();

		// Stuck: handed back, the Mayor and the human told.
		const stuck = await slungPolecat(await newBead('Cannot be done here'));
		const escalated = commandsOf(await primeOf(stuck)).find(command => command.startsWith('gt done --status'))!;
		await runAs(stuck, fill(escalated, {}));
		expect((await json<Array<{status: string}>>('bd', ['show', stuck.bead], t.rigDir))[0]!.status).toBe('blocked');
		for (const address of ['overseer', 'mayor/']) expect((await inbox(address)).map(message => message.subject)).toContain(`Escalated: ${stuck.bead} Cannot be done here`);

		// Context running out: a fresh session on the same hook, the note on the bead.
		const tired = await slungPolecat(await newBead('Long task'));
		const handoff = commandsOf(await primeOf(tired)).find(command => command.startsWith('gt handoff'))!;
		await runAs(tired, fill(handoff, {}));
		await eventually(async () => expect((await json<Array<{notes?: string}>>('bd', ['show', tired.bead], t.rigDir))[0]!.notes).toMatch(/halfway[\s\S]*the rest|the rest[\s\S]*halfway/), {what: 'the handoff note on the bead'});
		expect((await json<{bead: {id: string}}>('gt', ['hook', tired.address])).bead.id).toBe(tired.bead);
	}, 240_000);

	it('crew: works for the human; with nothing hooked and with a hooked bead', async () => {
		await ok('gt', ['crew', 'add', 'dana', '--rig', t.rig]);
		const crew: Agent = {address: `${t.rig}/crew/dana`, role: 'crew', dir: path.join(t.rigDir, 'crew', 'dana'), env: agentEnv(`${t.rig}/crew/dana`, 'crew', t.rig)};
		const empty = await primeOf(crew);
		expect(empty).toContain('You work for the human');
		const bead = await newBead('Crew task');
		for (const command of commandsOf(empty)) await runAs(crew, fill(command, {bead, id: (await inbox(crew.address))[0]?.id ?? ''}));
		expect((await json<{bead: {id: string}}>('gt', ['hook', crew.address])).bead.id).toBe(bead);

		const hooked = await primeOf(crew);
		expect(hooked).toContain(`${bead}: Crew task`);
		expect(hooked).toContain('nothing of yours is merged until you run it');
		writeFileSync(path.join(crew.dir, 'crew.txt'), 'crew work\n');
		git(crew.dir, ['add', '-A'], crew.env);
		git(crew.dir, ['commit', '-q', '-m', 'crew work'], crew.env);
		const done = commandsOf(hooked).filter(command => command === 'gt done');
		expect(done.length).toBeGreaterThanOrEqual(1);
		await runAs(crew, fill(done[0]!, {}));
		expect(JSON.stringify(await json<unknown>('gt', ['mq', 'list', '--all']))).toContain(bead);
	}, 120_000);

	it('the Mayor: the whole tool set, each command run from its directory (bd inside a rig)', async () => {
		const mayor: Agent = {address: 'mayor/', role: 'mayor', dir: path.join(t.town, 'mayor'), env: agentEnv('mayor/', 'mayor')};
		const text = await primeOf(mayor);
		expect(text).toContain('You are the Mayor');
		expect(text).toMatch(/- calc \(prefix ca, branch main\): .* — \d+ ready/);
		const commands = commandsOf(text);
		for (const tool of ['gt sling', 'gt convoy create', 'gt convoy list', 'gt convoy show', 'gt peek', 'gt nudge', 'gt mq list', 'gt agents', 'gt escalate list', 'gt escalate ack', 'gt mail send', 'bd create', 'bd ready']) {
			expect(commands.some(command => command.startsWith(tool)), tool).toBe(true);
		}
		await ok('gt', ['mail', 'send', 'mayor/', '-s', 'For the Mayor', '-m', 'hello']);
		await ok('gt', ['escalate', 'Mayor prime test', '-m', 'something to acknowledge']);
		const running = await slungPolecat(await newBead('Watched by the Mayor'));
		const [first, second] = [await newBead('Mayor plans one'), await newBead('Mayor plans two')];
		let convoy = '';
		for (const command of commands) {
			const escalation = (await json<Message[]>('gt', ['escalate', 'list'])).find(message => message.subject.includes('Mayor prime test'))?.id ?? '';
			const mr = (await json<Array<{id: string}>>('gt', ['mq', 'list', '--all']))[0]?.id ?? '';
			const values: Record<string, string> = {
				bead: command.startsWith('gt sling') ? await newBead('Slung by the Mayor') : first!, 'depends-on': second!, rig: t.rig, agent: running.address, convoy, mr,
				id: command.startsWith('gt escalate ack') ? escalation : (await inbox('mayor/'))[0]!.id,
			};
			const argv = fill(command, values);
			const result = await runAs(mayor, argv, argv[0] === 'bd' ? t.rigDir : mayor.dir);
			if (command.startsWith('gt convoy create')) convoy = /hq-cv-[a-z0-9]+/.exec(result.stdout)![0];
		}
		expect(convoy).not.toBe('');
		expect((await json<Array<{dependencies?: Array<{id: string}>}>>('bd', ['show', first!], t.rigDir))[0]!.dependencies?.map(dep => dep.id)).toContain(second);
		expect((await json<Message[]>('gt', ['escalate', 'list'])).map(message => message.subject)).not.toContain('Escalation [MEDIUM]: Mayor prime test');
	}, 180_000);

	it('gt prime --json: identity, hook, steps with their state, mail', async () => {
		const mayor = await json<Record<string, unknown>>('gt', ['prime'], path.join(t.town, 'mayor'), agentEnv('mayor/', 'mayor'));
		expect(mayor).toMatchObject({address: 'mayor/', role: 'mayor', town_root: t.town, bead: null, molecule: false, steps: [], mail: {unread: expect.any(Number), latest: expect.any(Array)}, rigs: [expect.objectContaining({name: 'calc', prefix: 'ca'})]});
	});
});
