// A bordered pane with its number and title; the focused one is drawn double.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {windowStart} from './format.js';
import {selectedIndex} from '../data/rows.js';
import type {UiState} from '../app/state.js';
import type {Theme} from './theme.js';

type Props = {
	readonly title: string;
	readonly index?: number;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	readonly extra?: string;
	readonly children?: ReactNode;
};

export function PaneFrame({title, index, focused, width, height, theme, extra, children}: Props) {
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle={focused ? 'double' : 'round'} borderColor={focused ? theme.borderFocused : theme.border} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold={focused} color={focused ? theme.borderFocused : theme.title}>{index === undefined ? '' : `${index} `}{title}</Text>
				{extra ? <Text color={theme.muted}>{`  ${extra}`}</Text> : null}
			</Text>
			{children}
		</Box>
	);
}

/** Rows inside a frame: the border and the title line take three. */
export const innerSize = (width: number, height: number) => ({cols: Math.max(1, width - 2), rows: Math.max(1, height - 3)});

/** What every list pane is drawn from. */
export type ListPaneProps = {
	readonly state: UiState;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	readonly now: number;
};

/** The inner size of a list pane, its selected row, and the first row that keeps the selection in view. */
export function listWindow(state: UiState, pane: Parameters<typeof selectedIndex>[1], count: number, width: number, height: number) {
	const {cols, rows: visible} = innerSize(width, height);
	const selected = selectedIndex(state, pane);
	return {cols, visible, selected, start: windowStart(count, selected, visible)};
}
