// Asks before a dangerous action: stopping or restarting an agent, rolling its worktree
// back, rejecting a merge request, stopping the town.
import {keyHint} from '../app/key-map.js';
import {Text} from 'ink';
import {PaneFrame} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'confirm-stop' | 'confirm-rollback' | 'confirm'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

function wording(popup: Props['popup']): {title: string; question: string; detail: string; verb: string} {
	if (popup.kind === 'confirm') {
		const {action} = popup;
		switch (action.kind) {
			case 'start': return {title: 'Start agent', question: `Start ${action.address}?`, detail: `It has no session; it starts on its worktree and hook (as \`${action.how}\` would).`, verb: 'start'};
			case 'restart': return {title: 'Restart agent', question: `Restart ${action.address}?`, detail: action.running ? 'Its process ends and starts again on the same worktree and hook (resuming its conversation where the runtime can).' : 'It starts again on the same worktree and hook.', verb: 'restart'};
			case 'reject-merge': return {title: 'Reject merge', question: `Reject ${action.id} "${action.title}"?`, detail: 'It will not be merged; its bead opens again for another try.', verb: 'reject'};
			case 'stop-town': return {title: 'Stop the town', question: `Stop ${action.agents} agent${action.agents === 1 ? '' : 's'} and the daemon?`, detail: 'As `gt down`: hooked work stays on its hooks; `gt up` resumes it. The UI stays open and waits.', verb: 'stop everything'};
		}
	}
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
