// gt escalate as agents type it (the original's syntax: -s HIGH, -m or -r, --related),
// through the built binaries: who hears of it, the needs-you lists, ack with an answer.
import {afterAll, describe, expect, it} from 'vitest';
import type {MailMessage} from '../../../source/core/mail/mail.js';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

let town: TestTown | undefined;
afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

describe('gt escalate', () => {
	it('mails the human (and the Mayor once it runs), lists it until acknowledged, and answers the sender', async () => {
		town = await makeTown();
		const t = town;
		const polecat = {...t.vars, GT_AGENT: `${t.rig}/polecats/nux`};
		const gt = (args: string[], env = t.vars) => runOk('gt', args, {cwd: t.town, env});
		const {id: bead} = JSON.parse(await runOk('bd', ['create', 'Needs a database', '--json'], {cwd: t.rigDir, env: t.vars})) as {id: string};

		// No daemon, so no Mayor: the human alone, told why.
		const first = JSON.parse(await gt(['escalate', 'Tests need a database', '-s', 'HIGH', '-m', 'the suite wants postgres', '--related', bead, '--json'], polecat)) as MailMessage[];
		expect(first).toEqual([expect.objectContaining({to: 'overseer', from: `${t.rig}/polecats/nux`, subject: 'Escalation [HIGH]: Tests need a database', priority: 1})]);
		expect(first[0]!.body).toContain('the suite wants postgres');
		expect(first[0]!.body).toContain(`related: ${bead}`);
		expect(first[0]!.body).toContain('the Mayor is not running');

		await gt(['up']);
		const second = JSON.parse(await gt(['escalate', 'Disk', 'almost', 'full', '-r', 'df says 98%', '--json'], polecat)) as MailMessage[];
		expect(second.map(message => message.to).sort()).toEqual(['mayor/', 'overseer']);
		expect(second[0]!.subject).toBe('Escalation [MEDIUM]: Disk almost full');

		const listed = JSON.parse(await gt(['escalate', 'list', '--json'])) as Array<MailMessage & {acked: boolean}>;
		expect(listed.map(message => message.subject)).toEqual(['Escalation [MEDIUM]: Disk almost full', 'Escalation [HIGH]: Tests need a database']);
		expect(await gt(['escalate', 'ack', first[0]!.id, '--reason', 'postgres is on the build box now'])).toBe(`Acknowledged ${first[0]!.id}; ${t.rig}/polecats/nux has your answer.\n`);
		expect((JSON.parse(await gt(['escalate', 'list', '--json'])) as MailMessage[]).map(message => message.id)).toEqual([second.find(message => message.to === 'overseer')!.id]);
		const answered = JSON.parse(await gt(['mail', 'inbox', `${t.rig}/polecats/nux`, '--json'])) as MailMessage[];
		expect(answered).toEqual([expect.objectContaining({from: 'overseer', body: 'postgres is on the build box now'})]);
	});

	it('refuses what it cannot send, in one line, sending nothing', async () => {
		const t = town ?? await makeTown();
		const cases: Array<[string[], number, RegExp]> = [
			[['escalate', 'x', '-s', 'urgent'], 2, /"urgent" is not a severity — use one of critical, high, medium, low/],
			[['escalate'], 2, /needs <what\.\.\.>/],
			[['escalate', 'x', '-m', 'a', '-r', 'b'], 2, /with -m or -r, not both/],
			[['escalate', 'x', '--related', 'ca-zzzz9'], 3, /ca-zzzz9/],
			[['escalate', 'ack', 'hq-nope'], 3, /no message "hq-nope"/],
		];
		const before = await runOk('gt', ['escalate', 'list', '--all', '--json'], {cwd: t.town, env: t.vars});
		for (const [args, code, error] of cases) {
			const result = await runCli('gt', args, {cwd: t.town, env: t.vars});
			expect(result.code, args.join(' ')).toBe(code);
			expect(result.stderr).toMatch(error);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
		}
		expect(await runOk('gt', ['escalate', 'list', '--all', '--json'], {cwd: t.town, env: t.vars})).toBe(before);
	});
});
