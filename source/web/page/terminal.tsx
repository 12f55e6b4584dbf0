// One agent's terminal in the page: @xterm/xterm fed by /api/sessions/:id/stream (its
// screen now, then the pty's raw output). Read-only until the user turns typing on;
// then every key goes to the agent's pty, in order.
import {useEffect, useRef} from 'preact/hooks';
import {Terminal} from '@xterm/xterm';
import {act} from './api.js';
import type {Report} from './widgets.js';

type Snapshot = {cols: number; rows: number; lines: string[]; cursor: {x: number; y: number}};

function themeColors(): {background: string; foreground: string; cursor: string} {
	const style = getComputedStyle(document.documentElement);
	const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {background: read('--term-bg', '#111'), foreground: read('--term-fg', '#ddd'), cursor: read('--accent', '#e7a33e')};
}

export function AgentTerminal({session, typing, report, theme, stopTyping}: {session: string; typing: boolean; report: Report; theme: string; stopTyping?: () => void}) {
	const host = useRef<HTMLDivElement>(null);
	const terminal = useRef<Terminal | undefined>(undefined);
	const typingRef = useRef(typing);
	typingRef.current = typing;
	const stopRef = useRef(stopTyping);
	stopRef.current = stopTyping;

	useEffect(() => {
		const term = new Terminal({fontSize: 13, scrollback: 2000, cursorBlink: false, disableStdin: false, theme: themeColors(), allowProposedApi: false});
		terminal.current = term;
		term.open(host.current!);
		// Ctrl+] stops typing, as it detaches in the TUI; every other key (Esc too) is the agent's.
		term.attachCustomKeyEventHandler(event => {
			if (event.type === 'keydown' && event.ctrlKey && event.key === ']' && typingRef.current) {
				stopRef.current?.();
				return false;
			}
			return true;
		});
		// Keys go to the pty one request at a time, so they arrive in the order typed.
		let queue = Promise.resolve();
		const keys = term.onData(data => {
			if (!typingRef.current) return;
			queue = queue.then(async () => {
				const result = await act('write', {session, data});
				if (!result.ok) report(false, result.message);
			});
		});
		const source = new EventSource(`/api/sessions/${encodeURIComponent(session)}/stream`);
		source.addEventListener('snapshot', event => {
			const screen = JSON.parse((event as MessageEvent<string>).data) as Snapshot;
			term.reset();
			term.resize(Math.max(20, screen.cols), Math.max(5, screen.rows));
			term.write(`${screen.lines.join('\r\n')}\x1b[${screen.cursor.y + 1};${screen.cursor.x + 1}H`);
		});
		source.addEventListener('output', event => term.write(JSON.parse((event as MessageEvent<string>).data) as string));
		source.addEventListener('end', () => {
			term.write('\r\n\x1b[2m[session ended]\x1b[0m\r\n');
			source.close();
		});
		return () => {
			source.close();
			keys.dispose();
			term.dispose();
			terminal.current = undefined;
		};
	}, [session]);

	useEffect(() => {
		if (terminal.current) terminal.current.options.theme = themeColors();
	}, [theme]);

	useEffect(() => {
		const term = terminal.current;
		if (!term) return;
		term.options.cursorBlink = typing;
		if (typing) term.focus();
		else term.blur();
	}, [typing]);

	return <div class={`terminal${typing ? ' typing' : ''}`} ref={host} data-session={session} aria-label={`terminal of ${session}${typing ? ', typing on' : ', read-only'}`} />;
}
