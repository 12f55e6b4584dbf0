// The UI's entry: full screen on the alternate screen buffer, restored on exit and
// on a crash; Ink unmounted while the user is attached to an agent, then drawn again.
import {render} from 'ink';
import {attachEndLine, attachSession, restoreModes} from '../ui/attach.js';
import {connectSessions} from '../core/sessions/over-daemon.js';
import type {Environment} from '../core/base/environment.js';
import {usageError} from '../core/base/errors.js';
import {frameWriter} from '../ui/app/frame-writer.js';
import {AppContainer} from '../ui/app/app-container.js';
import {errorText} from '../ui/app/effects.js';
import {initialState, type UiState} from '../ui/app/state.js';
import {themeFor} from '../ui/widgets/theme.js';
import {townServices} from '../core/overview/town-services.js';

export const enterScreen = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';

export type RunUiOptions = {
	readonly townRoot: string;
	readonly env: Environment;
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
};

export async function runUi(options: RunUiOptions): Promise<number> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	if (!stdin.isTTY || !stdout.isTTY) throw usageError('gt ui needs a terminal', 'run it in a terminal; `gt agents`, `gt convoy list` and `gt mail inbox` print the same');
	const services = townServices(options.townRoot, options.env);
	const theme = themeFor(options.env.vars);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {}
		stdout.write(restoreModes);
	};
	const onCrash = (error: unknown) => {
		restore();
		process.stderr.write(`gt: the UI crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
		process.exit(1);
	};
	const onSignal = () => {
		restore();
		process.exit(130);
	};
	process.on('exit', restore);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);

	let saved: UiState = initialState;
	try {
		for (;;) {
			restored = false;
			stdout.write(enterScreen);
			let next: {kind: 'quit'} | {kind: 'attach'; id: string} = {kind: 'quit'};
			// Ink draws into this stream; it writes the changed rows only.
			const screen = frameWriter(stdout);
			const instance = render(
				<AppContainer
					services={services}
					theme={theme}
					initial={{...saved, stack: []}}
					onState={state => {
						saved = state;
					}}
					quit={() => {
						next = {kind: 'quit'};
						instance.unmount();
					}}
					attach={id => {
						next = {kind: 'attach', id};
						instance.unmount();
					}}
				/>,
				// Up to 60 frames a second, for keys: the town's changes are drawn 5 times a second (store.post),
				// so the limit no longer sets the background rate (bench/ui.bench.js).
				{stdin, stdout: screen, exitOnCtrlC: false, patchConsole: true, maxFps: 60},
			);
			await instance.waitUntilExit();
			screen.dispose();
			const chosen = next as {kind: 'quit'} | {kind: 'attach'; id: string};
			if (chosen.kind === 'quit') break;
			try {
				const client = services.client() ?? (await connectSessions(options.townRoot)).client;
				const end = await attachSession(client, chosen.id, {stdin, stdout});
				saved = {...saved, notice: {text: attachEndLine(end, chosen.id) ?? `Detached from ${chosen.id}; it keeps running.`, tone: end === 'gone' ? 'error' : 'info'}};
			} catch (error) {
				saved = {...saved, notice: {text: `cannot attach to ${chosen.id}: ${errorText(error)}`, tone: 'error'}};
			}
		}
	} finally {
		restore();
		services.close();
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
	}
	stdout.write(`Town at ${options.townRoot} — agents keep running; gt ui to return, gt down to stop them.\n`);
	return 0;
}
