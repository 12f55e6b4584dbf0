// gt handoff as the original's agents type it: -s/-m (a handoff mail to itself, the note on
// the bead, a fresh session on the same hook), a bead id to hook first, --auto and --dry-run.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {eventually} from '../../helpers/wait.js';

type Message = {id: string; from: string; to: string; subject: string; body: string};
type Session = {address: string; startedAt: string; restarts: number; conversationId?: string};

let town: TestTown;
const vars = (extra: Record<string, string> = {}) => ({...town.vars, GT_SIM_SPEED: '3600000', ...extra});
const gt = (args: string[], extra: Record<string, string> = {}) => runCli('gt', args, {cwd: town.town, env: vars(extra)});
const gtOk = (args: string[], extra: Record<string, string> = {}) => runOk('gt', args, {cwd: town.town, env: vars(extra)});
const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
const show = async (id: string) => (JSON.parse(await bd(['show', id, '--json'])) as Array<{status: string; assignee?: string; notes?: string}>)[0]!;
const sessionOf = async (address: string) => (JSON.parse(await gtOk(['agents', '--json'])) as Session[]).find(session => session.address === address);
const inbox = async (address: string) => JSON.parse(await gtOk(['mail', 'inbox', address, '--all', '--json'])) as Message[];

beforeAll(async () => {
	town = await makeTown();
});

afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

describe('gt handoff', () => {
	it('-s/-m mails the agent itself, notes the bead, and restarts it fresh on the same hook; -n and --auto do not restart', async () => {
		const bead = (await bd(['create', 'Auth bug', '--silent'])).trim();
		await gtOk(['sling', bead, 'calc']);
		const address = (await show(bead)).assignee!;
		const agent = {GT_AGENT: address};
		await eventually(async () => expect(await sessionOf(address)).toBeDefined(), {what: 'the polecat session', timeout: 20_000});
		const before = (await sessionOf(address))!;

		const dry = await gtOk(['handoff', '-n', '-s', 'Dry', '-m', 'nothing'], agent);
		expect(dry).toContain('Would send handoff mail');
		expect((await inbox(address)).map(message => message.subject)).not.toContain('🤝 HANDOFF: Dry');

		const saved = await gt(['handoff', '--auto', '-s', 'Saved only', '-m', 'state kept', '--no-git-check'], agent);
		expect(saved.code, saved.stderr).toBe(0);
		expect(saved.stderr).toMatch(/^gt: --no-git-check ignored: /);
		expect((await inbox(address)).find(message => message.subject === '🤝 HANDOFF: Saved only')?.body).toContain('state kept');
		expect((await sessionOf(address))!.startedAt).toBe(before.startedAt);

		const handed = await gt(['handoff', '-s', 'Working on auth bug', '-m', 'Next: the token refresh'], agent);
		expect(handed.code, handed.stderr).toBe(0);
		const mail = (await inbox(address)).find(message => message.subject === '🤝 HANDOFF: Working on auth bug');
		expect(mail).toMatchObject({from: address, to: address});
		expect(mail!.body).toContain('Next: the token refresh');
		expect(mail!.body).toContain(bead);
		const after = await show(bead);
		expect(after).toMatchObject({status: 'hooked', assignee: address});
		expect(after.notes).toContain('Working on auth bug — Next: the token refresh');
		await eventually(async () => expect((await sessionOf(address))?.startedAt).not.toBe(before.startedAt), {what: 'a fresh session', timeout: 20_000});
	});

	it('a bead id as the argument goes on the hook first; nothing hooked and no note is refused', async () => {
		await runOk('gt', ['crew', 'add', 'max', '--rig', 'calc'], {cwd: town.town, env: town.vars});
		const crew = {GT_AGENT: 'calc/crew/max'};
		const refused = await gt(['handoff'], crew);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('nothing is on calc/crew/max\'s hook');
		const bead = (await bd(['create', 'Crew task', '--silent'])).trim();
		const hooked = await gt(['handoff', bead, '--auto'], crew);
		expect(hooked.code, hooked.stderr).toBe(0);
		expect(await show(bead)).toMatchObject({status: 'hooked', assignee: 'calc/crew/max'});
		expect((await inbox('calc/crew/max')).map(message => message.subject)).toContain(`🤝 HANDOFF: 🪝 HOOKED: ${bead}`);
	});
});
