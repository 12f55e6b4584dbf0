// Asks before a dangerous action (stopping an agent).
import {keyHint} from '../app/key-map.js';
import {Text} from 'ink';
import {PaneFrame} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'confirm-stop'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

export function ConfirmDialog({popup, width, height, theme}: Props) {
	return (
		<PaneFrame title="Stop agent" focused width={width} height={height} theme={theme}>
			<Text bold color={theme.danger} wrap="truncate-end">{`Stop ${popup.address}?`}</Text>
			<Text wrap="truncate-end">Its session ends; hooked work stays on its hook for the patrols.</Text>
			<Text color={theme.muted}>{`${keyHint('dialog.confirm')}: stop · ${keyHint('dialog.cancel')}: cancel`}</Text>
		</PaneFrame>
	);
}
