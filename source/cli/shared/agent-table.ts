// How agents are shown by `gt agents` and `gt status`: a glyph and a word for the
// state, with waiting agents (they need a human) standing out.
import type {SessionInfo} from '../../core/sessions/types.js';
import type {SessionState} from '../../core/agents/state/types.js';
import {safeText} from '../../core/base/terminal-text.js';

const glyphs: Record<SessionState, string> = {
	starting: '◌',
	working: '●',
	idle: '○',
	waiting: '◆',
	paused: '‖',
	exited: '✕',
	unknown: '?',
};

/** "5s", "3m", "2h", "4d"; "-" when never. */
export function formatAge(iso: string | undefined, now: number): string {
	if (!iso) return '-';
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

export function stateLabel(info: SessionInfo, colour: boolean): string {
	const {state, source} = info.state;
	const word = state === 'waiting' ? 'WAITING' : state;
	const exit = state === 'exited' ? (info.exitSignal ? ` (${info.exitSignal})` : info.exitCode !== undefined ? ` ${info.exitCode}` : '') : '';
	// The witness's derived state (stalled, zombie, escalated) goes after the detector's.
	const label = `${glyphs[state] ?? '?'} ${word}${exit} (${source})${info.patrol ? ` ${info.patrol.state.toUpperCase()}` : ''}`;
	if (!colour) return label;
	if (state === 'waiting') return `\x1b[1;33m${label}\x1b[0m`;
	if (state === 'exited') return `\x1b[31m${label}\x1b[0m`;
	if (state === 'working') return `\x1b[32m${label}\x1b[0m`;
	return label;
}

const visibleLength = (text: string) => [...text.replace(/\x1b\[[0-9;]*m/g, '')].length;

/** Aligned columns; the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => visibleLength(row[column] ?? ''))));
	return rows.map(row => row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - visibleLength(cell)))).join('  ').trimEnd());
}

export function agentRows(sessions: readonly SessionInfo[], now: number, colour: boolean): string[] {
	// A failure screen's one-line reason (claude refusing root, nothing saved to resume) as a last column, when any has one.
	const why = sessions.some(info => info.state.reason) ? (info: SessionInfo) => [safeText(info.state.reason ?? '')] : () => [];
	const rows = [
		['ADDRESS', 'ROLE', 'AGENT', 'STATE', 'BEAD', 'ACTIVE', ...(sessions.some(info => info.state.reason) ? ['WHY'] : [])],
		// Cells from the daemon through safeText; only stateLabel's own colours are escapes.
		...sessions.map(info => [safeText(info.address), safeText(info.role), safeText(info.agent), stateLabel(info, colour), safeText(info.bead ?? '-'), formatAge(info.lastOutputAt ?? info.startedAt, now), ...why(info)]),
	];
	return formatTable(rows);
}
