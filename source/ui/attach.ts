// Full-screen attach to an agent's terminal: the session's screen is drawn on the
// alternate screen, and keystrokes go straight to the pty, all but the key map's
// `attach` keys (ctrl+] detaches). On the way out every terminal mode an agent may
// have switched on is switched off again, so the user's shell is left as it was.
import type {DaemonClient} from '../core/daemon/client.js';
import type {StreamEvent} from '../core/daemon/protocol.js';
import {keyMap, keySequence, type IdIn} from './app/key-map.js';

/** What the attach screen's keys do; a Record so that every `attach` binding has one. */
const attachActions: Record<IdIn<'attach'>, AttachEnd> = {'attach.detach': 'detached'};

/** The bytes of each attach key and what it does, e.g. "\x1d" (ctrl+]) → detached. */
export const attachKeys: ReadonlyArray<{readonly sequence: string; readonly end: AttachEnd}> = keyMap
	.filter(entry => entry.scope === 'attach')
	.flatMap(entry => entry.keys.map(key => ({sequence: keySequence(key), end: attachActions[entry.id as IdIn<'attach'>]})));

/** The first attach key in a chunk of input: where it starts and what it does. */
export function findAttachKey(text: string): {index: number; end: AttachEnd} | undefined {
	let found: {index: number; end: AttachEnd} | undefined;
	for (const {sequence, end} of attachKeys) {
		const index = text.indexOf(sequence);
		if (index !== -1 && (!found || index < found.index)) found = {index, end};
	}
	return found;
}

const enter = '\x1b[?1049h\x1b[H\x1b[2J';
// Leave the alternate screen, show the cursor, reset colours, and turn off mouse
// reporting, bracketed paste, focus events and application cursor keys.
export const restoreModes = '\x1b[0m\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1004l\x1b[?1l\x1b>\x1b[?1049l';

export type AttachIo = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
};

/** `gone`: the daemon went away (it died or stopped) while attached; `exited` includes a session that was already over. */
export type AttachEnd = 'detached' | 'exited' | 'detached-remotely' | 'gone';

/** The one line a caller prints for an end that is not the user's own detach. */
export function attachEndLine(end: AttachEnd, who: string): string | undefined {
	if (end === 'exited') return `${who} exited.`;
	if (end === 'gone') return `The daemon is gone (it stopped or died) — left ${who}; \`gt up\` starts it again.`;
	if (end === 'detached-remotely') return `Detached from ${who} by another client; it keeps running.`;
	return undefined;
}

export async function attachSession(client: DaemonClient, sessionId: string, io: AttachIo): Promise<AttachEnd> {
	const {stdin, stdout} = io;
	const size = () => ({cols: stdout.columns || 80, rows: stdout.rows || 24});
	return new Promise<AttachEnd>((resolve, reject) => {
		let finished = false;
		let subscription: {close(): void} | undefined;
		/** The pty's size before this attach: given back on the way out, so the pane it was fitted to (gt ui) fits again. */
		let before: {cols: number; rows: number} | undefined;
		/** Leaves raw mode and the alternate screen; false when that was done already. */
		const leave = (): boolean => {
			if (finished) return false;
			finished = true;
			subscription?.close();
			stdin.off('data', onInput);
			stdout.off('resize', onResize);
			if (before) client.request('session.resize', {id: sessionId, ...before}).catch(() => undefined);
			if (stdin.isTTY) stdin.setRawMode(false);
			stdin.pause();
			stdout.write(restoreModes);
			return true;
		};
		const finish = (end: AttachEnd) => {
			if (leave()) resolve(end);
		};
		const onInput = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			const key = findAttachKey(text);
			const forward = key ? text.slice(0, key.index) : text;
			if (forward) client.request('session.write', {id: sessionId, data: forward}).catch(() => undefined);
			if (key) finish(key.end);
		};
		const onResize = () => {
			client.request('session.resize', {id: sessionId, ...size()}).catch(() => undefined);
		};
		const onEvent = (event: StreamEvent) => {
			if (event.event === 'snapshot') {
				stdout.write(`\x1b[H\x1b[2J${event.screen.lines.join('\r\n')}\x1b[${event.screen.cursor.y + 1};${event.screen.cursor.x + 1}H`);
			} else if (event.event === 'output') {
				stdout.write(event.data);
			} else if (event.event === 'exit') {
				finish('exited');
			} else if (event.event === 'detach') {
				finish('detached-remotely');
			}
		};

		stdout.write(enter);
		if (stdin.isTTY) stdin.setRawMode(true);
		stdin.resume();
		stdin.on('data', onInput);
		stdout.on('resize', onResize);
		// The daemon going away ends the attach (no event would ever come again).
		void client.closed.then(() => finish('gone'));
		const {cols, rows} = size();
		// Nudge the agent to redraw at our size: a full-screen program repaints on SIGWINCH.
		client.request('status')
			.then(({sessions}) => {
				const info = sessions.find(session => session.id === sessionId);
				if (info && !finished && (info.cols !== cols || info.rows !== rows)) before = {cols: info.cols, rows: info.rows};
			})
			.then(() => client.request('session.resize', {id: sessionId, cols, rows: Math.max(2, rows - 1)}))
			.then(() => client.request('session.resize', {id: sessionId, cols, rows}))
			.then(async () => {
				const stream = client.subscribe('session.subscribe', {id: sessionId}, onEvent as (event: unknown) => void);
				subscription = stream;
				await stream.ready;
				// The stream has its own connection: the daemon dying ends it too.
				void stream.closed.then(() => finish('gone'));
				// A session already over sends no exit event: say so instead of showing its last screen forever.
				const {sessions} = await client.request('status');
				const info = sessions.find(session => session.id === sessionId);
				if (!info || info.state.state === 'exited') finish('exited');
			})
			.catch(error => {
				// After the connection's own close handler: a daemon that died mid-setup ends as `gone`.
				setImmediate(() => {
					if (leave()) reject(error as Error);
				});
			});
	});
}
