// Keyboard input for the sim as a small state machine: bytes from a raw-mode terminal
// in, an edited input line and events (submit, interrupt, exit, answer) out.
//
// Pastes: with bracketed paste (ESC[200~ … ESC[201~) everything inside is text. Without
// it, a chunk that holds several lines is taken as pasted: line breaks inside it are
// newlines in the input, and only a line break that ends the chunk is Enter. So "fix
// it\r" typed by a program submits, and "a\nb\nc" pasted waits for Enter.

export type InputState = {
	readonly text: string;
	/** Index into `text` (UTF-16 units, always on a code point boundary). */
	readonly cursor: number;
	/** Ctrl-C was pressed on an empty input: one more exits. */
	readonly exitArmed: boolean;
	/** A yes/no question is showing; keys answer it instead of editing. 0 = yes, 1 = no. */
	readonly choice?: {readonly selected: number};
	/** Text of a bracketed paste that has not ended yet. */
	readonly paste?: string;
	/** The start of an escape sequence cut off at the end of a chunk. */
	readonly pending?: string;
};

export type InputEvent =
	| {readonly type: 'submit'; readonly text: string}
	| {readonly type: 'interrupt'}
	| {readonly type: 'exit-armed'}
	| {readonly type: 'exit'}
	| {readonly type: 'answer'; readonly accept: boolean};

export const emptyInput: InputState = {text: '', cursor: 0, exitArmed: false};

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

type KeyName = 'enter' | 'escape' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'ctrl-c' | 'ctrl-d' | 'kill-line-start' | 'kill-line-end' | 'kill-word';
type Key = {readonly name: 'text'; readonly text: string} | {readonly name: KeyName};

const csiKeys: Record<string, KeyName> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', '1~': 'home', '4~': 'end', '7~': 'home', '8~': 'end', '3~': 'delete'};
const controlKeys: Record<string, KeyName> = {
	'\u0003': 'ctrl-c',
	'\u0004': 'ctrl-d',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0001': 'home',
	'\u0005': 'end',
	'\u0015': 'kill-line-start',
	'\u000B': 'kill-line-end',
	'\u0017': 'kill-word',
	'\u0002': 'left',
	'\u0006': 'right',
};

/** Splits an unbracketed chunk into keys; returns what is left of a cut-off escape sequence. */
function parseKeys(chunk: string): {keys: Key[]; pending?: string} {
	const keys: Key[] = [];
	const enterAt = chunk.endsWith('\r\n') ? chunk.length - 2 : /[\r\n]$/.test(chunk) ? chunk.length - 1 : -1;
	let text = '';
	const flush = () => {
		if (text) keys.push({name: 'text', text});
		text = '';
	};
	for (let index = 0; index < chunk.length; index++) {
		const char = chunk[index]!;
		if (char === '\r' || char === '\n') {
			if (index === enterAt) {
				flush();
				keys.push({name: 'enter'});
				break;
			}
			// A line break inside a chunk is part of pasted text; CRLF counts once.
			if (!(char === '\n' && chunk[index - 1] === '\r')) text += '\n';
			continue;
		}
		if (char === '\u001B') {
			const next = chunk[index + 1];
			if (next === '[' || next === 'O') {
				const match = /^[\d;?]*[@-~]/.exec(chunk.slice(index + 2));
				if (!match) {
					// Cut off mid-sequence (or garbage): keep it for the next chunk.
					if (/^[\d;?]*$/.test(chunk.slice(index + 2))) {
						flush();
						return {keys, pending: chunk.slice(index)};
					}
					continue;
				}
				flush();
				// Keys we do not edit with (page up, function keys, mouse) are dropped whole.
				const body = match[0];
				const name = csiKeys[body] ?? (body.endsWith('~') ? undefined : csiKeys[body.slice(-1)]);
				if (name) keys.push({name});
				index += 1 + body.length;
				continue;
			}
			flush();
			keys.push({name: 'escape'});
			continue;
		}
		const control = controlKeys[char];
		if (control) {
			flush();
			keys.push({name: control});
			continue;
		}
		if (char < ' ' && char !== '\t') continue;
		text += char;
	}
	flush();
	return {keys};
}

function previousBoundary(text: string, cursor: number): number {
	if (cursor <= 0) return 0;
	const code = text.charCodeAt(cursor - 1);
	return code >= 0xdc00 && code <= 0xdfff && cursor >= 2 ? cursor - 2 : cursor - 1;
}

function nextBoundary(text: string, cursor: number): number {
	if (cursor >= text.length) return text.length;
	const code = text.charCodeAt(cursor);
	return code >= 0xd800 && code <= 0xdbff ? cursor + 2 : cursor + 1;
}

function insert(state: InputState, text: string): InputState {
	return {...state, text: state.text.slice(0, state.cursor) + text + state.text.slice(state.cursor), cursor: state.cursor + text.length};
}

