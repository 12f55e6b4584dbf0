// The daemon as a real process (`gt daemon run` started in the background) and the
// commands that talk to it, run as the built binary.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {connectDaemon, isDaemonRunning, tryConnectDaemon} from '../../../source/core/daemon/client.js';
import {daemonPaths, isRunningProcess, readSessionRecords} from '../../../source/core/daemon/daemon-paths.js';
import type {SessionInfo} from '../../../source/core/sessions/types.js';
import {binaries, runCli, runOk, tempDir} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {eventually, waitUntil} from '../../helpers/wait.js';
import {makeEchoTown, mayorSpec, type EchoTown} from '../../core/daemon/echo-town.js';

const towns: string[] = [];
afterAll(async () => {
	// Whatever a test left running: ask the daemon to stop its agents, or kill it.
	for (const town of towns) {
		const client = await tryConnectDaemon(town);
		if (!client) continue;
		const {pid} = await client.request('ping');
		await client.request('shutdown', {stopAgents: true}).catch(() => undefined);
		await client.closed;
		await waitUntil(() => !isRunningProcess(pid), {what: `daemon ${pid} to exit after shutdown`});
	}
});

async function startBackgroundDaemon(echo: EchoTown) {
	towns.push(echo.town);
	const client = await connectDaemon(echo.town, {start: true, gtEntry: binaries.gt, env: echo.vars});
	const {pid} = await client.request('ping');
	return {client, pid};
}

const gt = (echo: EchoTown, args: string[], vars: Record<string, string> = {}) => runCli('gt', args, {cwd: echo.town, env: {...echo.vars, ...vars}});
const gtIn = (echo: EchoTown, args: string[], vars: Record<string, string> = {}) => runInProcess('gt', args, {cwd: echo.town, env: {...echo.vars, ...vars}});

