// The bottom line: the keys that apply now, from the key map.
import {Box, Text} from 'ink';
import {Fragment} from 'react';
import {footerItems, type Scope} from '../app/key-map.js';
import type {Theme} from './theme.js';

type Props = {readonly scopes: readonly Scope[]; readonly width: number; readonly theme: Theme};

export function Footer({scopes, width, theme}: Props) {
	const items = footerItems(scopes);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{items.map((item, index) => (
					<Fragment key={`${item.keys}-${item.short}`}>
						{index > 0 ? <Text color={theme.muted}>{' · '}</Text> : null}
						<Text bold color={item.dangerous ? theme.danger : theme.accent}>{item.keys}</Text>
						<Text>{` ${item.short}`}</Text>
					</Fragment>
				))}
			</Text>
		</Box>
	);
}
