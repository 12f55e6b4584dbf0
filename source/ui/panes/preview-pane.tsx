// The selected agent's live screen in colour, without attaching: what it is doing, or
// what a waiting agent asks. An exited agent shows why (the runtime's one-line reason)
// and its last screen lines, and how to start it again.
import {Text} from 'ink';
import {memo, useEffect} from 'react';
import {keyHint} from '../app/key-map.js';
import {PaneFrame, innerSize, type PaneProps} from '../widgets/pane-frame.js';
import {shortAddress} from '../widgets/format.js';
import {agentRows, selectedAgent, selectedAttention} from '../data/rows.js';
import {useDispatch, useServices, useUi} from '../app/ui-context.js';
import {useTerminal} from '../data/use-terminal.js';
import type {UiState} from '../app/state.js';

type Props = PaneProps & {
	/** Whose selection to show: the Agents pane's agent, or the attention list's item. */
	readonly source: 'agents' | 'attention';
};

function pick(state: UiState, source: Props['source']) {
	const found = source === 'agents' ? selectedAgent(state) : agentRows({...state, filter: ''}).find(agent => agent.id === selectedAttention(state)?.session);
	if (!found) return undefined;
	const {state: report} = found;
	return {
		id: found.id,
		address: shortAddress(found.address) || found.id,
		word: report.state,
		reason: report.reason,
		detail: report.detail,
		exit: found.exitSignal ?? (found.exitCode === undefined ? undefined : String(found.exitCode)),
		bead: found.bead,
		mergeFailed: found.mergeFailed,
		stopped: found.stopped?.restart,
	};
}

export const PreviewPane = memo(function PreviewPane({focused, width, height, theme, source}: Props) {
	const services = useServices();
	const agent = useUi(state => (state.daemon === 'up' ? pick(state, source) : undefined));
	const back = useUi(state => (source === 'agents' ? state.previewBack : 0));
	const dispatch = useDispatch();
	const {cols, rows} = innerSize(width, height);
	const exited = agent?.word === 'exited';
	const notes: Array<{text: string; color: string | undefined}> = [];
	if (agent?.stopped) {
		notes.push({text: 'stopped: no session, so no screen (its worktree and hook are kept)', color: theme.muted});
		notes.push({text: `${keyHint('agents.restart', 'first')} (in the Agents pane) starts it, as \`${agent.stopped}\` would`, color: theme.muted});
	} else if (exited) {
		notes.push({text: `exited${agent.exit ? ` ${agent.exit}` : ''}: ${agent.reason ?? 'its last lines are below'}`, color: theme.danger});
		notes.push({text: `${keyHint('agents.restart', 'first')} (in the Agents pane) starts it again on the same hook`, color: theme.muted});
	} else if (agent?.reason) notes.push({text: agent.reason, color: theme.danger});
	if (agent?.mergeFailed) notes.push({text: `merge ${agent.mergeFailed} failed: ${keyHint('global.pane-merges', 'first')} shows why`, color: theme.danger});
	// A stopped agent has no terminal to watch.
	const view = useTerminal(services, agent?.stopped ? undefined : agent?.id, {rows: Math.max(1, rows - notes.length), cols}, theme.name === 'plain', undefined, undefined, back);
	// Scrolled past the top of the scrollback: keep the state where the lines really are, so ] comes back at once.
	const shownBack = view?.back ?? 0;
	useEffect(() => {
		// Only once the view is drawn for this scroll: an older one says nothing about it.
		if (view && view.asked === back && shownBack < back) dispatch({type: 'preview-scroll', by: shownBack - back});
	}, [view, shownBack, back, dispatch]);
	const scrolled = shownBack > 0 ? `↑ ${shownBack} lines back (${keyHint('agents.scroll-forward', 'first')}: forward)` : undefined;
	const extra = agent ? [agent.address, agent.stopped ? 'stopped' : agent.word, agent.bead, scrolled].filter(Boolean).join(' · ') : '';
	return (
		<PaneFrame title={source === 'agents' ? 'Preview' : 'Its screen'} focused={focused} width={width} height={height} theme={theme} extra={extra}>
			{agent ? null : <Text color={theme.muted}>{source === 'agents' ? 'Select an agent (j/k) to see its screen.' : 'Select a waiting agent to see what it asks.'}</Text>}
			{notes.map(note => <Text key={note.text} color={note.color} wrap="truncate-end">{note.text}</Text>)}
			{agent && !view && !agent.stopped ? <Text color={theme.muted}>Waiting for the screen…</Text> : null}
			{view?.lines.map((line, index) => <Text key={index} wrap="truncate-end">{line === '' ? ' ' : line}</Text>)}
		</PaneFrame>
	);
});