describe('gt daemon, status, agents, peek, nudge, signal, down', () => {
	it('runs one daemon per town and lets the commands see and steer its agents', async () => {
		const echo = await makeEchoTown();
		expect(await isDaemonRunning(echo.town)).toBe(false);
		const {client, pid} = await startBackgroundDaemon(echo);
		expect(pid).not.toBe(process.pid);
		expect(readFileSync(daemonPaths(echo.town).log, 'utf8')).toContain(`started (pid ${pid})`);

		const second = await gt(echo, ['daemon', 'run']);
		expect(second).toEqual({code: 4, stdout: '', stderr: `gt: a daemon is already running for this town (pid ${pid}) — stop it with \`gt down\`\n`});

		await client.request('session.start', {spec: mayorSpec(echo.town)});
		const agents = await gt(echo, ['agents']);
		expect(agents.code).toBe(0);
		expect(agents.stdout.split('\n')[0]).toBe('ADDRESS  ROLE   AGENT  STATE                 BEAD  ACTIVE');
		expect(agents.stdout).toMatch(/^mayor\/ +mayor +echo +◌ starting \(process\) +- +\d+s$/m);
		const listed = JSON.parse((await gt(echo, ['agents', '--json'])).stdout) as SessionInfo[];
		expect(listed).toEqual([expect.objectContaining({id: 'mayor', address: 'mayor/', role: 'mayor', agent: 'echo', restarts: 0, state: expect.objectContaining({state: 'starting'})})]);

		const status = await gt(echo, ['status']);
		expect(status.stdout).toContain(`Daemon  running, pid ${pid}, up `);
		expect(status.stdout).toContain('Agents  1');
		const statusJson = JSON.parse((await gt(echo, ['status', '--json'])).stdout);
		expect(statusJson).toMatchObject({town: {name: 't', root: echo.town}, daemon: {running: true, pid}, rigs: [], agents: [{address: 'mayor/', session: 'mayor', role: 'mayor', agent: 'echo', bead: null}]});

		await eventually(async () => expect((await gt(echo, ['peek', 'mayor', '-n', '5'])).stdout).toBe('echo agent  as mayor/\n>\n'), {what: "the mayor's banner and prompt in gt peek"});

		// Hooks: `gt signal` with GT_AGENT; the state shows with its source.
		expect(await gt(echo, ['signal', 'idle'], {GT_AGENT: 'mayor/'})).toEqual({code: 0, stdout: '', stderr: ''});
		expect((await gt(echo, ['agents'])).stdout).toMatch(/○ idle \(signal\)/);
		expect(await gt(echo, ['nudge', 'mayor', 'hello', 'world'])).toMatchObject({code: 0, stdout: 'Typed into mayor/.\n'});
		await eventually(async () => expect((await gt(echo, ['peek', 'mayor/'])).stdout).toContain('["hello world\\n"]'), {what: 'the nudge echoed on the mayor\'s screen'});
		// The originals' forms: gt peek <agent> <lines>, gt nudge <agent> -m "<text>".
		expect((await gt(echo, ['peek', 'mayor', '2'])).stdout.trim().split('\n')).toHaveLength(2);
		// The first nudge made it busy; say it is idle again so this one is typed, not queued until the screen settles (slow under load).
		await gt(echo, ['signal', 'idle'], {GT_AGENT: 'mayor/'});
		expect((await gt(echo, ['nudge', 'mayor', '-m', 'from the flag'])).code).toBe(0);
		await eventually(async () => expect((await gt(echo, ['peek', 'mayor/'])).stdout).toContain('["from the flag\\n"]'), {what: 'the -m nudge echoed on the mayor\'s screen'});
		await gt(echo, ['signal', 'waiting', '--agent', 'mayor', '--detail', 'Allow?']);
		expect((await gt(echo, ['agents'])).stdout).toMatch(/◆ WAITING \(signal\)/);
		expect(await gt(echo, ['nudge', 'mayor', 'later'])).toMatchObject({code: 0, stdout: 'Queued for mayor/ (waiting); it is typed when the agent is idle.\n'});

		// Bad input (in process: the same dispatcher, no node start per case).
		expect(await gtIn(echo, ['nudge', 'nobody', 'hi'])).toEqual({code: 3, stdout: '', stderr: 'gt: no agent "nobody" — agents: mayor\n'});
		expect((await gtIn(echo, ['peek', 'mp/nux'])).code).toBe(3);
		expect(await gtIn(echo, ['peek', 'mayor', '-n', '0'])).toMatchObject({code: 2, stderr: 'gt: -n must be a whole number above 0 (got 0)\n'});
		expect(await gtIn(echo, ['signal', 'sleepy'], {GT_AGENT: 'mayor/'})).toMatchObject({code: 2, stderr: 'gt: unknown state "sleepy" — use one of working, idle, waiting, done\n'});
		expect(await gt(echo, ['signal', 'idle'], {GT_AGENT: 'mp/polecats/ghost'})).toEqual({code: 0, stdout: '', stderr: ''});
		client.close();

		expect(await gt(echo, ['down'])).toEqual({code: 0, stdout: 'Stopped 1 agent and the daemon.\nHooked work stays on its hooks; `gt up` resumes it.\n', stderr: ''});
		expect(isRunningProcess(pid)).toBe(false);
		expect(existsSync(daemonPaths(echo.town).pid)).toBe(false);
		expect(readSessionRecords(daemonPaths(echo.town).sessions).map(record => record.spec.id)).toEqual(['mayor']);
		expect(await gt(echo, ['down'])).toMatchObject({code: 0, stdout: 'The daemon is not running; nothing to stop.\n'});

		// With the daemon down: signal is a no-op that starts nothing, peek replays the transcript, nudge queues.
		expect(await gt(echo, ['signal', 'working'], {GT_AGENT: 'mayor/'})).toEqual({code: 0, stdout: '', stderr: ''});
		expect(await isDaemonRunning(echo.town)).toBe(false);
		expect((await gt(echo, ['agents'])).stdout).toBe('No agents: the daemon is not running (`gt up` starts it).\n');
		expect((await gt(echo, ['agents', '--json'])).stdout).toBe('[]\n');
		expect((await gt(echo, ['status'])).stdout).toContain('Daemon  not running');
		expect(JSON.parse((await gt(echo, ['status', '--json'])).stdout)).toMatchObject({daemon: {running: false}, agents: []});
		const peek = await gt(echo, ['peek', 'mayor']);
		expect(peek).toMatchObject({code: 0, stderr: "(the daemon is not running: the end of mayor/'s transcript file)\n"});
		expect(peek.stdout).toContain('["hello world\\n"]');
		expect(peek.stdout).toContain('bye');
		expect(await gt(echo, ['nudge', 'mayor', 'after', 'restart'])).toMatchObject({code: 0, stdout: 'Queued for mayor/; the daemon is not running, so it is typed after `gt up` brings the agent back.\n'});
		expect(readdirSync(path.join(daemonPaths(echo.town).nudgeQueue, 'mayor'))).toHaveLength(2);
		expect((await gtIn(echo, ['nudge', 'nobody', 'x'])).code).toBe(3);
	});

	it('outside a town: not found (exit 3), except signal, which never fails a hook', async () => {
		const echo = await makeEchoTown();
		const outside = tempDir('outside');
		const vars = {...echo.vars, GT_ROOT: ''};
		for (const args of [['status'], ['agents'], ['peek', 'mayor'], ['nudge', 'mayor', 'hi'], ['down'], ['daemon', 'run']]) {
			const result = await runInProcess('gt', args, {cwd: outside, env: vars});
			expect(result.code, args.join(' ')).toBe(3);
			expect(result.stderr).toMatch(/^gt: not inside a Gas Town/);
		}
		expect(await runInProcess('gt', ['signal', 'idle'], {cwd: outside, env: {...vars, GT_AGENT: 'mayor/'}})).toEqual({code: 0, stdout: '', stderr: ''});
	});

	it('after the daemon is killed with SIGKILL, the next start respawns the agent with hooked work in the same place', async () => {
		const echo = await makeEchoTown();
		const bead = (await runOk('bd', ['create', 'keep going', '--silent'], {cwd: echo.town, env: echo.vars})).trim();
		await runOk('bd', ['update', bead, '--status', 'hooked'], {cwd: echo.town, env: echo.vars});
		const {client, pid} = await startBackgroundDaemon(echo);
		const spec = {id: 'hq.crew.max', address: 'hq/crew/max', role: 'crew' as const, agent: 'echo', cwd: path.join(echo.town, 'mayor'), bead};
		const first = await client.request('session.start', {spec});
		await eventually(async () => expect((await client.request('session.transcript', {id: spec.id})).lines[0]).toBe('echo agent  as hq/crew/max'), {what: "the crew agent's banner in its transcript"});
		client.close();

		process.kill(pid, 'SIGKILL');
		await waitUntil(() => !isRunningProcess(pid), {what: `the killed daemon ${pid} to be gone`});
		// The agent's terminal closed with the daemon.
		await waitUntil(() => !isRunningProcess(first.pid!), {what: `the agent ${first.pid} to exit with its terminal`});
		// Not at once: a killed multi-threaded process shows as a zombie while its other
		// threads still exit, and until the last one does its listening socket stays open
		// and a connect still lands in the backlog.
		await waitUntil(async () => !(await isDaemonRunning(echo.town)), {what: "the killed daemon's socket to refuse connections"});

		const again = await startBackgroundDaemon(echo);
		expect(again.pid).not.toBe(pid);
		const {sessions} = await again.client.request('status');
		expect(sessions).toEqual([expect.objectContaining({id: spec.id, bead, cwd: spec.cwd})]);
		expect(sessions[0]!.pid).not.toBe(first.pid);
		await eventually(async () => expect((await gt(echo, ['peek', 'hq/crew/max'])).stdout).toContain('echo agent  as hq/crew/max'), {what: 'the respawned agent\'s banner in gt peek', interval: 100});
		expect(readFileSync(daemonPaths(echo.town).log, 'utf8')).toContain('hq.crew.max respawned');
		again.client.close();
		expect((await gt(echo, ['down'])).code).toBe(0);
	});
});
