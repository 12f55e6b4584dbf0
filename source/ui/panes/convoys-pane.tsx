// Convoys with progress bars and their tracked beads by state, then the rigs' ready
// beads to pick from (select one and press s to sling it).
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {memo} from 'react';
import {age, beadGlyph, fit, progressBar} from '../widgets/format.js';
import {PaneFrame, listWindow, type PaneProps} from '../widgets/pane-frame.js';
import {convoyRows, emptyText, selectedIndex, type ConvoyRow} from '../data/rows.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from '../app/ui-context.js';

function Row({row, cols, theme, selected, now}: {readonly row: ConvoyRow; readonly cols: number; readonly theme: Theme; readonly selected: boolean; readonly now: number}) {
	if (row.kind === 'heading') return <Text color={theme.muted} bold inverse={selected}>{fit(`── ${row.title} `, cols).replace(/ +$/, match => '─'.repeat(match.length))}</Text>;
	if (row.kind === 'convoy') {
		const bar = row.landedAt ? landedText(row.landedAt, now) : progressBar(row.done, row.total);
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
			{fit(`${row.id} ${row.title}${who}`, Math.max(4, cols - 4 - (row.mergeFailed ? 15 : 0)))}
			{row.mergeFailed ? <Text color={theme.danger} bold>{' ✖ merge failed'}</Text> : null}
		</Text>
	);
}

// "landed 3m ago" moves once a minute; a clock that ticks every second would re-render the pane each time.
const minuteOf = (now: number) => now - (now % 60_000);
const landedText = (at: string, now: number) => (now - Date.parse(at) < 60_000 ? '✔ landed just now' : `✔ landed ${age(at, now)} ago`);

export const ConvoysPane = memo(function ConvoysPane({focused, width, height, theme}: PaneProps) {
	const {rows, selected, open, ready, filter, now} = useUi(state => ({rows: convoyRows(state), selected: selectedIndex(state, 'convoys'), open: state.ledgers.convoys.length, ready: state.ledgers.ready.length, filter: state.filter, now: minuteOf(state.now)}));
	const {cols, visible, start} = listWindow(selected, rows.length, width, height);
	return (
		<PaneFrame title="Convoys" index={3} focused={focused} width={width} height={height} theme={theme} extra={`${open} open · ${ready} ready`}>
			{rows.length === 0 ? <Text color={theme.muted}>{emptyText({filter}, `No convoys or ready beads. ${keyHint('convoys.new-bead', 'first')}: new bead · type a request to the Mayor`)}</Text> : null}
			{rows.slice(start, start + visible).map((row, offset) => (
				<Box key={`${row.kind}:${row.id}:${start + offset}`}>
					<Row row={row} cols={cols} theme={theme} selected={focused && start + offset === selected} now={now} />
				</Box>
			))}
		</PaneFrame>
	);
});
