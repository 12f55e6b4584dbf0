// Drawing the sim's screen: a Claude-like layout (header, conversation, spinner,
// input box or permission prompt, footer) as pure functions from a view to lines,
// plus the escape sequences that bring a terminal from one frame to the next.
import {cleanText, ellipsize, textWidth, wrapLine, wrapText} from './text.js';

export type LogEntry =
	| {readonly kind: 'user'; readonly text: string}
	| {readonly kind: 'assistant'; readonly text: string}
	| {readonly kind: 'tool'; readonly name: string; readonly detail: string; readonly status: 'running' | 'ok' | 'error'}
	| {readonly kind: 'result'; readonly text: string; readonly error?: boolean}
	/** Hook output added to the conversation (SessionStart, UserPromptSubmit). */
	| {readonly kind: 'context'; readonly source: string; readonly text: string}
	| {readonly kind: 'notice'; readonly text: string; readonly error?: boolean};

export type PermissionView = {
	readonly title: string;
	readonly command: string;
	readonly description: string;
	/** 0 = Yes, 1 = No. */
	readonly selected: number;
};

export type View = {
	readonly banner: string;
	/** Role, address, directory: who this agent is. */
	readonly identity: string;
	readonly log: readonly LogEntry[];
	readonly busy?: {readonly verb: string; readonly frame: number};
	readonly input: {readonly text: string; readonly cursor: number};
	readonly permission?: PermissionView;
	/** Prompts typed while busy, run after the current work. */
	readonly queued: readonly string[];
	/** Replaces the footer for a moment ("Press Ctrl-C again to exit"). */
	readonly hint?: string;
	readonly color: boolean;
};

export const banner = 'sim — simulated agent (no AI). Switch with: gt config default-agent claude';

/** Claude's spinner glyphs, there and back. */
const spinnerGlyphs = ['·', '✢', '✳', '✶', '✻', '✽', '✻', '✶', '✳', '✢'];
/** The title spinner: braille dots, as Claude's title shows while working. */
const titleGlyphs = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const style = {
	dim: '2',
	bold: '1',
	accent: '38;5;174',
	green: '32',
	red: '31',
	inverse: '7',
	user: '38;5;246',
	border: '38;5;244',
	prompt: '38;5;111',
} as const;

type Segment = readonly [text: string, sgr?: string];
type Line = readonly Segment[];

/** Cursor marker in the input text while wrapping; a private-use character, one cell wide. */
const cursorMark = '\uE000';

function serialize(line: Line, width: number, color: boolean): string {
	let used = 0;
	let result = '';
	for (const [raw, sgr] of line) {
		if (used >= width) break;
		const text = ellipsize(raw, width - used);
		used += textWidth(text);
		result += color && sgr ? `\u001B[${sgr}m${text}\u001B[0m` : text;
	}
	return result;
}

function rule(width: number): Line {
	return [['─'.repeat(width), style.border]];
}

function header(view: View, width: number): Line[] {
	const inner = Math.max(0, width - 4);
	const title = ' sim · simulated agent ';
	const top = `╭───${title}${'─'.repeat(Math.max(0, width - 5 - textWidth(title)))}╮`;
	const row = (text: string, sgr?: string): Line => {
		const shown = ellipsize(text, inner);
		return [['│ ', style.border], [shown, sgr], [' '.repeat(inner - textWidth(shown))], [' │', style.border]];
	};
	return [[[top, style.border]], row(view.banner, style.bold), row(view.identity, style.dim), [[`╰${'─'.repeat(Math.max(0, width - 2))}╯`, style.border]]];
}

const resultLines = 6;

function entryLines(entry: LogEntry, width: number): Line[] {
	const body = Math.max(1, width - 2);
	switch (entry.kind) {
		case 'user': {
			return wrapText(entry.text, body).map((text, index) => [[index === 0 ? '> ' : '  ', style.user], [text, style.user]]);
		}
		case 'assistant': {
			return wrapText(entry.text, body).map((text, index) => [[index === 0 ? '● ' : '  '], [text]]);
		}
		case 'tool': {
			const dot = entry.status === 'error' ? style.red : entry.status === 'ok' ? style.green : style.dim;
			return wrapLine(`${entry.name}(${cleanText(entry.detail).replace(/\n/g, ' ')})`, body).map((text, index) => [[index === 0 ? '● ' : '  ', dot], [text, index === 0 ? style.bold : undefined]]);
		}
		case 'result':
		case 'context':
		case 'notice': {
			const text = entry.kind === 'context' ? `${entry.source}: ${entry.text}` : entry.text;
			const lines = cleanText(text).replace(/\n+$/, '').split('\n').flatMap(line => wrapLine(line, Math.max(1, width - 5)));
			const limit = entry.kind === 'notice' ? lines.length : entry.kind === 'context' ? resultLines + 2 : resultLines;
			const shown = lines.length > limit ? [...lines.slice(0, limit - 1), `… +${lines.length - limit + 1} lines`] : lines;
			const sgr = 'error' in entry && entry.error ? style.red : entry.kind === 'result' ? undefined : style.dim;
			return shown.map((text, index) => [[index === 0 ? '  ⎿  ' : '     ', style.dim], [text, sgr]]);
		}
	}
}

const attached = (entry: LogEntry) => entry.kind === 'result' || entry.kind === 'context' || entry.kind === 'notice';

/**
 * The conversation as screen lines, a blank line before each message or tool call as
 * Claude draws it. With `last`, only the newest lines: entries are laid out from the
 * end, so a spinner tick in a long conversation costs what the screen shows.
 */