function applyChoiceKey(state: InputState, key: Key, events: InputEvent[]): InputState {
	const selected = state.choice!.selected;
	switch (key.name) {
		case 'up':
		case 'down': {
			return {...state, choice: {selected: selected === 0 ? 1 : 0}};
		}
		case 'enter': {
			events.push({type: 'answer', accept: selected === 0});
			return {...state, choice: undefined};
		}
		case 'escape':
		case 'ctrl-c': {
			events.push({type: 'answer', accept: false});
			return {...state, choice: undefined};
		}
		case 'ctrl-d': {
			events.push({type: 'exit'});
			return state;
		}
		case 'text': {
			const answer = key.text.trim().toLowerCase()[0];
			if (answer === '1' || answer === 'y') events.push({type: 'answer', accept: true});
			else if (answer === '2' || answer === 'n') events.push({type: 'answer', accept: false});
			else return state;
			return {...state, choice: undefined};
		}
		default: {
			return state;
		}
	}
}

function applyKey(state: InputState, key: Key, events: InputEvent[]): InputState {
	if (state.choice) return applyChoiceKey(state, key, events);
	const {text, cursor} = state;
	switch (key.name) {
		case 'text': {
			return insert(state, key.text);
		}
		case 'enter': {
			if (text.trim() === '') return {...state, text: '', cursor: 0};
			events.push({type: 'submit', text});
			return {...state, text: '', cursor: 0};
		}
		case 'backspace': {
			const start = previousBoundary(text, cursor);
			return {...state, text: text.slice(0, start) + text.slice(cursor), cursor: start};
		}
		case 'delete': {
			return {...state, text: text.slice(0, cursor) + text.slice(nextBoundary(text, cursor))};
		}
		case 'left': {
			return {...state, cursor: previousBoundary(text, cursor)};
		}
		case 'right': {
			return {...state, cursor: nextBoundary(text, cursor)};
		}
		case 'home': {
			return {...state, cursor: text.lastIndexOf('\n', cursor - 1) + 1};
		}
		case 'end': {
			const end = text.indexOf('\n', cursor);
			return {...state, cursor: end < 0 ? text.length : end};
		}
		case 'kill-line-start': {
			const start = text.lastIndexOf('\n', cursor - 1) + 1;
			return {...state, text: text.slice(0, start) + text.slice(cursor), cursor: start};
		}
		case 'kill-line-end': {
			const end = text.indexOf('\n', cursor);
			return {...state, text: text.slice(0, cursor) + (end < 0 ? '' : text.slice(end))};
		}
		case 'kill-word': {
			const start = text.slice(0, cursor).replace(/\S+\s*$/, '').length;
			return {...state, text: text.slice(0, start) + text.slice(cursor), cursor: start};
		}
		case 'escape': {
			events.push({type: 'interrupt'});
			return state;
		}
		case 'ctrl-c': {
			// Like Claude: the first Ctrl-C clears the input (or interrupts), the second exits.
			if (text !== '') return {...state, text: '', cursor: 0};
			if (state.exitArmed) {
				events.push({type: 'exit'});
				return state;
			}
			events.push({type: 'interrupt'}, {type: 'exit-armed'});
			return {...state, exitArmed: true};
		}
		case 'ctrl-d': {
			events.push({type: 'exit'});
			return state;
		}
		default: {
			return state;
		}
	}
}

/** Feeds one chunk read from the terminal. */
export function feedInput(previous: InputState, chunk: string): {state: InputState; events: InputEvent[]} {
	const events: InputEvent[] = [];
	let state: InputState = {...previous, pending: undefined};
	let rest = (previous.pending ?? '') + chunk;
	while (rest !== '') {
		if (state.paste !== undefined) {
			const buffered = state.paste + rest;
			const end = buffered.indexOf(pasteEnd);
			if (end < 0) return {state: {...state, paste: buffered}, events};
			const pasted = buffered.slice(0, end).replace(/\r\n?/g, '\n');
			state = {...state, paste: undefined};
			if (state.choice) state = applyChoiceKey(state, {name: 'text', text: pasted}, events);
			else state = insert(state, pasted.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ''));
			rest = buffered.slice(end + pasteEnd.length);
			continue;
		}
		const start = rest.indexOf(pasteStart);
		const plain = start < 0 ? rest : rest.slice(0, start);
		const {keys, pending} = parseKeys(plain);
		for (const key of keys) {
			if (state.exitArmed && key.name !== 'ctrl-c') state = {...state, exitArmed: false};
			state = applyKey(state, key, events);
		}
		if (pending !== undefined && start < 0) return {state: {...state, pending}, events};
		if (start < 0) break;
		state = {...state, paste: '', exitArmed: false};
		rest = rest.slice(start + pasteStart.length);
	}
	return {state, events};
}

/** Shows a yes/no question: keys answer it until it is answered. */
export function askChoice(state: InputState): InputState {
	return {...state, choice: {selected: 0}};
}
