// One message of the overseer's inbox, read.
import {keyHint} from '../app/key-map.js';
import {Text} from 'ink';
import {PaneFrame, innerSize} from '../widgets/pane-frame.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from '../app/ui-context.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'mail'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

export function MailDialog({popup, width, height, theme}: Props) {
	const message = useUi(state => state.ledgers.mail.find(candidate => candidate.id === popup.id));
	const {rows} = innerSize(width, height);
	if (!message) return <PaneFrame title="Mail" focused width={width} height={height} theme={theme}><Text color={theme.muted}>{`${popup.id} is gone (archived?)`}</Text></PaneFrame>;
	const body = safeBlock(message.body).split('\n').slice(0, Math.max(1, rows - 3));
	return (
		<PaneFrame title={`Mail ${message.id}`} focused width={width} height={height} theme={theme} extra={`${keyHint('message.reply', 'first')} reply · ${keyHint('message.archive', 'first')} archive · ${keyHint('message.close', 'first')} back`}>
			<Text wrap="truncate-end"><Text color={theme.muted}>From: </Text>{safeText(message.from)}<Text color={theme.muted}>{'   To: '}</Text>{safeText(message.to)}</Text>
			<Text bold wrap="truncate-end">{safeText(message.subject)}</Text>
			<Text> </Text>
			{body.map((line, index) => <Text key={index} wrap="truncate-end">{line || ' '}</Text>)}
		</PaneFrame>
	);
}
