// A resume that finds nothing saved ("No conversation found with session ID", as claude
// prints it) is retried once as a fresh start on the same spec: no restart is burnt,
// the log says so. A fake claude (runtime claude, so claude's failure screens apply).
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {connectDaemon, type DaemonClient} from '../../../source/core/daemon/client.js';
import {startDaemon, type RunningDaemon} from '../../../source/main/daemon.js';
import {updateTownConfig} from '../../../source/core/town/town-config.js';
import {binaries} from '../../helpers/cli.js';
import {eventually} from '../../helpers/wait.js';
import {makeEchoTown, mayorSpec} from './echo-town.js';

const fakeClaude = `
const args = process.argv.slice(2);
const resume = args.indexOf('--resume');
if (resume >= 0) {
	process.stdout.write('No conversation found with session ID: ' + args[resume + 1] + '\\n');
	process.exit(1);
}
process.stdout.write('fake claude ' + args.join(' ') + '\\n────────────\\n❯ \\n────────────\\n  ? for shortcuts\\n');
setInterval(() => {}, 1000);
`;

const daemons: RunningDaemon[] = [];
const clients: DaemonClient[] = [];
afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(daemons.map(daemon => daemon.shutdown()));
});

describe('a resume with nothing saved', () => {
	it('starts fresh on the same spec, once, and says so', async () => {
		const {town, env, work} = await makeEchoTown();
		const script = path.join(work, 'fake-claude.cjs');
		writeFileSync(script, fakeClaude);
		await updateTownConfig(town, config => {
			config.agents = {...(config.agents as object), fake: {command: process.execPath, args: [script], runtime: 'claude'}};
		});
		const log: string[] = [];
		const daemon = await startDaemon(town, env, {log: line => log.push(line), gtEntry: binaries.gt});
		daemons.push(daemon);
		const client = await connectDaemon(town);
		clients.push(client);

		const first = await client.request('session.start', {spec: {...mayorSpec(town), agent: 'fake'}});
		expect(first.conversationId).toMatch(/^[0-9a-f-]{36}$/);
		await eventually(async () => expect((await client.request('session.snapshot', {id: 'mayor'})).lines.join('\n')).toContain('--session-id'), {what: 'the fake claude'});

		await client.request('session.restart', {id: 'mayor'});
		await eventually(() => expect(log.join('\n')).toContain('mayor could not resume (claude has no saved conversation to resume — gt starts it fresh on the same hook); started fresh on the same hook'), {
			what: 'the fresh start',
		});
		const info = (await client.request('status')).sessions.find(session => session.id === 'mayor')!;
		expect(info.conversationId).not.toBe(first.conversationId);
		await eventually(async () => expect((await client.request('session.snapshot', {id: 'mayor'})).lines.join('')).toContain(`--session-id ${info.conversationId}`), {what: 'the fresh conversation'});
		expect(log.filter(line => line.includes('could not resume'))).toHaveLength(1);
		// The failed resume was explained in the log in one line.
		expect(log.some(line => /mayor: claude has no saved conversation to resume/.test(line))).toBe(true);
	});
});
