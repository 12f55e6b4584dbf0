// The bottom line: the keys that apply now, from the key map (only scopes whose
// bindings act in the current state; see activeScopes).
import {Box, Text} from 'ink';
import {Fragment, memo} from 'react';
import {footerItems} from '../app/key-map.js';
import type {Theme} from './theme.js';
import {useUi} from '../app/ui-context.js';
import {activeScopes} from '../app/use-keys.js';

type Props = {readonly width: number; readonly theme: Theme};

export const Footer = memo(function Footer({width, theme}: Props) {
	const scopes = useUi(activeScopes);
	const items = footerItems(scopes);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{items.map((item, index) => (
					<Fragment key={item.id}>
						{index > 0 ? <Text color={theme.muted}>{' · '}</Text> : null}
						<Text bold color={item.dangerous ? theme.danger : theme.accent}>{item.keys}</Text>
						<Text>{` ${item.short}`}</Text>
					</Fragment>
				))}
			</Text>
		</Box>
	);
});
