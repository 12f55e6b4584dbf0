// `?`: every key of the key map, by where it applies.
import {Box, Text} from 'ink';
import {bindingsByScope, keyHint, scopeTitle, type KeyBinding, type Scope} from '../app/key-map.js';
import {PaneFrame} from '../widgets/pane-frame.js';
import type {Theme} from '../widgets/theme.js';

type Props = {readonly width: number; readonly height: number; readonly theme: Theme};

type Line = {readonly heading?: string; readonly keys?: string; readonly text?: string; readonly short?: string};

const dangerous = (binding: KeyBinding) => 'dangerous' in binding && binding.dangerous;

export function HelpOverlay({width, height, theme}: Props) {
	const lines: Line[] = [];
	let scope: Scope | undefined;
	for (const binding of bindingsByScope()) {
		if (binding.scope !== scope) {
			scope = binding.scope;
			lines.push({heading: scopeTitle(scope)});
		}
		lines.push({keys: binding.keys.join(' '), text: `${binding.description}${dangerous(binding) ? ' (asks first)' : ''}`, short: `${binding.short}${dangerous(binding) ? ' (asks)' : ''}`});
	}
	const perColumn = Math.max(1, height - 3);
	const columns: Line[][] = [];
	for (let index = 0; index < lines.length; index += perColumn) columns.push(lines.slice(index, index + perColumn));
	const columnWidth = Math.floor((width - 2) / Math.max(1, columns.length));
	// Narrow columns get the footer's short words rather than cut sentences.
	const wide = columnWidth >= 40;
	// The key column fits the longest key list ("backspace delete"), so no description runs into its keys.
	const keyWidth = Math.min(wide ? 18 : 12, Math.max(...lines.map(line => line.keys?.length ?? 0))) + 1;
	return (
		<PaneFrame title={`Keys — ${keyHint('help.close', 'first')} closes`} focused width={width} height={height} theme={theme}>
			<Box flexDirection="row">
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth}>
						{column.map((line, row) => (line.heading
							? <Text key={row} bold color={theme.accent} wrap="truncate-end">{line.heading}</Text>
							: <Text key={row} wrap="truncate-end"><Text bold>{` ${line.keys!.padEnd(keyWidth)}`}</Text>{wide ? line.text : line.short}</Text>))}
					</Box>
				))}
			</Box>
		</PaneFrame>
	);
}
