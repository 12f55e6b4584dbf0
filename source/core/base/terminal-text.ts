// Text from users and agents (bead titles, descriptions, mail) on its way to a
// terminal. A title holding `ESC ] 0 ; … BEL` would retitle the window, `ESC [ 2 J`
// clear it, and the one-byte C1 CSI (U+009B) does the same on some terminals; so
// human output shows every control character escaped, on a terminal and piped alike.
// JSON output never goes through here: it stays exact.

export type SafeTextOptions = {
	/** Keep newlines and tabs (descriptions, bodies); single-line text escapes them too. */
	readonly multiline?: boolean;
};

// C0 controls, DEL and the C1 controls (U+0080–U+009F).
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

const named: Record<string, string> = {'\u001b': '\\e', '\n': '\\n', '\t': '\\t', '\r': '\\r'};

/**
 * `text` with control characters shown as `\e`, `\n`, `\t`, `\r` or `\xNN`. Takes
 * anything: a hand-edited ledger may hold a number where a string belongs.
 */
export function safeText(text: unknown, options: SafeTextOptions = {}): string {
	return String(text ?? '').replace(controls, char => {
		if (options.multiline && (char === '\n' || char === '\t')) return char;
		return named[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
	});
}

/** safeText for multi-line text (keeps newlines and tabs). */
export const safeBlock = (text: unknown): string => safeText(text, {multiline: true});
