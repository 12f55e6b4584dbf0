// The Mayor's live terminal in colour (the daemon's screen, then the pty's bytes parsed
// here, as the preview), with an input line under it (i/enter to type, esc to leave).
// The pty is sized to the pane, again whenever the pane gets the focus back (after
// `gt mayor attach` at another size, which also gives the old size back when it
// detaches). Starts the Mayor when it is not running.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {memo, useEffect, useRef} from 'react';
import {useTerminal} from '../data/use-terminal.js';
import {PaneFrame, innerSize, type PaneProps} from '../widgets/pane-frame.js';
import {topPopup} from '../app/state.js';
import {TextField} from '../widgets/text-input.js';
import {useDispatch, useServices, useUi} from '../app/ui-context.js';

export const mayorId = 'mayor';

type Props = PaneProps & {
	/** Whether the pane is on screen (only then is the session streamed). */
	readonly visible: boolean;
};

export const MayorPane = memo(function MayorPane({focused, width, height, theme, visible}: Props) {
	const services = useServices();
	const act = useDispatch();
	const {cols, rows} = innerSize(width, height);
	const screenRows = Math.max(1, rows - 1);
	const {mayor, daemon, editor} = useUi(state => {
		const session = state.sessions.find(info => info.id === mayorId);
		return {
			mayor: session ? {agent: session.agent, state: session.state.state, size: `${session.cols}x${session.rows}`} : undefined,
			daemon: state.daemon,
			editor: topPopup(state)?.kind === 'mayor-input' ? state.editor : undefined,
		};
	});
	const live = mayor !== undefined && mayor.state !== 'exited';
	const shown = live && visible && daemon === 'up';
	const view = useTerminal(services, shown ? mayorId : undefined, {cols, rows: screenRows}, theme.name === 'plain', mayor?.size, {cols, rows: screenRows, again: focused});
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
	const lines = view && live ? view.lines : [];
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
