// The human's (overseer's) inbox, newest first; unread marked.
import {Box, Text} from 'ink';
import {age, fit, windowStart} from '../widgets/format.js';
import {PaneFrame, listWindow, type ListPaneProps} from '../widgets/pane-frame.js';
import {mailRows, selectedIndex} from '../data/rows.js';
import type {UiState} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

type Props = ListPaneProps;

export function MailPane({state, focused, width, height, theme, now}: Props) {
	const rows = mailRows(state);
	const {cols, visible, selected, start} = listWindow(state, 'mail', rows.length, width, height);
	const unread = rows.filter(message => !message.read).length;
	const fromWidth = Math.max(6, Math.min(18, Math.floor(cols * 0.28)));
	return (
		<PaneFrame title="Mail" index={4} focused={focused} width={width} height={height} theme={theme} extra={`${rows.length}${unread ? ` · ${unread} unread` : ''}`}>
			{rows.length === 0 ? <Text color={theme.muted}>No mail. m: write to an agent</Text> : null}
			{rows.slice(start, start + visible).map((message, offset) => (
				<Box key={message.id}>
					<Text inverse={focused && start + offset === selected} bold={!message.read} wrap="truncate-end">
						<Text color={theme.accent}>{message.read ? '  ' : '● '}</Text>
						{fit(message.from, fromWidth)}
						{` ${fit(message.priority < 2 ? `[P${message.priority}] ${message.subject}` : message.subject, Math.max(4, cols - fromWidth - 8))}`}
						<Text color={theme.muted}>{` ${age(message.created_at, now).padStart(4)}`}</Text>
					</Text>
				</Box>
			))}
		</PaneFrame>
	);
}
