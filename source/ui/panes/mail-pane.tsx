// The human's (overseer's) inbox, newest first; unread marked.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {memo} from 'react';
import {Age} from '../widgets/age.js';
import {fit} from '../widgets/format.js';
import {PaneFrame, listWindow, type PaneProps} from '../widgets/pane-frame.js';
import {emptyText, mailRows, selectedIndex} from '../data/rows.js';
import {useUi} from '../app/ui-context.js';

export const MailPane = memo(function MailPane({focused, width, height, theme}: PaneProps) {
	const {rows, selected, filter} = useUi(state => ({rows: mailRows(state), selected: selectedIndex(state, 'mail'), filter: state.filter}));
	const {cols, visible, start} = listWindow(selected, rows.length, width, height);
	const unread = rows.filter(message => !message.read).length;
	const fromWidth = Math.max(6, Math.min(18, Math.floor(cols * 0.28)));
	return (
		<PaneFrame title="Mail" index={4} focused={focused} width={width} height={height} theme={theme} extra={`${rows.length}${unread ? ` · ${unread} unread` : ''}`}>
			{rows.length === 0 ? <Text color={theme.muted}>{emptyText({filter}, `No mail. ${keyHint('mail.compose', 'first')}: write to an agent`)}</Text> : null}
			{rows.slice(start, start + visible).map((message, offset) => (
				<Box key={message.id}>
					<Text inverse={focused && start + offset === selected} bold={!message.read} wrap="truncate-end">
						<Text color={theme.accent}>{message.read ? '  ' : '● '}</Text>
						{fit(message.from, fromWidth)}
						{` ${fit(message.priority < 2 ? `[P${message.priority}] ${message.subject}` : message.subject, Math.max(4, cols - fromWidth - 8))}`}
						<Age since={message.created_at} color={theme.muted} />
					</Text>
				</Box>
			))}
		</PaneFrame>
	);
});
