// The real agent CLIs (claude, codex, gemini) in a real town, a real daemon and real
// ptys, offline: a fake API key and a HOME seeded the way each CLI leaves it after
// sign-in, so each gets past its first screens to a network error. The CLIs are not
// dependencies of this package: they are found on PATH or in GT_AGENT_CLI_DIR (a
// directory with the programs, or an npm prefix with node_modules/.bin), and the tests
// skip with a note when one is absent (CI does not install them).
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach} from 'vitest';
import {connectDaemon, type DaemonClient} from '../../source/core/daemon/client.js';
import type {StreamEvent} from '../../source/core/daemon/protocol.js';
import type {StateReport} from '../../source/core/agents/state/types.js';
import type {Environment} from '../../source/core/base/environment.js';
import {installTown} from '../../source/core/town/install.js';
import {updateTownConfig, type AgentEntry} from '../../source/core/town/town-config.js';
import {startDaemon, type RunningDaemon} from '../../source/main/daemon.js';
import {binaries, makeGitRepo, tempDir, testEnv} from './cli.js';

export type RealRuntime = 'claude' | 'codex' | 'gemini';

/** The directory holding `name`, from GT_AGENT_CLI_DIR first, then PATH; undefined when not installed. */
export function findAgentCli(name: RealRuntime): string | undefined {
	const given = process.env.GT_AGENT_CLI_DIR;
	const dirs = [...(given ? [given, path.join(given, 'node_modules', '.bin'), path.join(given, 'bin')] : []), ...(process.env.PATH ?? '').split(path.delimiter)];
	return dirs.find(dir => dir !== '' && existsSync(path.join(dir, name)));
}

/** The describe title: the runtime, or why its tests are skipped. */
export const cliTitle = (name: RealRuntime, dir: string | undefined) =>
	dir ? `${name} (real CLI from ${dir}, offline)` : `${name}: skipped, not installed (npm install --prefix <dir> the CLI, then GT_AGENT_CLI_DIR=<dir> or put it on PATH)`;

export const fakeKeys = {ANTHROPIC_API_KEY: 'sk-ant-api03-fake-gastown-test-key-0000000000', OPENAI_API_KEY: 'sk-fake', GEMINI_API_KEY: 'fake'};

/** What each CLI writes once a user has signed in with an API key and trusted a folder. */
function seedHome(runtime: RealRuntime, home: string, trusted: readonly string[]): void {
	if (runtime === 'claude') {
		const projects = Object.fromEntries(trusted.map(dir => [dir, {hasTrustDialogAccepted: true}]));
		writeFileSync(
			path.join(home, '.claude.json'),
			JSON.stringify({hasCompletedOnboarding: true, theme: 'dark', projects, customApiKeyResponses: {approved: [fakeKeys.ANTHROPIC_API_KEY.slice(-20)], rejected: []}}),
		);
	} else if (runtime === 'codex') {
		mkdirSync(path.join(home, '.codex'), {recursive: true});
		// `codex login --with-api-key` writes this; the key in the environment alone leaves codex at its sign-in choice.
		writeFileSync(path.join(home, '.codex', 'auth.json'), JSON.stringify({auth_mode: 'apikey', OPENAI_API_KEY: fakeKeys.OPENAI_API_KEY}));
		writeFileSync(path.join(home, '.codex', 'config.toml'), trusted.map(dir => `[projects.${JSON.stringify(dir)}]\ntrust_level = "trusted"\n`).join('\n'));
	} else {
		mkdirSync(path.join(home, '.gemini'), {recursive: true});
		writeFileSync(path.join(home, '.gemini', 'settings.json'), JSON.stringify({security: {auth: {selectedType: 'gemini-api-key'}}}));
	}
}

export type RealTown = {
	town: string;
	/** A git repository the agents run in (a crew worktree would do the same). */
	repo: string;
	vars: Record<string, string>;
	daemon: RunningDaemon;
	client: DaemonClient;
	log: string[];
	/** Every state the daemon reported, per session. */
	states: (session: string) => StateReport[];
	/** Stops every agent and the daemon (no CLI process is left running). */
	close(): Promise<void>;
};

/** A town whose agents run the real CLI in `dir`, with its daemon started in this process. */
export async function realTown(runtime: RealRuntime, dir: string, options: {agent?: AgentEntry; vars?: Record<string, string>} = {}): Promise<RealTown> {
	const work = tempDir(`real-${runtime}`);
	const vars = testEnv(tempDir('home'), {PATH: `${dir}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`, ...fakeKeys, ...options.vars});
	const env: Environment = {cwd: work, home: vars.HOME!, vars, now: () => new Date()};
	await installTown({path: 'town', name: 't'}, env);
	const town = path.join(work, 'town');
	const repo = makeGitRepo(path.join(work, 'repo'), vars);
	seedHome(runtime, vars.HOME!, [repo, path.join(town, 'mayor')]);
	if (options.agent) {
		const entry = options.agent;
		await updateTownConfig(town, config => {
			config.agents = {[runtime]: entry};
		});
	}
	const log: string[] = [];
	const daemon = await startDaemon(town, {...env, cwd: town, vars: {...vars, GT_ROOT: town}}, {log: line => log.push(line), gtEntry: binaries.gt});
	const client = await connectDaemon(town);
	const seen = new Map<string, StateReport[]>();
	const events = client.subscribe('events.subscribe', undefined, (event: StreamEvent) => {
		if (event.event === 'state') seen.set(event.session, [...(seen.get(event.session) ?? []), event.state]);
	});
	await events.ready;
	return {
		town,
		repo,
		vars,
		daemon,
		client,
		log,
		states: session => seen.get(session) ?? [],
		async close() {
			client.close();
			await daemon.shutdown();
		},
	};
}

/** A crew session in the town's repository, running `agent`. */
export const crewSpec = (real: RealTown, agent: RealRuntime, extra: {prompt?: string; conversationId?: string} = {}) => ({
	id: 't.crew.me',
	address: 't/crew/me',
	role: 'crew' as const,
	agent,
	cwd: real.repo,
	...extra,
});

/** The visible screen of a session, as text. */
export async function screenText(real: RealTown, id: string): Promise<string> {
	return (await real.client.request('session.snapshot', {id})).lines.join('\n');
}

/** A town per test for one runtime, closed after each test: `const town = realTowns('codex', dir)`. */
export function realTowns(runtime: RealRuntime, dir: string | undefined): (options?: Parameters<typeof realTown>[2]) => Promise<RealTown> {
	const towns: RealTown[] = [];
	afterEach(async () => {
		await Promise.all(towns.splice(0).map(town => town.close()));
	});
	return async (options = {}) => {
		const real = await realTown(runtime, dir!, options);
		towns.push(real);
		return real;
	};
}

/** A local stand-in for the API that refuses every request with `error` (still offline: 127.0.0.1). */
export async function refusingApi(error: unknown, pathSuffix = ''): Promise<{url: string; close: () => void}> {
	const server = http.createServer((request, response) => {
		request.resume();
		response.writeHead(400, {'content-type': 'application/json'});
		response.end(JSON.stringify({error}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathSuffix}`, close: () => server.close()};
}
