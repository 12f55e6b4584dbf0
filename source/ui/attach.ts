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

export type AttachEnd = 'detached' | 'exited' | 'detached-remotely';

export async function attachSession(client: DaemonClient, sessionId: string, io: AttachIo): Promise<AttachEnd> {
	const {stdin, stdout} = io;
	const size = () => ({cols: stdout.columns || 80, rows: stdout.rows || 24});
	return new Promise<AttachEnd>((resolve, reject) => {
		let finished = false;
		let subscription: {close(): void} | undefined;
		const finish = (end: AttachEnd) => {
			if (finished) return;
			finished = true;
			subscription?.close();
			stdin.off('data', onInput);
			stdout.off('resize', onResize);
			if (stdin.isTTY) stdin.setRawMode(false);
			stdin.pause();
			stdout.write(restoreModes);
			resolve(end);
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
		const {cols, rows} = size();
		// Nudge the agent to redraw at our size: a full-screen program repaints on SIGWINCH.
		client.request('session.resize', {id: sessionId, cols, rows: Math.max(2, rows - 1)})
			.then(() => client.request('session.resize', {id: sessionId, cols, rows}))
			.then(() => {
				subscription = client.subscribe('session.subscribe', {id: sessionId}, onEvent as (event: unknown) => void);
			})
			.catch(error => {
				if (!finished) {
					finished = true;
					if (stdin.isTTY) stdin.setRawMode(false);
					stdout.write(restoreModes);
					reject(error);
				}
			});
	});
}
