// Every agent: state glyph and word, address, hooked bead, age of last activity.
// Waiting agents (they need a human) stand out.
import {Box, Text} from 'ink';
import {age, fit, stateGlyphs, windowStart} from '../widgets/format.js';
import {PaneFrame, listWindow, type ListPaneProps} from '../widgets/pane-frame.js';
import {agentRows, selectedIndex} from '../data/rows.js';
import type {UiState} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

/** "mp/polecats/furiosa" → "mp/furiosa" (the role column says polecat); "mayor/" → "mayor". */
export const shortAddress = (address: string) => address.replace(/\/+$/, '').replace(/^([^/]+)\/polecats\//, '$1/');

type Props = ListPaneProps;

export function AgentsPane({state, focused, width, height, theme, now}: Props) {
	const rows = agentRows(state);
	const {cols, visible, selected, start} = listWindow(state, 'agents', rows.length, width, height);
	const waiting = rows.filter(info => info.state.state === 'waiting').length;
	const addressWidth = Math.max(8, Math.min(24, Math.floor(cols * 0.32)));
	const roleWidth = cols >= 44 ? 9 : 0;
	const beadWidth = Math.max(0, cols - addressWidth - roleWidth - 2 - 9 - 5 - 1);
	const color = (word: string) => (word === 'working' ? theme.working : word === 'waiting' ? theme.waiting : word === 'idle' ? theme.idle : word === 'exited' ? theme.exited : theme.muted);
	return (
		<PaneFrame title="Agents" index={2} focused={focused} width={width} height={height} theme={theme} extra={`${rows.length}${waiting ? ` · ${waiting} waiting` : ''}`}>
			{rows.length === 0 ? <Text color={theme.muted}>{state.daemon === 'up' ? 'No agents yet. Sling a bead (3, s).' : 'Waiting for the daemon…'}</Text> : null}
			{rows.slice(start, start + visible).map((info, offset) => {
				const word = info.state.state;
				const isSelected = focused && start + offset === selected;
				const isWaiting = word === 'waiting';
				return (
					<Box key={info.id}>
						<Text inverse={isSelected} bold={isWaiting} wrap="truncate-end">
							<Text color={color(word)}>{`${stateGlyphs[word] ?? '?'} `}</Text>
							{fit(shortAddress(info.address) || info.id, addressWidth)}
							{roleWidth ? <Text color={theme.muted}>{` ${fit(info.role, roleWidth - 1)}`}</Text> : ''}
							<Text color={color(word)}>{` ${fit(isWaiting ? 'WAITING' : word, 8)}`}</Text>
							{beadWidth > 0 ? ` ${fit(info.bead ?? '', beadWidth)}` : ''}
							<Text color={theme.muted}>{` ${age(info.lastOutputAt ?? info.state.since, now).padStart(4)}`}</Text>
						</Text>
					</Box>
				);
			})}
		</PaneFrame>
	);
}
