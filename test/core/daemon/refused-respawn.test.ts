// An agent recorded in sessions.json that a known refusal keeps from starting again
// (claude as root after a daemon restart) is listed exited with the reason, so
// `gt agents`, the UI and the witness see why, instead of the agent vanishing.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {buildLaunch} from '../../../source/core/agents/launch.js';
import {connectDaemon, type DaemonClient} from '../../../source/core/daemon/client.js';
import {daemonPaths} from '../../../source/core/daemon/daemon-paths.js';
import {startDaemon, type RunningDaemon} from '../../../source/main/daemon.js';
import {binaries} from '../../helpers/cli.js';
import {makeEchoTown} from './echo-town.js';

const daemons: RunningDaemon[] = [];
const clients: DaemonClient[] = [];
afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(daemons.map(daemon => daemon.shutdown()));
});

describe('a respawn refused before launch', () => {
	it('lists the agent exited with the refusal as its reason', async () => {
		const {town, env} = await makeEchoTown();
		const paths = daemonPaths(town);
		mkdirSync(paths.runtime, {recursive: true});
		// A standing role: respawned whatever its hook holds.
		const spec = {id: 'mp.witness', address: 'mp/witness', role: 'witness', rig: 'mp', agent: 'claude', cwd: path.join(town, 'mayor'), conversationId: '3f2a9c1e-8d4b-4c6e-9a7f-0b1c2d3e4f50'};
		writeFileSync(paths.sessions, JSON.stringify([{spec, startedAt: '2026-01-01T00:00:00.000Z'}]));
		const log: string[] = [];
		// As root, whoever runs the test: the refusal is decided from the uid.
		const daemon = await startDaemon(town, env, {
			log: line => log.push(line),
			gtEntry: binaries.gt,
			buildLaunch: (each, options) => buildLaunch(town, each, {resume: options.resume, gtEntry: binaries.gt, baseEnv: env.vars, uid: 0}),
		});
		daemons.push(daemon);
		const client = await connectDaemon(town);
		clients.push(client);

		const [witness] = (await client.request('status')).sessions;
		expect(witness).toMatchObject({
			id: 'mp.witness',
			agent: 'claude',
			state: {state: 'exited', source: 'process', detail: 'not started', failure: 'root-refusal', reason: expect.stringMatching(/^claude refuses --dangerously-skip-permissions as root — run gt as a non-root user/)},
		});
		expect(log.join('\n')).toMatch(/mp\.witness not respawned: claude refuses --dangerously-skip-permissions as root — run gt as a non-root user, or give the agent IS_SANDBOX=1/);
	});
});
