// Small formatting helpers shared by the panes.
import type {SessionState} from '../../core/daemon/protocol.js';

/** "5s", "3m", "2h", "4d" since an ISO time. */
export function age(iso: string | undefined, now: number): string {
	if (!iso) return '';
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (Number.isNaN(seconds)) return '';
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

export const stateGlyphs: Readonly<Record<SessionState, string>> = {
	starting: '◌',
	working: '●',
	idle: '○',
	waiting: '◐',
	exited: '✖',
	unknown: '?',
};

export const beadGlyph = (status: string) => (status === 'closed' ? '✔' : status === 'in_progress' || status === 'hooked' ? '◐' : status === 'blocked' ? '✖' : status === 'missing' ? '?' : '○');

/** `███░░ 3/5` */
export function progressBar(done: number, total: number, width = 5): string {
	const filled = total === 0 ? 0 : Math.floor((done / total) * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`;
}

/** Cuts or pads to exactly `width` columns (ellipsis when cut). */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	if (text.length <= width) return text.padEnd(width);
	return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** The first row to show so that `selected` stays on screen. */
export function windowStart(count: number, selected: number, height: number): number {
	if (count <= height) return 0;
	return Math.max(0, Math.min(count - height, selected - Math.floor(height / 2)));
}
