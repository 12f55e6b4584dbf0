// Every agent: state glyph and word, address, hooked bead, age of last activity.
// Waiting agents (they need a human) stand out.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {memo} from 'react';
import {Age} from '../widgets/age.js';
import {fit, shortAddress, stateGlyphs} from '../widgets/format.js';
import {PaneFrame, listWindow, type PaneProps} from '../widgets/pane-frame.js';
import {agentRows, emptyText, selectedIndex} from '../data/rows.js';
import {useUi} from '../app/ui-context.js';


export const AgentsPane = memo(function AgentsPane({focused, width, height, theme}: PaneProps) {
	const {rows, selected, daemonUp, filter} = useUi(state => ({rows: agentRows(state), selected: selectedIndex(state, 'agents'), daemonUp: state.daemon === 'up', filter: state.filter}));
	const {cols, visible, start} = listWindow(selected, rows.length, width, height);
	const waiting = rows.filter(info => info.state.state === 'waiting').length;
	const stopped = rows.filter(info => info.stopped).length;
	const addressWidth = Math.max(8, Math.min(24, Math.floor(cols * 0.32)));
	const roleWidth = cols >= 44 ? 9 : 0;
	const beadWidth = Math.max(0, cols - addressWidth - roleWidth - 2 - 9 - 5 - 1);
	const color = (word: string) => (word === 'working' ? theme.working : word === 'waiting' ? theme.waiting : word === 'idle' ? theme.idle : word === 'exited' ? theme.exited : theme.muted);
	return (
		<PaneFrame title="Agents" index={2} focused={focused} width={width} height={height} theme={theme} extra={`${rows.length - stopped}${waiting ? ` · ${waiting} waiting` : ''}${stopped ? ` · ${stopped} stopped` : ''}`}>
			{rows.length === 0 ? <Text color={theme.muted}>{daemonUp ? emptyText({filter}, `No agents yet. Sling a bead (${keyHint('global.pane-convoys', 'first')}, ${keyHint('convoys.sling', 'first')}).`) : 'Waiting for the daemon…'}</Text> : null}
			{rows.slice(start, start + visible).map((info, offset) => {
				const word = info.stopped ? 'stopped' : info.state.state;
				const isSelected = focused && start + offset === selected;
				const isWaiting = word === 'waiting';
				return (
					<Box key={info.id}>
						<Text inverse={isSelected} bold={isWaiting} wrap="truncate-end">
							<Text color={color(word)}>{`${info.stopped ? '■' : stateGlyphs[info.state.state] ?? '?'} `}</Text>
							{fit(shortAddress(info.address) || info.id, addressWidth)}
							{roleWidth ? <Text color={theme.muted}>{` ${fit(info.role, roleWidth - 1)}`}</Text> : ''}
							<Text color={color(word)}>{` ${fit(isWaiting ? 'WAITING' : word, 8)}`}</Text>
							{beadWidth > 0 ? <Text color={info.mergeFailed || (word === 'exited' && info.state.reason) ? theme.danger : undefined}>{` ${fit([info.bead, info.mergeFailed ? '✖ merge' : undefined, info.state.reason, info.stopped ? `${keyHint('agents.restart', 'first')} starts it` : undefined].filter(Boolean).join(' · '), beadWidth)}`}</Text> : ''}
							{info.stopped ? null : <Age since={info.lastOutputAt ?? info.state.since} color={theme.muted} />}
						</Text>
					</Box>
				);
			})}
		</PaneFrame>
	);
});
