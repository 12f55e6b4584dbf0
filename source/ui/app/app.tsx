// The layout, and nothing else: 2×2 panes at 80×24 and up, one pane (the focused one)
// below that. The lower half follows the focus: Convoys and Mail, or the selected
// agent's live screen (Agents), the Needs-you list beside the screen of the agent it
// names, or the merge queue; a dialog in place of the lower half (or of the pane), the key list over
// everything. App reads only the focus and the top popup; each pane reads its own
// slice (ui-context.tsx) and is memoised, so App's re-render does not redraw them.
import {Box, useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {AgentsPane} from '../panes/agents-pane.js';
import {ConfirmDialog} from '../dialogs/confirm-dialog.js';
import {HistoryDialog} from '../dialogs/history-dialog.js';
import {ConvoysPane} from '../panes/convoys-pane.js';
import {Footer} from '../widgets/footer.js';
import {HelpOverlay} from '../dialogs/help-overlay.js';
import {InputDialog} from '../dialogs/input-dialog.js';
import {MailDialog} from '../dialogs/mail-dialog.js';
import {MailPane} from '../panes/mail-pane.js';
import {MayorPane} from '../panes/mayor-pane.js';
import {AttentionPane} from '../panes/attention-pane.js';
import {MergePane} from '../panes/merge-pane.js';
import {PreviewPane} from '../panes/preview-pane.js';
import {SlingDialog} from '../dialogs/sling-dialog.js';
import {topPopup, type PaneId} from './state.js';
import {StatusLine} from '../widgets/status-line.js';
import type {Theme} from '../widgets/theme.js';
import {useUi} from './ui-context.js';

type Props = {readonly theme: Theme};

function useSize() {
	const {stdout} = useStdout();
	const read = () => ({cols: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

export function App({theme}: Props) {
	const size = useSize();
	const {focus, top} = useUi(state => ({focus: state.focus, top: topPopup(state)}));

	// One line less than the terminal: Ink clears the whole screen on every frame that fills it.
	const width = size.cols;
	const height = Math.max(6, size.rows - 1);
	const body = height - 2;
	const grid = width >= 80 && size.rows >= 24;
	const dialog = top && top.kind !== 'filter' && top.kind !== 'mayor-input' && top.kind !== 'help' ? top : undefined;

	const pane = (id: PaneId, w: number, h: number, visible = true) => {
		const focused = focus === id && !dialog && top?.kind !== 'help';
		switch (id) {
			case 'mayor': return <MayorPane key={id} focused={focused} width={w} height={h} theme={theme} visible={visible} />;
			case 'agents': return <AgentsPane key={id} focused={focused} width={w} height={h} theme={theme} />;
			case 'convoys': return <ConvoysPane key={id} focused={focused} width={w} height={h} theme={theme} />;
			case 'mail': return <MailPane key={id} focused={focused} width={w} height={h} theme={theme} />;
			case 'attention': return <AttentionPane key={id} focused={focused} width={w} height={h} theme={theme} />;
			case 'merges': return <MergePane key={id} focused={focused} width={w} height={h} theme={theme} />;
		}
	};
	const lowerHalf = (w: number, h: number, left: number) => {
		if (focus === 'agents') return <PreviewPane key="preview" source="agents" focused={false} width={w} height={h} theme={theme} />;
		if (focus === 'attention') return <Box>{pane('attention', left, h)}<PreviewPane key="preview-attention" source="attention" focused={false} width={w - left} height={h} theme={theme} /></Box>;
		if (focus === 'merges') return pane('merges', w, h);
		return <Box>{pane('convoys', left, h)}{pane('mail', w - left, h)}</Box>;
	};
	const dialogView = (w: number, h: number) => {
		if (!dialog) return null;
		switch (dialog.kind) {
			case 'sling': return <SlingDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'input': return <InputDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'confirm-stop': return <ConfirmDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'history': return <HistoryDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'confirm-rollback': return <ConfirmDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'confirm': return <ConfirmDialog popup={dialog} width={w} height={h} theme={theme} />;
			case 'mail': return <MailDialog popup={dialog} width={w} height={h} theme={theme} />;
		}
	};

	let main;
	if (top?.kind === 'help') main = <HelpOverlay width={width} height={body} theme={theme} />;
	else if (grid) {
		const upper = Math.ceil(body / 2);
		const lower = body - upper;
		const left = Math.floor(width / 2);
		main = (
			<Box flexDirection="column">
				<Box>{pane('mayor', left, upper)}{pane('agents', width - left, upper)}</Box>
				{dialog ? dialogView(width, lower) : lowerHalf(width, lower, left)}
			</Box>
		);
	} else if (dialog) main = dialogView(width, body);
	else main = pane(focus, width, body);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<StatusLine width={width} theme={theme} />
			<Box height={body}>{main}</Box>
			<Footer width={width} theme={theme} />
		</Box>
	);
}
