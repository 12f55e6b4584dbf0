// An agent command line the user typed ("claude --model 'haiku 4'") split into argv
// the way a POSIX shell would, so it can be run without one. Anything a shell would
// expand or interpret (variables, command substitution, pipes, redirections) is
// refused rather than passed on with a different meaning.
import {usageError} from '../base/errors.js';

export type CommandLine = {
	/** Leading `KEY=VALUE` assignments. */
	env: Record<string, string>;
	program: string;
	args: string[];
};

export type ParseOptions = {
	/** Expands an unquoted leading `~` (or `~/…`) like a shell does. Without it `~` stays literal. */
	readonly home?: string;
};

/** A word as characters, each remembering whether it was quoted or escaped. */
type Word = {chars: string[]; quoted: boolean[]};

const hint = 'the line is split like a shell would, but no shell runs: quote special characters';
const operators = new Set(['|', '&', ';', '<', '>', '(', ')']);
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

function problem(message: string, column: number, extraHint = hint) {
	return usageError(`command line: ${message} at column ${column}`, extraHint);
}

/** What `$` starts, if a shell would expand it; a lone `$` or `$` before a space is literal. */
function expansionAt(line: string, index: number): string | undefined {
	const next = line[index + 1];
	if (next === undefined) return undefined;
	if (next === '(') return '$(…)';
	if (next === '{') return '${…}';
	if (/[A-Za-z_0-9@*#?$!-]/.test(next)) return `$${/[A-Za-z_]/.test(next) ? (/^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(index + 1))?.[0] ?? next) : next}`;
	return undefined;
}

function refuseExpansion(line: string, index: number): void {
	const what = expansionAt(line, index);
	if (what) {
		throw problem(`${what} would be expanded by a shell, but none runs`, index + 1, 'write the value itself, or single-quote it to pass a literal $');
	}
}

function splitWords(line: string): Word[] {
	const words: Word[] = [];
	let word: Word | undefined;
	const push = (ch: string, quoted: boolean) => {
		word ??= {chars: [], quoted: []};
		word.chars.push(ch);
		word.quoted.push(quoted);
	};
	const end = () => {
		if (word) words.push(word);
		word = undefined;
	};

	let index = 0;
	while (index < line.length) {
		const ch = line[index]!;
		if (ch === ' ' || ch === '\t') {
			end();
			index++;
		} else if (ch === '\n' || ch === '\r') {
			throw problem('a line break would start a second command', index + 1, 'give one command on one line');
		} else if (ch === '#' && !word) {
			// A comment, as in a shell.
			break;
		} else if (ch === "'") {
			const close = line.indexOf("'", index + 1);
			if (close < 0) throw problem("unterminated ' quote", index + 1, "close the quote with a matching '");
			word ??= {chars: [], quoted: []};
			for (const inner of line.slice(index + 1, close)) push(inner, true);
			index = close + 1;
		} else if (ch === '"') {
			word ??= {chars: [], quoted: []};
			let cursor = index + 1;
			for (;;) {
				if (cursor >= line.length) throw problem('unterminated " quote', index + 1, 'close the quote with a matching "');
				const inner = line[cursor]!;
				if (inner === '"') break;
				if (inner === '\\') {
					const next = line[cursor + 1];
					if (next === '"' || next === '\\' || next === '$' || next === '`') {
						push(next, true);
						cursor += 2;
						continue;
					}
					if (next === '\n') {
						cursor += 2;
						continue;
					}
				} else if (inner === '`') {
					throw problem('`…` would be expanded by a shell, but none runs', cursor + 1, 'escape it as \\` or use single quotes');
				} else if (inner === '$') {
					refuseExpansion(line, cursor);
				}
				push(inner, true);
				cursor++;
			}
			index = cursor + 1;
		} else if (ch === '\\') {
			const next = line[index + 1];
			if (next === undefined) throw problem('ends with a lone backslash', index + 1, 'remove it, or write \\\\ for a literal backslash');
			if (next !== '\n') push(next, true);
			index += 2;
		} else if (ch === '`') {
			throw problem('`…` would be expanded by a shell, but none runs', index + 1, 'quote it with single quotes to pass it literally');
		} else if (ch === '$') {
			refuseExpansion(line, index);
			push(ch, false);
			index++;
		} else if (operators.has(ch)) {
			throw problem(`shell operator "${ch}" is not supported`, index + 1, 'the agent runs without a shell; quote the character to pass it literally');
		} else {
			push(ch, false);
			index++;
		}
	}
	end();
	return words;
}

/** The assignment in a word, if its `NAME=` part was written unquoted (a quoted one is a plain word to a shell too). */
function assignment(word: Word): [string, string] | undefined {
	const equals = word.chars.indexOf('=');
	if (equals <= 0) return undefined;
	if (word.quoted.slice(0, equals + 1).some(Boolean)) return undefined;
	const name = word.chars.slice(0, equals).join('');
	if (!envName.test(name)) return undefined;
	return [name, word.chars.slice(equals + 1).join('')];
}

function expandTilde(word: Word, options: ParseOptions): string {
	const text = word.chars.join('');
	if (options.home === undefined || word.chars[0] !== '~' || word.quoted[0]) return text;
	if (word.chars.length === 1) return options.home;
	if (word.chars[1] === '/' && !word.quoted[1]) return options.home + text.slice(1);
	return text;
}

/** Splits a command line into `{env, program, args}`. Errors are usage errors naming the column. */
export function parseCommandLine(line: string, options: ParseOptions = {}): CommandLine {
	const words = splitWords(line);
	const env: Record<string, string> = {};
	let index = 0;
	for (; index < words.length; index++) {
		const pair = assignment(words[index]!);
		if (!pair) break;
		env[pair[0]] = pair[1];
	}
	if (index >= words.length) {
		throw usageError(
			words.length === 0 ? 'command line is empty' : 'command line has only variable assignments and no program',
			'give the program to run, e.g. "claude --model haiku"',
		);
	}
	const [program, ...args] = words.slice(index).map(word => expandTilde(word, options));
	if (program === '') throw usageError('command line: the program name is empty', 'give the program to run, e.g. "claude --model haiku"');
	return {env, program: program!, args};
}

/** Only the words, for callers that have no use for assignments (they stay as words here). */
export function splitCommandLine(line: string, options: ParseOptions = {}): string[] {
	return splitWords(line).map(word => expandTilde(word, options));
}

const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word quoted so that the parser above (and a shell) reads it back unchanged. */
export function quoteWord(word: string): string {
	if (word !== '' && safeWord.test(word)) return word;
	return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The inverse of parseCommandLine, for display and for writing back. */
export function formatCommandLine(line: {env?: Readonly<Record<string, string>>; program: string; args?: readonly string[]}): string {
	const assignments = Object.entries(line.env ?? {}).map(([name, value]) => `${name}=${quoteWord(value)}`);
	// A program word that looks like an assignment must be quoted so it stays the program.
	const program = /^[A-Za-z_][A-Za-z0-9_]*=/.test(line.program) ? `'${line.program.replaceAll("'", `'\\''`)}'` : quoteWord(line.program);
	return [...assignments, program, ...(line.args ?? []).map(quoteWord)].join(' ');
}