export function logLines(log: readonly LogEntry[], width: number, last = Number.POSITIVE_INFINITY): Line[] {
	const lines: Line[] = [];
	for (let index = log.length - 1; index >= 0 && lines.length < last; index--) {
		const entry = log[index]!;
		lines.unshift(...entryLines(entry, width));
		if (index > 0 && !attached(entry)) lines.unshift([]);
	}
	return lines.length > last ? lines.slice(-last) : lines;
}

function inputLines(view: View, width: number, maxLines: number): Line[] {
	const {text, cursor} = view.input;
	const marked = `${text.slice(0, cursor)}${cursorMark}${text.slice(cursor)}`;
	const wrapped = marked.split('\n').flatMap(line => wrapLine(line, Math.max(1, width - 2)));
	const cursorLine = Math.max(0, wrapped.findIndex(line => line.includes(cursorMark)));
	const first = Math.max(0, Math.min(cursorLine - maxLines + 1, wrapped.length - maxLines));
	return wrapped.slice(first, first + maxLines).map((line, index) => {
		const prefix: Segment = first + index === 0 ? ['❯ ', style.prompt] : ['  '];
		const at = line.indexOf(cursorMark);
		if (at < 0) return [prefix, [line]];
		// The cursor cell shows the character under it in inverse, or a space at the end.
		const after = line.slice(at + 1);
		const under = after.length > 0 ? String.fromCodePoint(after.codePointAt(0)!) : ' ';
		return [prefix, [line.slice(0, at)], [under, style.inverse], [after.slice(under.length)]];
	});
}

function permissionLines(permission: PermissionView, width: number): Line[] {
	const option = (index: number, label: string): Line => (permission.selected === index
		? [[' ❯ ', style.prompt], [`${index + 1}. ${label}`, style.prompt]]
		: [['   '], [`${index + 1}. ${label}`]]);
	return [
		rule(width),
		[[` ${permission.title}`, style.bold]],
		[],
		...wrapText(permission.command, Math.max(1, width - 3)).slice(0, 3).map((line): Line => [[`   ${line}`]]),
		[[`   ${permission.description}`, style.dim]],
		[],
		[[' Do you want to proceed?']],
		option(0, 'Yes'),
		option(1, 'No'),
		[],
		[[' Esc to cancel', style.dim]],
	];
}

export function spinnerGlyph(frame: number): string {
	return spinnerGlyphs[frame % spinnerGlyphs.length]!;
}

/** The busy line; its "esc to interrupt" is what state detectors look for. */
export function spinnerLine(verb: string, frame: number): string {
	return `${spinnerGlyph(frame)} ${verb}… (esc to interrupt)`;
}

/** The whole screen as `rows` strings (with SGR colour when asked), each at most `cols` cells. */
export function renderScreen(view: View, cols: number, rows: number): string[] {
	const width = Math.max(1, cols);
	const bottom: Line[] = [];
	for (const prompt of view.queued) bottom.push([[`> ${cleanText(prompt).replace(/\n/g, ' ')}`, style.dim], ['  (queued)', style.dim]]);
	bottom.push(view.busy ? [[spinnerLine(view.busy.verb, view.busy.frame), style.accent]] : []);
	if (view.permission) {
		bottom.push(...permissionLines(view.permission, width));
	} else {
		bottom.push(rule(width), ...inputLines(view, width, Math.max(1, Math.min(6, rows - 8))), rule(width));
		bottom.push(view.hint ? [[`  ${view.hint}`, style.accent]] : [['  simulated agent · /help · ctrl+c twice to exit', style.dim]]);
	}
	// On a short terminal the bottom wins; then the header; the conversation takes what is left.
	const head = header(view, width);
	const headShown = rows - bottom.length >= head.length + 2 ? [...head, []] : [];
	const logRows = Math.max(0, rows - bottom.length - headShown.length);
	const log = logRows > 0 ? logLines(view.log, width, logRows) : [];
	const lines = [...headShown, ...log];
	while (lines.length < rows - bottom.length) lines.push([]);
	lines.push(...bottom);
	return lines.slice(-rows).map(line => serialize(line, width, view.color));
}

/** The terminal title: a spinner glyph while working, plain "sim" otherwise. */
export function titleText(busyFrame: number | undefined): string {
	// Like Claude: ✳ when idle, a spinner glyph while working, so title rules apply to both.
	return busyFrame === undefined ? '✳ sim' : `${titleGlyphs[busyFrame % titleGlyphs.length]} sim`;
}

export function titleSequence(text: string): string {
	return `\u001B]0;${text}\u0007`;
}

// Synchronized output: terminals (and the daemon's headless one) show a frame whole.
const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

/**
 * Escape sequences that turn the screen showing `previous` into `next`: only the rows
 * that changed, each erased first (writing the last column leaves a pending wrap that
 * a later erase-to-end would eat). No previous frame, or another row count: a full
 * redraw (after a resize the caller passes no previous frame).
 */
export function frameUpdate(previous: readonly string[] | undefined, next: readonly string[]): string {
	const full = previous?.length !== next.length;
	let output = '';
	for (const [index, line] of next.entries()) {
		if (!full && previous![index] === line) continue;
		output += `\u001B[${index + 1};1H\u001B[2K${line}`;
	}
	if (full) output = `\u001B[H\u001B[2J${output}`;
	return output === '' ? '' : `${beginFrame}${output}${endFrame}`;
}
