// One session's terminal for a preview: the daemon's screen, then every byte the agent
// writes, parsed by a headless xterm of the session's size in this process, so the
// preview has the agent's colours. Redrawn at most once per frame, only while shown.
import xtermHeadless from '@xterm/headless';
import {useEffect, useRef, useState} from 'react';
import type {ScreenSnapshot} from '../../core/sessions/types.js';
import type {TownServices} from '../../core/overview/services.js';
import {unicodeProvider} from '../../core/base/cell-width.js';
import {scrolledRows} from './terminal-lines.js';

const {Terminal} = xtermHeadless;
type XTerminal = InstanceType<typeof Terminal>;

/** `back`: how many lines above the live screen these are (0: live), for a scroll of `asked`. */
export type TerminalView = {readonly lines: readonly string[]; readonly ended: boolean; readonly back: number; readonly asked: number};

// 4 frames a second: each preview frame redraws the whole Ink frame (measured: 10 a second cost the UI about 0.2 core with 30 agents streaming).
export const previewFrameMs = 250;

/** How long a selection must rest before its terminal is watched. */
const watchDelayMs = 40;

function terminalFor(screen: ScreenSnapshot): XTerminal {
	const terminal = new Terminal({cols: Math.max(2, screen.cols), rows: Math.max(1, screen.rows), scrollback: 200, allowProposedApi: true});
	terminal.unicode.register(unicodeProvider);
	terminal.unicode.activeVersion = unicodeProvider.version;
	// The daemon's screen as text (no colour yet: the agent's next writes bring it), the cursor where it was.
	terminal.write(`${screen.lines.join('\r\n')}\x1b[${screen.cursor.y + 1};${screen.cursor.x + 1}H`);
	return terminal;
}

/** How the pane fits the pty: the size to give it, and a value whose change gives it again (the pane's focus). */
export type Fit = {readonly cols: number; readonly rows: number; readonly again?: unknown};

const sizeText = (cols: number, rows: number) => `${cols}x${rows}`;

/**
 * `ptySize` is the session's pty size as the daemon reports it ("120x40"). With `fit`, the pty
 * is sized to the pane (the local terminal with it, so the agent's redraw is parsed at the
 * new size), again when `fit.again` changes; when another client resizes the pty (gt mayor
 * attach elsewhere), the local terminal starts again from a fresh snapshot at that size
 * rather than parse output meant for another width.
 */
export function useTerminal(services: TownServices, id: string | undefined, size: {rows: number; cols: number}, plain: boolean, ptySize?: string, fit?: Fit, back = 0): TerminalView | undefined {
	const [view, setView] = useState<TerminalView>();
	const [generation, setGeneration] = useState(0);
	const current = useRef<XTerminal | undefined>(undefined);
	// Read by the draw below; a scroll redraws at once rather than waiting for the agent's next write.
	const backRef = useRef(back);
	const redraw = useRef<(() => void) | undefined>(undefined);
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
			const scrolled = scrolledRows(terminal, rows, cols, plain, backRef.current);
			setView({lines: scrolled.lines, ended, back: scrolled.back, asked: backRef.current});
		};
		redraw.current = draw;
		const schedule = () => {
			if (!timer && !closed) timer = setTimeout(draw, previewFrameMs);
		};
		// Watched a moment after the selection settles: building the terminal for a snapshot
		// takes a few ms, which must not come between a key and the frame that answers it
		// (and j/k held down through a list should not subscribe to every agent on the way).
		let watch: ReturnType<TownServices['watchTerminal']> | undefined;
		const starting = setTimeout(() => {
			watch = services.watchTerminal(id, handlers);
		}, watchDelayMs);
		const handlers: Parameters<TownServices['watchTerminal']>[1] = {
			snapshot(screen) {
				terminal?.dispose();
				terminal = terminalFor(screen);
				current.current = terminal;
				// The first frame at once: a new selection shows its screen without waiting a preview frame.
				terminal.write('', draw);
			},
			output(data) {
				terminal?.write(data, schedule);
			},
			end() {
				ended = true;
				schedule();
			},
		};
		return () => {
			closed = true;
			redraw.current = undefined;
			current.current = undefined;
			clearTimeout(starting);
			if (timer) clearTimeout(timer);
			watch?.close();
			terminal?.dispose();
		};
	}, [services, id, rows, cols, plain, generation]);
	useEffect(() => {
		backRef.current = back;
		redraw.current?.();
	}, [back]);
	// The pty sized to the pane, debounced (a drag-resize of the terminal sends many sizes).
	const fitCols = fit?.cols ?? 0;
	const fitRows = fit?.rows ?? 0;
	useEffect(() => {
		if (!id || fitCols < 10 || fitRows < 3) return;
		const timer = setTimeout(() => {
			current.current?.resize(fitCols, fitRows);
			void services.resize(id, fitCols, fitRows).catch(() => undefined);
		}, 150);
		return () => clearTimeout(timer);
	}, [services, id, fitCols, fitRows, fit?.again]);
	// Resized by someone else: start again from the daemon's screen at that size.
	useEffect(() => {
		const terminal = current.current;
		if (!ptySize || !terminal || sizeText(terminal.cols, terminal.rows) === ptySize) return;
		if (ptySize === sizeText(fitCols, fitRows)) terminal.resize(fitCols, fitRows);
		else setGeneration(value => value + 1);
	}, [ptySize, fitCols, fitRows]);
	return view;
}
