// The Mayor's live terminal, drawn from the daemon's screen model, with an input
// line under it (i/enter to type, esc to leave). Starts the Mayor when it is not running.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {memo, useEffect, useRef} from 'react';
import type {ScreenSnapshot} from '../../core/sessions/types.js';
import {clip} from '../widgets/format.js';
import {PaneFrame, innerSize, type PaneProps} from '../widgets/pane-frame.js';
import {topPopup} from '../app/state.js';
import {TextField} from '../widgets/text-input.js';
import {useDispatch, useServices, useUi} from '../app/ui-context.js';
import {useScreen} from '../data/use-screen.js';

export const mayorId = 'mayor';

type Props = PaneProps & {
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
	return screen.lines.slice(start, start + rows).map(line => clip(line, cols));
}

export const MayorPane = memo(function MayorPane({focused, width, height, theme, visible}: Props) {
	const services = useServices();
	const act = useDispatch();
	const {cols, rows} = innerSize(width, height);
	const screenRows = Math.max(1, rows - 1);
	const {mayor, daemon, editor} = useUi(state => {
		const session = state.sessions.find(info => info.id === mayorId);
		return {
			mayor: session ? {agent: session.agent, state: session.state.state} : undefined,
			daemon: state.daemon,
			editor: topPopup(state)?.kind === 'mayor-input' ? state.editor : undefined,
		};
	});
	const live = mayor !== undefined && mayor.state !== 'exited';
	const screen = useScreen(services, live ? mayorId : undefined, {cols, rows: screenRows}, visible && daemon === 'up');
	const starting = useRef(false);
	useEffect(() => {
		if (daemon !== 'up' || live || starting.current) return;
		starting.current = true;
		services.startMayor().then(() => act({type: 'notice', notice: {text: 'Started the Mayor.', tone: 'info'}}), (error: Error) => {
			act({type: 'notice', notice: {text: `cannot start the Mayor: ${error.message}`, tone: 'error'}});
		}).finally(() => {
			starting.current = false;
		});
	}, [services, act, daemon, live]);
	const lines = screen && live ? screenWindow(screen, screenRows, cols) : [];
	const word = mayor ? mayor.state : daemon === 'up' ? 'starting' : 'daemon down';
	return (
		<PaneFrame title="Mayor" index={1} focused={focused} width={width} height={height} theme={theme} extra={`${mayor?.agent ?? ''} ${word}`.trim()}>
			<Box flexDirection="column" height={screenRows} overflow="hidden">
				{lines.length === 0 ? <Text color={theme.muted}>{live ? 'Waiting for the screen…' : 'Starting the Mayor…'}</Text> : null}
				{lines.map((line, index) => <Text key={index} wrap="truncate-end">{line === '' ? ' ' : line}</Text>)}
			</Box>
			<Text wrap="truncate-end">
				<Text color={editor ? theme.accent : theme.muted}>{'> '}</Text>
				{editor ? <TextField buffer={editor} focused /> : <Text color={theme.muted}>{focused ? `${keyHint('mayor.type', ' or ')}: type to the Mayor` : `type to the Mayor (${keyHint('global.pane-mayor', 'first')}, then ${keyHint('mayor.type', 'first')})`}</Text>}
			</Text>
		</PaneFrame>
	);
});
