// Text input that keeps every key. ink-text-input 6 keeps its value in React state,
// so two keys that arrive before a render overwrite each other (typing a, b, c before
// a frame left "c"), a pasted chunk ending in "\r" is inserted with the "\r" and never
// submits, and backspace after an emoji leaves a lone surrogate. Here editing is a
// pure function over a buffer kept in a ref (or in the UI's reducer); a chunk is
// split at line breaks (the text goes in, each break submits); the cursor moves and
// deletes by grapheme (Intl.Segmenter), so "😀" or "é" typed as e + ◌́ go as one.
// The editing keys come from the key map's `input` and `edit` scopes.
import {Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import {keyName, matchKey, type IdIn, type KeyInfo} from '../app/key-map.js';

export type EditBuffer = {
	readonly value: string;
	/** A UTF-16 offset into value, always on a grapheme boundary. */
	readonly cursor: number;
};

export const emptyBuffer: EditBuffer = {value: '', cursor: 0};

export type EditKey = KeyInfo;

export type EditResult = {readonly buffer: EditBuffer; readonly submits: readonly string[]; readonly changed: boolean};

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The graphemes of a string, in order. */
export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), part => part.segment);

/** The grapheme boundary before `cursor` (0 at the start). */
function previousBoundary(value: string, cursor: number): number {
	let last = 0;
	for (const {index} of segmenter.segment(value)) {
		if (index >= cursor) break;
		last = index;
	}
	return last;
}

/** The grapheme boundary after `cursor` (the length at the end). */
function nextBoundary(value: string, cursor: number): number {
	const part = segmenter.segment(value).containing(cursor);
	return part ? part.index + part.segment.length : value.length;
}

function insert(buffer: EditBuffer, text: string): EditBuffer {
	// Control characters other than tab never belong in a one-line input.
	const clean = text.replace(/\t/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
	if (!clean) return buffer;
	return {value: buffer.value.slice(0, buffer.cursor) + clean + buffer.value.slice(buffer.cursor), cursor: buffer.cursor + clean.length};
}

/** Typed or pasted text: a chunk (paste, or keys typed faster than a frame) may hold line breaks, and each submits. */
function typeText(buffer: EditBuffer, input: string): {buffer: EditBuffer; submits: string[]} {
	const parts = input.split(/\r\n|\r|\n/);
	let next = insert(buffer, parts[0]!);
	const submits: string[] = [];
	for (const part of parts.slice(1)) {
		submits.push(next.value);
		next = insert(emptyBuffer, part);
	}
	return {buffer: next, submits};
}

type Edit = (buffer: EditBuffer) => {buffer: EditBuffer; submits?: string[]};

/** What each editing key does. `input.cancel` is the owner's (it closes the field); here it changes nothing. */
const edits: Record<IdIn<'input' | 'edit'>, Edit> = {
	'input.submit': buffer => ({buffer: emptyBuffer, submits: [buffer.value]}),
	'input.cancel': buffer => ({buffer}),
	'edit.left': buffer => ({buffer: {...buffer, cursor: previousBoundary(buffer.value, buffer.cursor)}}),
	'edit.right': buffer => ({buffer: {...buffer, cursor: nextBoundary(buffer.value, buffer.cursor)}}),
	'edit.home': buffer => ({buffer: {...buffer, cursor: 0}}),
	'edit.end': buffer => ({buffer: {...buffer, cursor: buffer.value.length}}),
	'edit.delete-back': buffer => {
		if (buffer.cursor === 0) return {buffer};
		const start = previousBoundary(buffer.value, buffer.cursor);
		return {buffer: {value: buffer.value.slice(0, start) + buffer.value.slice(buffer.cursor), cursor: start}};
	},
	'edit.clear': () => ({buffer: emptyBuffer}),
};

const unchangedBy = (cursor: number, buffer: EditBuffer) => cursor === buffer.cursor;

/** One Ink input event applied to a buffer: the new buffer and the lines submitted. */
export function applyKey(buffer: EditBuffer, input: string, key: EditKey): EditResult {
	const done = (next: EditBuffer, submits: readonly string[] = []): EditResult => {
		const same = next.value === buffer.value && unchangedBy(next.cursor, buffer);
		return {buffer: same ? buffer : next, submits, changed: !same || submits.length > 0};
	};
	const found = matchKey(keyName(input, key), ['input', 'edit']);
	if (found) {
		const result = edits[found.id](buffer);
		return done(result.buffer, result.submits);
	}
	// Other named keys (tab, up, pageup, esc, ctrl+<x>, alt+<x>) are not text.
	if (key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.ctrl || !input) return done(buffer);
	const typed = typeText(buffer, input);
	return done(typed.buffer, typed.submits);
}

type FieldProps = {
	readonly buffer: EditBuffer;
	readonly focused: boolean;
	readonly placeholder?: string;
	readonly color?: string;
};

/** The text before the cursor, the grapheme under it (a space at the end), and the rest. */
export function cursorParts(buffer: EditBuffer): {before: string; at: string; after: string} {
	const end = nextBoundary(buffer.value, buffer.cursor);
	return {before: buffer.value.slice(0, buffer.cursor), at: buffer.value.slice(buffer.cursor, end) || ' ', after: buffer.value.slice(end)};
}

/** Draws a buffer with its cursor (the grapheme under it inverse). */
export function TextField({buffer, focused, placeholder, color}: FieldProps) {
	if (buffer.value === '' && placeholder && !focused) return <Text dimColor>{placeholder}</Text>;
	if (!focused) return <Text color={color}>{buffer.value}</Text>;
	const {before, at, after} = cursorParts(buffer);
	return (
		<Text color={color}>
			{before}
			<Text inverse>{at}</Text>
			{after}
			{buffer.value === '' && placeholder ? <Text dimColor>{placeholder}</Text> : null}
		</Text>
	);
}

type Props = {
	readonly initial?: string;
	readonly focus?: boolean;
	readonly placeholder?: string;
	onChange?(value: string): void;
	onSubmit?(value: string): void;
};

/** A self-contained input for places that own their keys (the buffer lives in a ref). */
export function TextInput({initial = '', focus = true, placeholder, onChange, onSubmit}: Props) {
	const buffer = useRef<EditBuffer>({value: initial, cursor: initial.length});
	const [, setShown] = useState(buffer.current);
	useInput((input, key) => {
		const result = applyKey(buffer.current, input, key);
		if (!result.changed) return;
		const before = buffer.current.value;
		buffer.current = result.buffer;
		for (const line of result.submits) onSubmit?.(line);
		if (buffer.current.value !== before) onChange?.(buffer.current.value);
		setShown(buffer.current);
	}, {isActive: focus});
	return <TextField buffer={buffer.current} focused={focus} placeholder={placeholder} />;
}
