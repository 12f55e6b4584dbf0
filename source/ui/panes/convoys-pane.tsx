// Convoys with progress bars and their tracked beads by state, then the rigs' ready
// beads to pick from (select one and press s to sling it).
import {Box, Text} from 'ink';
import {beadGlyph, fit, progressBar, windowStart} from '../widgets/format.js';
import {PaneFrame, listWindow, type ListPaneProps} from '../widgets/pane-frame.js';
import {convoyRows, selectedIndex, type ConvoyRow} from '../data/rows.js';
import type {UiState} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

type Props = Omit<ListPaneProps, 'now'>;

function Row({row, cols, theme, selected}: {readonly row: ConvoyRow; readonly cols: number; readonly theme: Theme; readonly selected: boolean}) {
	if (row.kind === 'heading') return <Text color={theme.muted} bold inverse={selected}>{fit(`── ${row.title} `, cols).replace(/ +$/, match => '─'.repeat(match.length))}</Text>;
	if (row.kind === 'convoy') {
		const bar = progressBar(row.done, row.total);
		return (
			<Text inverse={selected} wrap="truncate-end">
				<Text color={theme.accent}>{'🚚 '}</Text>
				{fit(`${row.id} ${row.title}`, Math.max(4, cols - bar.length - 4))}
				<Text color={row.done === row.total && row.total > 0 ? theme.ok : theme.working}>{` ${bar}`}</Text>
			</Text>
		);
	}
	const color = row.status === 'closed' ? theme.ok : row.status === 'in_progress' || row.status === 'hooked' ? theme.working : row.status === 'blocked' ? theme.danger : undefined;
	const who = row.assignee ? ` — ${row.assignee}` : row.ready ? `  (${row.rig})` : '';
	return (
		<Text inverse={selected} wrap="truncate-end">
			<Text color={color}>{`  ${beadGlyph(row.status)} `}</Text>
			{fit(`${row.id} ${row.title}${who}`, Math.max(4, cols - 4))}
		</Text>
	);
}

export function ConvoysPane({state, focused, width, height, theme}: Props) {
	const rows = convoyRows(state);
	const {cols, visible, selected, start} = listWindow(state, 'convoys', rows.length, width, height);
	const open = state.ledgers.convoys.length;
	return (
		<PaneFrame title="Convoys" index={3} focused={focused} width={width} height={height} theme={theme} extra={`${open} open · ${state.ledgers.ready.length} ready`}>
			{rows.length === 0 ? <Text color={theme.muted}>No convoys or ready beads. b: new bead · type a request to the Mayor</Text> : null}
			{rows.slice(start, start + visible).map((row, offset) => (
				<Box key={`${row.kind}:${row.id}:${start + offset}`}>
					<Row row={row} cols={cols} theme={theme} selected={focused && start + offset === selected} />
				</Box>
			))}
		</PaneFrame>
	);
}
