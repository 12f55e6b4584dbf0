// The Mayor's live terminal, drawn from the daemon's screen model, with an input
// line under it (i/enter to type, esc to leave). Starts the Mayor when it is not running.
import {Box, Text} from 'ink';
import {useEffect, useRef} from 'react';
import type {ScreenSnapshot} from '../../core/daemon/protocol.js';
import {PaneFrame, innerSize} from '../widgets/pane-frame.js';
import type {Action} from '../app/reducer.js';
import type {UiServices} from '../data/services.js';
import {topPopup, type UiState} from '../app/state.js';
import {TextField} from '../widgets/text-input.js';
import type {Theme} from '../widgets/theme.js';
import {useScreen} from '../data/use-screen.js';

export const mayorId = 'mayor';

type Props = {
	readonly services: UiServices;
	readonly state: UiState;
	readonly act: (action: Action) => void;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	/** Whether the pane is on screen (only then is the session streamed). */
	readonly visible: boolean;
};

/** The rows of a screen that fit: ending at the cursor or the last text, whichever is lower. */
export function screenWindow(screen: ScreenSnapshot, rows: number, cols: number): string[] {
	let last = screen.cursor.y;
	for (let index = screen.lines.length - 1; index > last; index--) {
		if (screen.lines[index]!.trim() !== '') {
			last = index;
			break;
		}
	}
	const start = Math.max(0, last + 1 - rows);
	return screen.lines.slice(start, start + rows).map(line => line.slice(0, cols));
}

export function MayorPane({services, state, act, focused, width, height, theme, visible}: Props) {
	const {cols, rows} = innerSize(width, height);
	const screenRows = Math.max(1, rows - 1);
	const mayor = state.sessions.find(info => info.id === mayorId);
	const live = mayor !== undefined && mayor.state.state !== 'exited';
	const screen = useScreen(services, live ? mayorId : undefined, {cols, rows: screenRows}, visible && state.daemon === 'up');
	const starting = useRef(false);
	useEffect(() => {
		if (state.daemon !== 'up' || live || starting.current) return;
		starting.current = true;
		services.startMayor().then(() => act({type: 'notice', notice: {text: 'Started the Mayor.', tone: 'info'}}), (error: Error) => {
			act({type: 'notice', notice: {text: `cannot start the Mayor: ${error.message}`, tone: 'error'}});
		}).finally(() => {
			starting.current = false;
		});
	}, [services, act, state.daemon, live]);
	const typing = topPopup(state)?.kind === 'mayor-input';
	const lines = screen && live ? screenWindow(screen, screenRows, cols) : [];
	const word = mayor ? mayor.state.state : state.daemon === 'up' ? 'starting' : 'daemon down';
	return (
		<PaneFrame title="Mayor" index={1} focused={focused} width={width} height={height} theme={theme} extra={`${mayor?.agent ?? ''} ${word}`.trim()}>
			<Box flexDirection="column" height={screenRows} overflow="hidden">
				{lines.length === 0 ? <Text color={theme.muted}>{live ? 'Waiting for the screen…' : 'Starting the Mayor…'}</Text> : null}
				{lines.map((line, index) => <Text key={index} wrap="truncate-end">{line === '' ? ' ' : line}</Text>)}
			</Box>
			<Text wrap="truncate-end">
				<Text color={typing ? theme.accent : theme.muted}>{'> '}</Text>
				{typing ? <TextField buffer={state.editor} focused /> : <Text color={theme.muted}>{focused ? 'i or enter: type to the Mayor' : 'type to the Mayor (1, then i)'}</Text>}
			</Text>
		</PaneFrame>
	);
}
