// Mail to the patrols (<rig>/witness, <rig>/refinery, deacon/) in a real town with its
// daemon: what they understand is acted on by the deacon's patrol (a HELP or MERGE_FAILED
// becomes an escalation to the Mayor and the human, and is marked read); anything else,
// replies included, is refused at send time, one line, nothing stored.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {eventually} from '../../helpers/wait.js';

type Message = {id: string; from: string; to: string; subject: string; body: string; read: boolean};

let t: TestTown;
const gt = (args: string[], extra: Record<string, string> = {}) => runCli('gt', args, {cwd: t.town, env: {...t.vars, ...extra}});
const inbox = async (address: string) => JSON.parse(await runOk('gt', ['mail', 'inbox', address, '--all', '--json'], {cwd: t.town, env: t.vars})) as Message[];
const polecat = {GT_AGENT: 'calc/polecats/nux'};

beforeAll(async () => {
	t = await makeTown();
	await runOk('gt', ['config', 'set', 'deacon.patrol_interval', '1'], {cwd: t.town, env: t.vars});
	await runOk('gt', ['up'], {cwd: t.town, env: t.vars});
}, 60_000);

afterAll(async () => {
	if (t) await gt(['down']);
});

describe('mail to the patrols', () => {
	it.each([
		['calc/witness', 'HELP: tests need a database'],
		['calc/refinery', 'MERGE_FAILED nux'],
		['deacon/', 'RECOVERY_NEEDED calc/nux'],
	])('%s: "%s" reaches the Mayor and the human as an escalation, and is marked read', async (to, subject) => {
		const sent = await gt(['mail', 'send', to, '-s', subject, '-m', 'what was tried', '--json'], polecat);
		expect(sent.stderr).toBe('');
		const [message] = JSON.parse(sent.stdout) as Message[];
		const expected = `Escalation [HIGH]: ${subject} (calc/polecats/nux)`;
		const escalation = await eventually(async () => {
			const found = (await inbox('overseer')).find(mail => mail.subject === expected);
			expect(found).toBeDefined();
			return found!;
		}, {what: `the deacon to pass "${subject}" on to the human`, timeout: 20_000, interval: 200});
		expect(escalation).toMatchObject({from: to, body: expect.stringContaining('what was tried')});
		expect((await inbox('mayor/')).map(mail => mail.subject)).toContain(expected);
		expect((await inbox(to)).find(mail => mail.id === message!.id)?.read).toBe(true);
		expect((JSON.parse((await gt(['escalate', 'list', '--json'])).stdout) as Message[]).map(mail => mail.subject)).toContain(expected);
	}, 30_000);

	it('a completion notice is taken and marked read, nothing raised', async () => {
		const before = (await inbox('overseer')).length;
		const [message] = JSON.parse((await gt(['mail', 'send', 'calc/witness', '-s', 'POLECAT_DONE nux', '-m', 'Exit: COMPLETED', '--json'], polecat)).stdout) as Message[];
		await eventually(async () => expect((await inbox('calc/witness')).find(mail => mail.id === message!.id)?.read).toBe(true), {what: 'the witness to read POLECAT_DONE', timeout: 20_000, interval: 200});
		expect((await inbox('overseer')).length).toBe(before);
	}, 30_000);

	it('anything else is refused at send time with the addresses that are read; a reply to deacon/ too', async () => {
		const before = {witness: await inbox('calc/witness'), deacon: await inbox('deacon/')};
		for (const to of ['calc/witness', 'calc/refinery', 'deacon/']) {
			const result = await gt(['mail', 'send', to, '-s', 'Can you look at this', '-m', 'please']);
			expect(result.code, to).toBe(2);
			expect(result.stderr).toMatch(new RegExp(`^gt: ${to.replace('/', '\\/')} is a patrol here and reads only HELP:.*— mail a person or an agent instead: mayor/, overseer \\(the human\\)`));
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
		}
		// The deacon's own mail (a landed convoy) answered from the UI's reply path.
		const [fromDeacon] = JSON.parse((await gt(['mail', 'send', 'overseer', '-s', 'Convoy landed: Auth', '-m', 'all closed', '--json'], {GT_AGENT: 'deacon/'})).stdout) as Message[];
		expect(fromDeacon!.from).toBe('deacon/');
		const reply = await gt(['mail', 'reply', fromDeacon!.id, '-m', 'thanks']);
		expect(reply.code).toBe(2);
		expect(reply.stderr).toContain('deacon/ is a patrol here');
		expect(await inbox('calc/witness')).toEqual(before.witness);
		expect(await inbox('deacon/')).toEqual(before.deacon);
		// A reply that asks for help keeps its meaning.
		const [help] = JSON.parse((await gt(['mail', 'send', 'overseer', '-s', 'HELP: disk full', '-m', 'the box', '--json'], {GT_AGENT: 'deacon/'})).stdout) as Message[];
		expect((await gt(['mail', 'reply', help!.id, '-m', 'which box?'])).code).toBe(0);
	});
});
