// The top line: daemon health, working/waiting counts, the filter and the last notice.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {topPopup} from '../app/state.js';
import {attentionRows} from '../data/rows.js';
import {keyHint} from '../app/key-map.js';
import {TextField} from './text-input.js';
import type {Theme} from './theme.js';
import {useUi} from '../app/ui-context.js';

type Props = {readonly width: number; readonly theme: Theme};

export const StatusLine = memo(function StatusLine({width, theme}: Props) {
	const view = useUi(state => {
		const filtering = topPopup(state)?.kind === 'filter';
		return {
			working: state.sessions.filter(info => info.state.state === 'working').length,
			waiting: state.sessions.filter(info => info.state.state === 'waiting').length,
			agents: state.sessions.length,
			needs: attentionRows({...state, filter: ''}).length,
			daemon: state.daemon,
			filter: state.filter,
			editor: filtering ? state.editor : undefined,
			notice: state.notice,
		};
	});
	const {working, waiting} = view;
	const daemon = view.daemon === 'up' ? {text: '● daemon up', color: theme.ok} : view.daemon === 'down' ? {text: '✖ daemon stopped — `gt up` starts it, the UI reconnects', color: theme.danger} : {text: '◌ connecting', color: theme.muted};
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold>Gas Town </Text>
				<Text color={daemon.color}>{daemon.text}</Text>
				<Text>{` · ${working} working · `}</Text>
				<Text color={waiting ? theme.waiting : undefined} bold={waiting > 0}>{`${waiting} waiting`}</Text>
				<Text color={theme.muted}>{` · ${view.agents} agents`}</Text>
				{view.editor ? <Text>{' · /'}<TextField buffer={view.editor} focused /></Text> : view.filter ? <Text color={theme.accent}>{` · filter: ${view.filter}`}</Text> : null}
				{view.notice ? <Text color={view.notice.tone === 'error' ? theme.danger : theme.ok}>{`  ${view.notice.text}`}</Text> : null}
				{view.needs ? <Text color={theme.waiting} bold>{` · ${view.needs} need you (${keyHint('global.pane-attention', 'first')})`}</Text> : null}
			</Text>
		</Box>
	);
});
