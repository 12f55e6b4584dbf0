// The sim's main loop: set up the terminal, read the hook settings, say hello
// (SessionStart), run the role's first turn, then take keys until the person leaves.
import {randomUUID} from 'node:crypto';
import {Callbacks} from './callbacks.js';
import {SimAgent} from './agent.js';
import {conversationFile, loadConversation, validConversationId} from './conversation.js';
import {Display} from './display.js';
import {readHookSettings, type HookSettings} from './hooks.js';
import {genericRole} from './roles/generic.js';
import {mayorRole} from './roles/mayor.js';
import {crewRole, polecatRole} from './roles/polecat.js';
import type {Env, Role} from './work.js';

export type SimConfig = {
	/** polecat, mayor, crew, witness…; none: a role-less pretend agent. */
	readonly role?: string;
	readonly speedMs: number;
	readonly stall: boolean;
	readonly askEvery: number;
	/** Filler output every this many ms (default: GT_SIM_CHATTER in env; off when unset). */
	readonly chatterMs?: number;
	readonly sessionId?: string;
	readonly resume?: string;
	readonly settingsFile?: string;
	readonly firstPrompt?: string;
	readonly cwd: string;
	readonly env: Env;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
};

export const defaultSpeedMs = 400;

export function roleFor(name: string | undefined): Role {
	if (!name) return genericRole;
	if (name === 'polecat') return polecatRole;
	if (name === 'mayor') return mayorRole();
	return crewRole(name);
}

/** GT_SIM_ASK: "1" asks every turn, "3" every third turn; empty or "0" never. */
export function parseAskEvery(value: string | undefined): number {
	if (!value) return 0;
	if (/^(true|yes|on)$/i.test(value)) return 1;
	const every = Number.parseInt(value, 10);
	return Number.isFinite(every) && every > 0 ? every : 0;
}

/** GT_SIM_CHATTER: milliseconds between filler lines ("100"); empty, "0" or not a number: off. */
export function parseChatterMs(value: string | undefined): number {
	const ms = Number.parseInt(value ?? '', 10);
	return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function identity(role: Role, env: Env, cwd: string): string {
	const home = env.HOME;
	const where = home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
	const who = env.GT_AGENT ? `${role.name} ${env.GT_AGENT}` : role.name === 'sim' ? 'no role' : role.name;
	return `${who} · ${where}`;
}

/** Runs the sim in this terminal until the person exits it (or the terminal goes away). Resolves with the exit code. */
export async function runSim(config: SimConfig): Promise<number> {
	const {stdin, stdout, env, cwd} = config;
	const role = roleFor(config.role);
	const sessionId = config.resume ?? config.sessionId ?? randomUUID();
	const transcript = conversationFile(env, sessionId);
	const keep = validConversationId(sessionId);

	let settings: HookSettings | undefined;
	let settingsError: string | undefined;
	if (config.settingsFile) {
		try {
			settings = readHookSettings(config.settingsFile);
		} catch (error) {
			settingsError = (error as Error).message;
		}
	}

	let display: Display | undefined;
	let finished: ((code: number) => void) | undefined;
	const done = new Promise<number>(resolve => (finished = resolve));
	const callbacks = new Callbacks({settings, cwd, env, sessionId, transcriptPath: transcript, show: entry => agent.show(entry)});
	const agent: SimAgent = new SimAgent({
		role,
		cwd,
		env,
		speedMs: config.speedMs,
		stall: config.stall,
		askEvery: config.askEvery,
		chatterMs: config.chatterMs ?? parseChatterMs(env.GT_SIM_CHATTER),
		identity: identity(role, env, cwd),
		color: !env.NO_COLOR,
		conversationFile: keep ? transcript : undefined,
		callbacks,
		changed: () => display?.schedule(),
		freeze: () => {
			// The busy frame goes out first, so the stall looks like work that stopped moving.
			display?.draw();
			if (display) display.frozen = true;
		},
		exit: () => void finish(0),
	});
	display = new Display(stdout, () => ({view: agent.view(), title: agent.title()}));

	const onData = (chunk: string | Buffer) => agent.feed(chunk.toString());
	const onResize = () => display!.resize();
	const onEnd = () => void finish(0);
	const onHangup = () => void finish(129);
	const onTerminate = () => void finish(143);
	const onOutputError = () => void finish(1);

	let finishing = false;
	async function finish(code: number): Promise<void> {
		if (finishing) return;
		finishing = true;
		agent.abort();
		display!.close();
		stdin.off('data', onData).off('end', onEnd);
		stdout.off('resize', onResize);
		process.off('SIGHUP', onHangup).off('SIGTERM', onTerminate);
		if (stdin.isTTY) stdin.setRawMode(false);
		stdin.pause();
		await callbacks.flush();
		if (keep && code === 0) stdout.write(`sim: conversation ${sessionId} ended. Resume it with: gt sim-agent --resume ${sessionId}\n`);
		finished!(code);
	}

	if (stdin.isTTY) stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.on('data', onData).on('end', onEnd);
	stdout.on('resize', onResize).on('error', onOutputError);
	process.on('SIGHUP', onHangup).on('SIGTERM', onTerminate);
	display.open();

	if (config.resume) {
		agent.restore(loadConversation(transcript));
		agent.show({kind: 'notice', text: `Resumed conversation ${sessionId}`});
	}
	if (settingsError) agent.show({kind: 'notice', text: `Hooks off: ${settingsError}`, error: true});
	await callbacks.sessionStart(config.resume ? 'resume' : 'startup');
	if (config.firstPrompt === undefined && !role.start) callbacks.ready();
	if (!finishing) agent.begin(config.firstPrompt, config.resume !== undefined);
	return done;
}
