import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {binaries, runCli, runOk} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {isIdle, SimTerminal} from '../../sim/sim-terminal.js';

type Message = {id: string; from: string; to: string; subject: string; body: string; priority: number; read: boolean; reply_to?: string; thread?: string};

describe('gt mail', () => {
	let town: TestTown;
	const inTown = (vars: Record<string, string> = {}, cwd?: string) => ({cwd: cwd ?? town.town, env: {...town.vars, ...vars}});
	const send = (to: string, subject: string, vars: Record<string, string> = {}) => runCli('gt', ['mail', 'send', to, '-s', subject, '-m', `body of ${subject}`, '--json'], inTown(vars));
	const inboxOf = async (address: string, vars: Record<string, string> = {}) => JSON.parse(await runOk('gt', ['mail', 'inbox', address, '--json'], inTown(vars))) as Message[];

	beforeAll(async () => {
		town = await makeTown();
		for (const dir of ['calc/polecats/nux', 'calc/crew/me']) mkdirSync(path.join(town.town, dir), {recursive: true});
	});

	it('sends to each address form and stores the canonical recipient', async () => {
		const cases: Array<[string, string]> = [
			['mayor/', 'mayor/'], ['mayor', 'mayor/'], ['deacon/', 'deacon/'], ['overseer', 'overseer'], ['calc/witness', 'calc/witness'],
			['calc/refinery', 'calc/refinery'], ['calc/nux', 'calc/polecats/nux'], ['calc/polecats/nux', 'calc/polecats/nux'], ['calc/crew/me', 'calc/crew/me'],
		];
		for (const [to, canonical] of cases) {
			// The patrols take only what they understand (test/cli/gt/mail-patrol.test.ts).
			const subject = /witness|refinery|deacon/.test(to) ? `HELP: to ${to}` : `to ${to}`;
			const result = await send(to, subject);
			expect(result.code, `${to}: ${result.stderr}`).toBe(0);
			const [message] = JSON.parse(result.stdout) as Message[];
			expect(message).toMatchObject({to: canonical, from: 'overseer', subject, read: false});
		}
		const human = await runOk('gt', ['mail', 'send', 'calc/nux', '-s', 'Plain', '-m', 'x'], inTown());
		expect(human).toMatch(/^Sent hq-[a-z0-9]+ to calc\/polecats\/nux\.\n$/);
	});

	it('sends one message per member to @rig/<rig> and @town', async () => {
		const rig = JSON.parse((await send('@rig/calc', 'rig freeze')).stdout) as Message[];
		expect(rig.map(message => message.to)).toEqual(['calc/polecats/nux', 'calc/crew/me']);
		const all = JSON.parse((await send('@town', 'town news')).stdout) as Message[];
		expect(all.map(message => message.to)).toEqual(['mayor/', 'calc/polecats/nux', 'calc/crew/me']);
	});

	it('refuses a bad address with a one-line error and its exit code, writing nothing', async () => {
		const wisps = () => readFileSync(path.join(town.town, '.beads', 'wisps.jsonl'), 'utf8');
		const before = wisps();
		const cases: Array<[string, number, RegExp]> = [
			['nope/nux', 3, /no rig "nope"/],
			['calc/ghost', 3, /no polecat or crew "ghost" in rig calc/],
			['calc/crew/ghost', 3, /no crew member "ghost"/],
			['@rig/nope', 3, /no rig "nope"/],
			['bob', 2, /"bob" is not a mail address/],
			['@all', 2, /unknown group "@all"/],
		];
		for (const [to, code, message] of cases) {
			const result = await runInProcess('gt', ['mail', 'send', to, '-s', 'lost', '-m', 'body of lost', '--json'], inTown());
			expect(result.code, to).toBe(code);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(message);
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		}
		expect(wisps()).toBe(before);
		const noSubject = await runInProcess('gt', ['mail', 'send', 'mayor/', '-m', 'x'], inTown());
		expect(noSubject.code).toBe(2);
		const noBody = await runInProcess('gt', ['mail', 'send', 'mayor/', '-s', 'x'], inTown());
		expect(noBody).toMatchObject({code: 2, stderr: expect.stringMatching(/needs a body/)});
	});

	it('inbox defaults to the human outside agents and to GT_AGENT inside one', async () => {
		await runOk('gt', ['mail', 'send', 'overseer', '-s', 'For you', '-m', 'hi'], inTown({GT_AGENT: 'calc/nux'}));
		const human = await runOk('gt', ['mail', 'inbox'], inTown());
		expect(human.split('\n')[0]).toMatch(/^Inbox of overseer: \d+ messages?, \d+ unread$/);
		expect(human).toMatch(/●\s+calc\/polecats\/nux\s+\d+s\s+For you\s+hq-[a-z0-9]+/);

		const agent = await runOk('gt', ['mail', 'inbox'], inTown({GT_AGENT: 'calc/crew/me'}));
		expect(agent.split('\n')[0]).toMatch(/^Inbox of calc\/crew\/me: /);
		expect(agent).toContain('rig freeze');
		const inWorktree = await runOk('gt', ['mail', 'inbox', '--json'], inTown({}, path.join(town.town, 'calc', 'crew', 'me')));
		expect((JSON.parse(inWorktree) as Message[]).every(message => message.to === 'calc/crew/me')).toBe(true);
	});

	it('takes the body from --stdin, reads, replies in the thread and archives', async () => {
		const sent = JSON.parse(await runOk('gt', ['mail', 'send', 'mayor/', '-s', 'Long report', '--stdin', '--json'], {...inTown({GT_AGENT: 'calc/nux'}), input: 'line one\nline two\n'})) as Message[];
		expect(sent[0]).toMatchObject({body: 'line one\nline two', from: 'calc/polecats/nux'});
		const id = sent[0]!.id;

		const shown = await runOk('gt', ['mail', 'read', id], inTown({GT_AGENT: 'mayor/'}));
		expect(shown).toContain('From:    calc/polecats/nux');
		expect(shown).toContain('line one\nline two');
		expect((await inboxOf('mayor/')).find(message => message.id === id)?.read).toBe(true);

		const answer = JSON.parse(await runOk('gt', ['mail', 'reply', id, '-m', 'Got it', '--json'], inTown({GT_AGENT: 'mayor/'}))) as Message;
		expect(answer).toMatchObject({from: 'mayor/', to: 'calc/polecats/nux', subject: 'Re: Long report', reply_to: id, thread: id});

		expect(await runOk('gt', ['mail', 'archive', id], inTown({GT_AGENT: 'mayor/'}))).toBe(`Archived ${id}  Long report\n`);
		expect((await inboxOf('mayor/')).map(message => message.id)).not.toContain(id);
		const missing = await runInProcess('gt', ['mail', 'read', 'hq-zzzz'], inTown());
		expect(missing.code).toBe(3);
	});

	it('the original\'s mail thread, mark-read (all ids checked first) and delete (an archive)', async () => {
		const [first] = JSON.parse((await send('calc/crew/me', 'Plan v2')).stdout) as Message[];
		const answer = JSON.parse(await runOk('gt', ['mail', 'reply', first!.id, '-m', 'Looks good', '--json'], inTown({GT_AGENT: 'calc/crew/me'}))) as Message;
		const thread = JSON.parse(await runOk('gt', ['mail', 'thread', answer.id, '--json'], inTown())) as Message[];
		expect(thread.map(message => message.id)).toEqual([first!.id, answer.id]);
		expect(await runOk('gt', ['mail', 'thread', first!.id], inTown())).toMatch(/Subject: Plan v2[\s\S]*Subject: Re: Plan v2\nLooks good/);

		const unknown = await runInProcess('gt', ['mail', 'mark-read', first!.id, 'hq-zzzz'], inTown({GT_AGENT: 'calc/crew/me'}));
		expect(unknown.code).toBe(3);
		expect((await inboxOf('calc/crew/me')).find(message => message.id === first!.id)?.read).toBe(false);
		expect(await runOk('gt', ['mail', 'mark-read', first!.id], inTown({GT_AGENT: 'calc/crew/me'}))).toBe(`Read ${first!.id}  Plan v2\n`);
		expect((await inboxOf('calc/crew/me')).find(message => message.id === first!.id)?.read).toBe(true);

		await send('calc/crew/me', 'Another');
		await runOk('gt', ['mail', 'mark-read', '--all'], inTown({GT_AGENT: 'calc/crew/me'}));
		expect((await inboxOf('calc/crew/me')).filter(message => !message.read)).toEqual([]);
		expect((await runInProcess('gt', ['mail', 'mark-read'], inTown({GT_AGENT: 'calc/crew/me'}))).code).toBe(2);
		expect(await runOk('gt', ['mail', 'delete', first!.id], inTown({GT_AGENT: 'calc/crew/me'}))).toBe(`Archived ${first!.id}  Plan v2\n`);
		expect((await inboxOf('calc/crew/me')).map(message => message.id)).not.toContain(first!.id);
	});

	it('check --inject prints the new mail once, then stays silent; outside a town it exits 0', async () => {
		await runOk('gt', ['mail', 'send', 'calc/crew/me', '-s', 'Heads up', '-m', 'x', '-p', 'P1'], inTown({GT_AGENT: 'mayor/'}));
		const agent = inTown({GT_AGENT: 'calc/crew/me'});
		const check = await runOk('gt', ['mail', 'check'], agent);
		expect(check).toMatch(/^\d+ unread messages? for calc\/crew\/me:/);

		const first = await runCli('gt', ['mail', 'check', '--inject'], agent);
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^<mail> You have \d+ new messages?:\n/);
		expect(first.stdout).toMatch(/- hq-[a-z0-9]+ from mayor\/ \[P1\]: Heads up\n/);
		expect(first.stdout).toContain('Read with `gt mail read <id>`. </mail>');
		expect(await runCli('gt', ['mail', 'check', '--inject'], agent)).toEqual({code: 0, stdout: '', stderr: ''});

		// Still unread for `gt mail check` and the inbox: delivered is not read.
		expect(await runOk('gt', ['mail', 'check'], agent)).toContain('Heads up');
		expect(await runInProcess('gt', ['mail', 'check', '--inject'], {cwd: town.work, env: town.vars})).toEqual({code: 0, stdout: '', stderr: ''});
		expect(await runInProcess('gt', ['mail', 'check', '--inject'], inTown({GT_AGENT: 'not an agent'}))).toEqual({code: 0, stdout: '', stderr: ''});
	});

	it('a hooked agent (the sim) gets new mail as context at its next turn, once', async () => {
		const settings = path.join(town.work, 'mail-settings.json');
		const inject = `${JSON.stringify(process.execPath)} ${JSON.stringify(binaries.gt)} mail check --inject || true`;
		writeFileSync(settings, JSON.stringify({hooks: {UserPromptSubmit: [{matcher: '', hooks: [{type: 'command', command: inject}]}]}}));
		await runOk('gt', ['mail', 'send', 'calc/nux', '-s', 'Rebase onto main', '-m', 'main moved'], inTown({GT_AGENT: 'mayor/'}));
		await runOk('gt', ['mail', 'check', '--inject'], inTown({GT_AGENT: 'calc/nux'})); // drain what earlier tests sent
		await runOk('gt', ['mail', 'send', 'calc/nux', '-s', 'Fresh news', '-m', 'x'], inTown({GT_AGENT: 'mayor/'}));
		const env = {...town.vars, TERM: 'xterm-256color', GT_SIM_SPEED: '10', GT_AGENT: 'calc/polecats/nux', GT_ROOT: town.town};
		const sim = new SimTerminal({cwd: path.join(town.town, 'calc', 'polecats', 'nux'), env, args: ['--settings', settings]});
		try {
			await sim.waitFor(isIdle);
			sim.write('hello\r');
			const screen = await sim.waitFor(text => isIdle(text) && text.includes('UserPromptSubmit hook: <mail> You have 1 new message'));
			expect(screen).toContain('Fresh news');
			expect(screen).not.toContain('Rebase onto main');
			sim.write('again\r');
			await sim.waitFor(text => isIdle(text) && (text.match(/I am sim/g) ?? []).length >= 2);
			expect((sim.screen().match(/<mail>/g) ?? []).length).toBe(1);
		} finally {
			sim.kill();
		}
	});
});
