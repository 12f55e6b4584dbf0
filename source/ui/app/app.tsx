// The top component: it owns the state and picks the layout — 2×2 panes at 80×24
// and up, one pane (the focused one) below that — and nothing else.
import {Box, useStdout} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import {AgentsPane} from '../panes/agents-pane.js';
import {ConfirmDialog} from '../dialogs/confirm-dialog.js';
import {ConvoysPane} from '../panes/convoys-pane.js';
import {Footer} from '../widgets/footer.js';
import {HelpOverlay} from '../dialogs/help-overlay.js';
import {InputDialog} from '../dialogs/input-dialog.js';
import {MailDialog} from '../dialogs/mail-dialog.js';
import {MailPane} from '../panes/mail-pane.js';
import {MayorPane} from '../panes/mayor-pane.js';
import {reducer, type Action} from './reducer.js';
import type {UiServices} from '../data/services.js';
import {SlingDialog} from '../dialogs/sling-dialog.js';
import {initialState, topPopup, type PaneId, type UiState} from './state.js';
import {StatusLine} from '../widgets/status-line.js';
import type {Theme} from '../widgets/theme.js';
import {activeScopes, useKeys, type KeyHandlers} from './use-keys.js';
import {useTown, type TownTimings} from '../data/use-town.js';

export type AppProps = {
	readonly services: UiServices;
	readonly theme: Theme;
	readonly quit: () => void;
	readonly attach: (id: string) => void;
	readonly initial?: UiState;
	readonly onState?: (state: UiState) => void;
	readonly timings?: TownTimings;
};

function useSize() {
	const {stdout} = useStdout();
	const read = () => ({cols: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

function useNow(everyMs: number): number {
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), everyMs);
		return () => clearInterval(timer);
	}, [everyMs]);
	return now;
}

export function App({services, theme, quit, attach, initial = initialState, onState, timings}: AppProps) {
	const size = useSize();
	const now = useNow(1000);
	const stateRef = useRef(initial);
	const [state, setState] = useState(initial);
	const act = useCallback((action: Action) => {
		stateRef.current = reducer(stateRef.current, action);
		setState(stateRef.current);
		onState?.(stateRef.current);
	}, [onState]);
	const refresh = useTown(services, act, timings);
	const handlers = useRef<KeyHandlers>({services, act, refresh, quit, attach, state: () => stateRef.current});
	handlers.current = {services, act, refresh, quit, attach, state: () => stateRef.current};
	useKeys(handlers, true);

	// One line less than the terminal: Ink clears the whole screen on every frame that fills it.
	const width = size.cols;
	const height = Math.max(6, size.rows - 1);
	const body = height - 2;
	const grid = width >= 80 && size.rows >= 24;
	const top = topPopup(state);
	const dialog = top && top.kind !== 'filter' && top.kind !== 'mayor-input' && top.kind !== 'help' ? top : undefined;

	const pane = (id: PaneId, w: number, h: number, visible = true) => {
		const focused = state.focus === id && !dialog && top?.kind !== 'help';
		switch (id) {
			case 'mayor': return <MayorPane key={id} services={services} state={state} act={act} focused={focused} width={w} height={h} theme={theme} visible={visible} />;
			case 'agents': return <AgentsPane key={id} state={state} focused={focused} width={w} height={h} theme={theme} now={now} />;
			case 'convoys': return <ConvoysPane key={id} state={state} focused={focused} width={w} height={h} theme={theme} />;
			case 'mail': return <MailPane key={id} state={state} focused={focused} width={w} height={h} theme={theme} now={now} />;
		}
	};
	const dialogView = (w: number, h: number) => {
		if (!dialog) return null;
		switch (dialog.kind) {
			case 'sling': return <SlingDialog state={state} popup={dialog} width={w} height={h} theme={theme} />;
			case 'input': return <InputDialog state={state} popup={dialog} width={w} height={h} theme={theme} />;
			case 'confirm-stop': return <ConfirmDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'mail': return <MailDialog state={state} popup={dialog} width={w} height={h} theme={theme} />;
		}
	};

	let main;
	if (top?.kind === 'help') main = <HelpOverlay width={width} height={body} theme={theme} />;
	else if (grid) {
		const upper = Math.ceil(body / 2);
		const lower = body - upper;
		const left = Math.floor(width / 2);
		main = (
			<Box flexDirection="column">
				<Box>{pane('mayor', left, upper)}{pane('agents', width - left, upper)}</Box>
				{dialog ? dialogView(width, lower) : <Box>{pane('convoys', left, lower)}{pane('mail', width - left, lower)}</Box>}
			</Box>
		);
	} else if (dialog) main = dialogView(width, body);
	else main = pane(state.focus, width, body);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<StatusLine state={state} width={width} theme={theme} />
			<Box height={body}>{main}</Box>
			<Footer scopes={activeScopes(state)} width={width} theme={theme} />
		</Box>
	);
}
