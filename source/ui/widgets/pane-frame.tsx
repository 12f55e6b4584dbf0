// A bordered pane with its number and title; the focused one is drawn double.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {windowStart} from './format.js';
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

/** What every pane is given by the layout; the rest it reads from the store. */
export type PaneProps = {
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

/** The inner size of a list pane and the first row that keeps the selection in view. */
export function listWindow(selected: number, count: number, width: number, height: number) {
	const {cols, rows: visible} = innerSize(width, height);
	return {cols, visible, start: windowStart(count, selected, visible)};
}
