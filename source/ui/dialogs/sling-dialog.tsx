// Sling a bead: choose a rig or an agent, then a runtime, then confirm.
import {keyHint} from '../app/key-map.js';
import {Box, Text} from 'ink';
import {fit, windowStart} from '../widgets/format.js';
import {PaneFrame, innerSize} from '../widgets/pane-frame.js';
import {slingRuntimes, slingTargets} from '../data/rows.js';
import type {Popup} from '../app/state.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from '../app/ui-context.js';

type Props = {
	readonly popup: Extract<Popup, {kind: 'sling'}>;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

const stepTitles = {target: 'Sling to which rig or agent?', runtime: 'With which runtime?', confirm: 'Sling it?'} as const;

export function SlingDialog({popup, width, height, theme}: Props) {
	const {cols, rows} = innerSize(width, height);
	const {choices, rigs, defaultRuntime} = useUi(state => ({
		choices: popup.step === 'target' ? slingTargets(state) : popup.step === 'runtime' ? slingRuntimes(state) : [],
		rigs: state.ledgers.rigs,
		defaultRuntime: state.ledgers.defaultRuntime,
	}));
	const listRows = Math.max(1, rows - 3);
	const start = windowStart(choices.length, popup.choice, listRows);
	const describe = (choice: string) => {
		if (popup.step === 'runtime') return choice === defaultRuntime ? `${choice}  (town default)` : choice;
		if (choice === 'mayor') return 'mayor  (the Mayor itself)';
		return rigs.includes(choice) ? `${choice}  (rig: an idle or new polecat)` : choice;
	};
	return (
		<PaneFrame title={`Sling ${popup.bead}`} focused width={width} height={height} theme={theme} extra={popup.title}>
			<Text bold>{stepTitles[popup.step]}</Text>
			{popup.step === 'confirm' ? (
				<Box flexDirection="column">
					<Text wrap="truncate-end">{`  ${popup.bead} "${popup.title}"`}</Text>
					<Text wrap="truncate-end">{`  → ${popup.target} with ${popup.runtime}`}</Text>
					<Text color={theme.muted}>{`${keyHint('dialog.confirm')} sling · ${keyHint('dialog.cancel')} cancel`}</Text>
				</Box>
			) : (
				<Box flexDirection="column">
					{popup.target ? <Text color={theme.muted} wrap="truncate-end">{`  to ${popup.target}`}</Text> : null}
					{choices.length === 0 ? <Text color={theme.danger}>nothing to choose: add a rig with `gt rig add`</Text> : null}
					{choices.slice(start, start + listRows).map((choice, offset) => (
						<Text key={choice} inverse={start + offset === popup.choice} wrap="truncate-end">{fit(`${start + offset === popup.choice ? '›' : ' '} ${describe(choice)}`, cols)}</Text>
					))}
				</Box>
			)}
		</PaneFrame>
	);
}
