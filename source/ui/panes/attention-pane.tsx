// Everything that waits on the human, oldest first, answerable in place: a waiting
// agent's question (approve, deny, type an answer), an agent the patrol marked stalled,
// escalation mail, a failed merge. Each row names the bead and convoy it belongs to.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {keyHint} from '../app/key-map.js';
import {Age} from '../widgets/age.js';
import {fit, windowStart} from '../widgets/format.js';
import {PaneFrame, innerSize, type PaneProps} from '../widgets/pane-frame.js';
import {attentionRows, currentSessions, emptyText, selectedIndex} from '../data/rows.js';
import {useUi} from '../app/ui-context.js';
import type {UiState} from '../app/state.js';
import type {Attention} from '../../core/overview/town-overview.js';

const glyphs: Readonly<Record<Attention['kind'], string>> = {waiting: '◐', stalled: '⚠', zombie: '⚠', escalation: '✉', 'merge-failed': '✖'};

/** "mp-c3d in hq-cv-x1 Auth system": the work a waiting agent holds. */
function workOf(state: UiState, item: Attention): string {
	const bead = item.session ? currentSessions(state).find(agent => agent.id === item.session)?.bead : undefined;
	if (!bead) return '';
	const convoy = state.ledgers.convoys.find(candidate => candidate.tracked.some(tracked => tracked.id === bead));
	return convoy ? `${bead} in ${convoy.id} ${convoy.title}` : bead;
}

export const AttentionPane = memo(function AttentionPane({focused, width, height, theme}: PaneProps) {
	const {rows, selected, filter} = useUi(state => {
		const items = attentionRows(state);
		return {rows: items.map(item => ({...item, work: workOf(state, item)})), selected: selectedIndex(state, 'attention'), filter: state.filter};
	});
	const {cols, rows: visible} = innerSize(width, height);
	// Three lines an item: what it is, what it asks (or why), the work it holds.
	const each = Math.max(1, Math.floor(visible / 3));
	const first = windowStart(rows.length, selected, each);
	const hint = `${keyHint('attention.approve', 'first')} approve · ${keyHint('attention.deny', 'first')} deny · ${keyHint('attention.answer', 'first')} answer · ${keyHint('attention.open', 'first')} open`;
	return (
		<PaneFrame title="Needs you" index={5} focused={focused} width={width} height={height} theme={theme} extra={rows.length ? `${rows.length} · ${hint}` : '0'}>
			{rows.length === 0 ? <Text color={theme.muted}>{emptyText({filter}, 'Nothing waits on you: no questions, escalations or failed merges.')}</Text> : null}
			{rows.slice(first, first + each).map((item, offset) => {
				const isSelected = focused && first + offset === selected;
				const color = item.kind === 'waiting' ? theme.waiting : theme.danger;

				return (
					<Box key={item.key} flexDirection="column">
						<Text inverse={isSelected} bold wrap="truncate-end">
							<Text color={color}>{`${glyphs[item.kind]} `}</Text>
							{fit(item.title, Math.max(4, cols - 8))}
							<Age since={item.since} color={theme.muted} />
						</Text>
						<Text wrap="truncate-end">{`  ${item.detail || ' '}`}</Text>
						<Text color={theme.muted} wrap="truncate-end">{`  ${item.work || ' '}`}</Text>
					</Box>
				);
			})}
		</PaneFrame>
	);
});
