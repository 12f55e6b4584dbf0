// The refinery's queue: what is queued, what is merging, what failed and why (the
// gate's output or the conflicting files), with r to retry and R/x to reject.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {keyHint} from '../app/key-map.js';
import {Age} from '../widgets/age.js';
import {fit, windowStart} from '../widgets/format.js';
import {PaneFrame, innerSize, type PaneProps} from '../widgets/pane-frame.js';
import {emptyText, mergeRows, selectedIndex} from '../data/rows.js';
import {useUi} from '../app/ui-context.js';
import {safeBlock} from '../../core/base/terminal-text.js';
import type {MergeRequestJson} from '../../core/refinery/queue.js';

const glyphs: Readonly<Record<string, string>> = {queued: '○', merging: '●', failed: '✖'};

/**
 * What the selected request says about itself. Merging: the live tail of its setup and gates
 * (the refinery writes it as it comes). Failed: the error, conflicts, then the output's tail.
 * Queued: its place in the line and why it was queued again, if it was.
 */
export function detailLines(request: MergeRequestJson, position?: number): string[] {
	const lines = [`${request.id} ${request.state}${request.attempts ? ` · attempt ${request.attempts}` : ''} · ${request.branch ?? ''}${request.worker ? ` · from ${request.worker}` : ''}`];
	if (request.state === 'merging') {
		if (request.live_output) lines.push('running (live output):', ...safeBlock(request.live_output.trimEnd()).split('\n'));
		else lines.push('rebasing; the setup and gates start next…');
		return lines;
	}
	if (request.state === 'queued') {
		lines.push(position === undefined ? 'queued' : `queued · ${position === 1 ? 'next' : `number ${position}`} in ${request.rig}'s line`);
		if (request.last_error) lines.push(`last time: ${request.last_error}`);
		return lines;
	}
	if (request.last_error) lines.push(`error: ${request.last_error}`);
	if (request.conflicts?.length) lines.push(`conflicts: ${request.conflicts.join(', ')}`);
	if (request.gate_output) lines.push(...safeBlock(request.gate_output.trimEnd()).split('\n'));
	return lines;
}

export const MergePane = memo(function MergePane({focused, width, height, theme}: PaneProps) {
	const {rows, selected, filter} = useUi(state => ({rows: mergeRows(state), selected: selectedIndex(state, 'merges'), filter: state.filter}));
	const {cols, rows: inner} = innerSize(width, height);
	const failed = rows.filter(request => request.state === 'failed').length;
	const listRows = Math.max(1, Math.min(rows.length || 1, Math.floor(inner / 3)));
	const start = windowStart(rows.length, selected, listRows);
	const current = rows[selected];
	const position = current?.state === 'queued' ? rows.filter(request => request.rig === current.rig && request.state === 'queued').indexOf(current) + 1 : undefined;
	const detail = current ? detailLines(current, position) : [];
	const detailRows = Math.max(0, inner - listRows - 1);
	// The end of the output is where a failing test says why.
	const shown = detail.length > detailRows ? [detail[0]!, ...detail.slice(detail.length - detailRows + 1)] : detail;
	const stateColor = (state: string) => (state === 'failed' ? theme.danger : state === 'merging' ? theme.working : theme.muted);
	return (
		<PaneFrame title="Merge queue" index={6} focused={focused} width={width} height={height} theme={theme} extra={`${rows.length}${failed ? ` · ${failed} failed` : ''} · ${keyHint('merges.retry', 'first')} retry · ${keyHint('merges.reject', 'first')} reject`}>
			{rows.length === 0 ? <Text color={theme.muted}>{emptyText({filter}, 'The merge queue is empty: `gt done` queues a branch.')}</Text> : null}
			{rows.slice(start, start + listRows).map((request, offset) => (
				<Text key={request.id} inverse={focused && start + offset === selected} bold={request.state === 'failed'} wrap="truncate-end">
					<Text color={stateColor(request.state)}>{`${glyphs[request.state] ?? '?'} ${fit(request.state, 8)}`}</Text>
					{fit(` ${request.id} ${request.title}${request.worker ? ` — ${request.worker}` : ''}`, Math.max(4, cols - 15))}
					<Age since={request.created_at} color={theme.muted} />
				</Text>
			))}
			{current ? (
				<Box flexDirection="column" marginTop={1}>
					{shown.map((line, index) => <Text key={index} color={index === 0 ? stateColor(current.state) : undefined} wrap="truncate-end">{line || ' '}</Text>)}
				</Box>
			) : null}
		</PaneFrame>
	);
});
