// Asks before a dangerous action: stopping an agent, rolling its worktree back.
import {keyHint} from '../app/key-map.js';
import {Text} from 'ink';
import {PaneFrame} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'confirm-stop' | 'confirm-rollback'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

function wording(popup: Props['popup']): {title: string; question: string; detail: string; verb: string} {
	if (popup.kind === 'confirm-stop') return {title: 'Stop agent', question: `Stop ${popup.address}?`, detail: 'Its session ends; hooked work stays on its hook for the patrols.', verb: 'stop'};
	const {checkpoint} = popup;
	return {
		title: 'Roll back',
		question: `Roll ${popup.address} back to ${checkpoint.commit.slice(0, 8)} (${checkpoint.reason}, ${checkpoint.at.slice(0, 19).replace('T', ' ')})?`,
		detail: 'Its files become exactly that checkpoint; the present is checkpointed first, so this can be undone.',
		verb: 'roll back',
	};
}

export function ConfirmDialog({popup, width, height, theme}: Props) {
	const {title, question, detail, verb} = wording(popup);
	return (
		<PaneFrame title={title} focused width={width} height={height} theme={theme}>
			<Text bold color={theme.danger} wrap="truncate-end">{question}</Text>
			<Text wrap="truncate-end">{detail}</Text>
			<Text color={theme.muted}>{`${keyHint('dialog.confirm')}: ${verb} · ${keyHint('dialog.cancel')}: cancel`}</Text>
		</PaneFrame>
	);
}
