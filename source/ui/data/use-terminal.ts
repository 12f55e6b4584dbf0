// One session's terminal for a preview: the daemon's screen, then every byte the agent
// writes, parsed by a headless xterm of the session's size in this process, so the
// preview has the agent's colours. Redrawn at most once per frame, only while shown.
import xtermHeadless from '@xterm/headless';
import {useEffect, useState} from 'react';
import type {ScreenSnapshot} from '../../core/sessions/types.js';
import type {TownServices} from '../../core/overview/services.js';
import {unicodeProvider} from '../../core/base/cell-width.js';
import {visibleRows} from './terminal-lines.js';

const {Terminal} = xtermHeadless;
type XTerminal = InstanceType<typeof Terminal>;

export type TerminalView = {readonly lines: readonly string[]; readonly ended: boolean};

// 4 frames a second: each preview frame redraws the whole Ink frame (measured: 10 a second cost the UI about 0.2 core with 30 agents streaming).
export const previewFrameMs = 250;

function terminalFor(screen: ScreenSnapshot): XTerminal {
	const terminal = new Terminal({cols: Math.max(2, screen.cols), rows: Math.max(1, screen.rows), scrollback: 200, allowProposedApi: true});
	terminal.unicode.register(unicodeProvider);
	terminal.unicode.activeVersion = unicodeProvider.version;
	// The daemon's screen as text (no colour yet: the agent's next writes bring it), the cursor where it was.
	terminal.write(`${screen.lines.join('\r\n')}\x1b[${screen.cursor.y + 1};${screen.cursor.x + 1}H`);
	return terminal;
}

export function useTerminal(services: TownServices, id: string | undefined, size: {rows: number; cols: number}, plain: boolean): TerminalView | undefined {
	const [view, setView] = useState<TerminalView>();
	const {rows, cols} = size;
	useEffect(() => {
		setView(undefined);
		if (!id) return;
		let terminal: XTerminal | undefined;
		let timer: NodeJS.Timeout | undefined;
		let ended = false;
		let closed = false;
		const draw = () => {
			timer = undefined;
			if (closed || !terminal) return;
			setView({lines: visibleRows(terminal, rows, cols, plain), ended});
		};
		const schedule = () => {
			if (!timer && !closed) timer = setTimeout(draw, previewFrameMs);
		};
		const watch = services.watchTerminal(id, {
			snapshot(screen) {
				terminal?.dispose();
				terminal = terminalFor(screen);
				terminal.write('', schedule);
			},
			output(data) {
				terminal?.write(data, schedule);
			},
			end() {
				ended = true;
				schedule();
			},
		});
		return () => {
			closed = true;
			if (timer) clearTimeout(timer);
			watch.close();
			terminal?.dispose();
		};
	}, [services, id, rows, cols, plain]);
	return view;
}
