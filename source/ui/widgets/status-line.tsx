// The top line: daemon health, working/waiting counts, the filter and the last notice.
import {Box, Text} from 'ink';
import {topPopup, type UiState} from '../app/state.js';
import {TextField} from './text-input.js';
import type {Theme} from './theme.js';

type Props = {readonly state: UiState; readonly width: number; readonly theme: Theme};

export function StatusLine({state, width, theme}: Props) {
	const working = state.sessions.filter(info => info.state.state === 'working').length;
	const waiting = state.sessions.filter(info => info.state.state === 'waiting').length;
	const daemon = state.daemon === 'up' ? {text: '● daemon up', color: theme.ok} : state.daemon === 'down' ? {text: '✖ daemon down — restarting', color: theme.danger} : {text: '◌ connecting', color: theme.muted};
	const filtering = topPopup(state)?.kind === 'filter';
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold>Gas Town </Text>
				<Text color={daemon.color}>{daemon.text}</Text>
				<Text>{` · ${working} working · `}</Text>
				<Text color={waiting ? theme.waiting : undefined} bold={waiting > 0}>{`${waiting} waiting`}</Text>
				<Text color={theme.muted}>{` · ${state.sessions.length} agents`}</Text>
				{filtering ? <Text>{' · /'}<TextField buffer={state.editor} focused /></Text> : state.filter ? <Text color={theme.accent}>{` · filter: ${state.filter}`}</Text> : null}
				{state.notice ? <Text color={state.notice.tone === 'error' ? theme.danger : theme.ok}>{`  ${state.notice.text}`}</Text> : null}
			</Text>
		</Box>
	);
}
