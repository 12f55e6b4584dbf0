// Small formatting helpers shared by the panes. Widths are terminal cells (string-width,
// the measure Ink lays out with), cut on grapheme boundaries: "🚚" is two cells and one
// grapheme, where `.length` says two and `.slice` can split it into lone surrogates.
import stringWidth from 'string-width';
import type {SessionState} from '../../core/agents/state/types.js';
import {safeText} from '../../core/base/terminal-text.js';

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
	paused: '‖',
	exited: '✖',
	unknown: '?',
};

export const beadGlyph = (status: string) => (status === 'closed' ? '✔' : status === 'in_progress' || status === 'hooked' ? '◐' : status === 'blocked' ? '✖' : status === 'missing' ? '?' : '○');

/** `███░░ 3/5` */
export function progressBar(done: number, total: number, width = 5): string {
	const filled = total === 0 ? 0 : Math.floor((done / total) * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The longest start of `text` that fits in `cells` columns, and its width. */
function head(text: string, cells: number): {text: string; width: number} {
	let out = '';
	let used = 0;
	for (const {segment} of segmenter.segment(text)) {
		const width = stringWidth(segment);
		if (used + width > cells) break;
		out += segment;
		used += width;
	}
	return {text: out, width: used};
}

/**
 * Cuts or pads to exactly `width` columns (ellipsis when cut). Every row a pane draws
 * goes through fit or clip, so both show control characters escaped (safeText): a
 * title's ESC or C1 bytes never reach the terminal through Ink.
 */
export function fit(raw: string, width: number): string {
	if (width <= 0) return '';
	const text = safeText(raw);
	const cells = stringWidth(text);
	if (cells <= width) return text + ' '.repeat(width - cells);
	if (width === 1) return '…';
	const cut = head(text, width - 1);
	return `${cut.text}…${' '.repeat(width - 1 - cut.width)}`;
}

/** Cuts to at most `width` columns (no ellipsis, no padding). */
export function clip(raw: string, width: number): string {
	const text = safeText(raw);
	return stringWidth(text) <= width ? text : head(text, Math.max(0, width)).text;
}

/** The first row to show so that `selected` stays on screen. */
export function windowStart(count: number, selected: number, height: number): number {
	if (count <= height) return 0;
	return Math.max(0, Math.min(count - height, selected - Math.floor(height / 2)));
}

/** "mp/polecats/furiosa" → "mp/furiosa" (the role column says polecat); "mayor/" → "mayor". */
export const shortAddress = (address: string) => address.replace(/\/+$/, '').replace(/^([^/]+)\/polecats\//, '$1/');
