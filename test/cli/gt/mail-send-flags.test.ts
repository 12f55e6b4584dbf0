// The original's `gt mail send` flags agents type: --self, --cc, --urgent, --to, --body,
// -n/--notify, --human, and the ones that mean nothing here (accepted with a note).
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

type Message = {id: string; from: string; to: string; subject: string; body: string; priority: number};

let town: TestTown;
const polecat = {GT_AGENT: 'calc/polecats/nux'};
const gt = (args: string[], vars: Record<string, string> = polecat) => runCli('gt', args, {cwd: town.town, env: {...town.vars, ...vars}});
const inboxOf = async (address: string) => JSON.parse(await runOk('gt', ['mail', 'inbox', address, '--all', '--json'], {cwd: town.town, env: town.vars})) as Message[];

beforeAll(async () => {
	town = await makeTown();
	for (const dir of ['calc/polecats/nux', 'calc/crew/max']) mkdirSync(path.join(town.town, dir), {recursive: true});
});

describe('gt mail send, the original\'s flags', () => {
	it('--self mails the caller; --cc sends the same message to each copy address', async () => {
		const self = await gt(['mail', 'send', '--self', '-s', 'Note to self', '-m', 'Remember the cache']);
		expect(self.stderr).toBe('');
		expect((await inboxOf('calc/polecats/nux')).find(message => message.subject === 'Note to self')).toMatchObject({from: 'calc/polecats/nux', body: 'Remember the cache'});

		const copied = await gt(['mail', 'send', 'calc/crew/max', '-s', 'Design notes', '--body', 'See docs/', '--cc', 'mayor/', '--cc=overseer', '--json']);
		expect(copied.code, copied.stderr).toBe(0);
		expect((JSON.parse(copied.stdout) as Message[]).map(message => message.to)).toEqual(['calc/crew/max', 'mayor/', 'overseer']);
		for (const address of ['calc/crew/max', 'mayor/', 'overseer']) {
			expect((await inboxOf(address)).find(message => message.subject === 'Design notes'), address).toMatchObject({body: 'See docs/', from: 'calc/polecats/nux'});
		}
	});

	it('--human mails the overseer (the original documents it as the human\'s address); with another address it is refused', async () => {
		const sent = await gt(['mail', 'send', '--human', '-s', 'Need a decision', '-m', 'Postgres or SQLite?']);
		expect(sent.code, sent.stderr).toBe(0);
		expect((await inboxOf('overseer')).find(message => message.subject === 'Need a decision')).toMatchObject({from: 'calc/polecats/nux', body: 'Postgres or SQLite?'});
		const both = await gt(['mail', 'send', 'mayor/', '--human', '-s', 'x', '-m', 'y']);
		expect(both.code).toBe(2);
		expect(both.stderr).toBe('gt: give the address once: as the argument, --to, --self or --human — usage: gt mail send <address> -s "<subject>" -m "<body>"\n');
	});

	it('--urgent is priority 0 and -n (notify) priority 1; --to names the address', async () => {
		await runOk('gt', ['mail', 'send', 'mayor/', '-s', 'Build is red', '-m', 'main fails', '--urgent'], {cwd: town.town, env: town.vars});
		await runOk('gt', ['mail', 'send', '--to', 'mayor/', '-s', 'Heads up', '-m', 'soon', '-n'], {cwd: town.town, env: town.vars});
		const mayor = await inboxOf('mayor/');
		expect(mayor.find(message => message.subject === 'Build is red')?.priority).toBe(0);
		expect(mayor.find(message => message.subject === 'Heads up')?.priority).toBe(1);
	});

	it('flags with no meaning here are accepted with one note each; a bad --cc stores nothing', async () => {
		const pinned = await gt(['mail', 'send', 'mayor/', '-s', 'Pinned context', '-m', 'x', '--pinned', '--type', 'task']);
		expect(pinned.code).toBe(0);
		expect(pinned.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^gt: --type ignored: /), expect.stringMatching(/^gt: --pinned ignored: /)]);
		expect((await inboxOf('mayor/')).map(message => message.subject)).toContain('Pinned context');

		const before = (await inboxOf('mayor/')).length;
		const bad = await gt(['mail', 'send', 'mayor/', '-s', 'Lost copy', '-m', 'x', '--cc', 'nowhere/nobody']);
		expect(bad.code).not.toBe(0);
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);
		expect(await inboxOf('mayor/')).toHaveLength(before);

		const twice = await gt(['mail', 'send', 'mayor/', '--self', '-s', 'x', '-m', 'y']);
		expect(twice.code).toBe(2);
		expect(twice.stderr).toContain('give the address once');
	});
});
