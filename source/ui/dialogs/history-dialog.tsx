// An agent's checkpoints, newest first; enter asks to roll its worktree back to the selected one.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {age, fit, windowStart} from '../widgets/format.js';
import {PaneFrame, innerSize} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from '../app/ui-context.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'history'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

export function HistoryDialog({popup, width, height, theme}: Props) {
	const {cols, rows} = innerSize(width, height);
	const now = useUi(state => state.now);
	const listRows = Math.max(1, rows - 2);
	const start = windowStart(popup.checkpoints.length, popup.choice, listRows);
	return (
		<PaneFrame title={`Checkpoints of ${popup.address}`} focused width={width} height={height} theme={theme}>
			{popup.checkpoints.slice(start, start + listRows).map((checkpoint, offset) => {
				const index = start + offset;
				const line = `${index === popup.choice ? '›' : ' '} ${String(index + 1).padStart(2)}  ${checkpoint.commit.slice(0, 8)}  ${age(checkpoint.at, now).padStart(4)}  ${String(checkpoint.files).padStart(3)} files  ${checkpoint.state.padEnd(8)} ${checkpoint.reason}`;
				return <Text key={checkpoint.commit} inverse={index === popup.choice} wrap="truncate-end">{fit(line, cols)}</Text>;
			})}
			<Box><Text color={theme.muted}>{`${keyHint('dialog.confirm')}: roll back to it · ${keyHint('dialog.cancel')}: close`}</Text></Box>
		</PaneFrame>
	);
}
