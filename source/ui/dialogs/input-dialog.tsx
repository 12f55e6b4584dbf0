// A one-line prompt: new bead, new convoy, nudge, reply, compose (to, subject, body).
import {keyHint} from '../app/key-map.js';
import {Text} from 'ink';
import {PaneFrame} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import {TextField} from '../widgets/text-input.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from '../app/ui-context.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'input'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

const titles = {'new-bead': 'New bead', 'new-convoy': 'New convoy', nudge: 'Nudge', reply: 'Reply', compose: 'New message', answer: 'Answer'} as const;

export function InputDialog({popup, width, height, theme}: Props) {
	const editor = useUi(state => state.editor);
	return (
		<PaneFrame title={titles[popup.purpose]} focused width={width} height={height} theme={theme}>
			{popup.draft?.to ? <Text color={theme.muted} wrap="truncate-end">{`To: ${popup.draft.to}${popup.draft.subject ? `   Subject: ${popup.draft.subject}` : ''}`}</Text> : null}
			<Text bold wrap="truncate-end">{popup.label}</Text>
			<Text wrap="truncate-end">
				<Text color={theme.accent}>{'> '}</Text>
				<TextField buffer={editor} focused />
			</Text>
			<Text color={theme.muted}>{`${keyHint('input.submit')}: ok · ${keyHint('input.cancel')}: cancel`}</Text>
		</PaneFrame>
	);
}
