// Text input that keeps every key. ink-text-input 6 keeps its value in React state,
// so two keys that arrive before a render overwrite each other, and a pasted chunk
// ending in "\r" is inserted with the "\r" and never submits. Here editing is a pure
// function over a buffer kept in a ref (or in the UI's reducer), and a chunk is split
// at line breaks: the text goes in, each break submits.
import {Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import type {KeyInfo} from '../app/key-map.js';

export type EditBuffer = {readonly value: string; readonly cursor: number};

export const emptyBuffer: EditBuffer = {value: '', cursor: 0};

export type EditKey = KeyInfo & {readonly leftArrow?: boolean; readonly rightArrow?: boolean; readonly meta?: boolean; readonly home?: boolean; readonly end?: boolean};

export type EditResult = {readonly buffer: EditBuffer; readonly submits: readonly string[]; readonly changed: boolean};

function insert(buffer: EditBuffer, text: string): EditBuffer {
	// Control characters other than tab never belong in a one-line input.
	const clean = text.replace(/\t/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
	if (!clean) return buffer;
	return {value: buffer.value.slice(0, buffer.cursor) + clean + buffer.value.slice(buffer.cursor), cursor: buffer.cursor + clean.length};
}

/** One Ink input event applied to a buffer: the new buffer and the lines submitted. */
export function applyKey(buffer: EditBuffer, input: string, key: EditKey): EditResult {
	const same = (next: EditBuffer, submits: string[] = []): EditResult => ({buffer: next, submits, changed: next !== buffer || submits.length > 0});
	if (key.return) return same(emptyBuffer, [buffer.value]);
	if (key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return same(buffer);
	if (key.backspace || key.delete) {
		if (buffer.cursor === 0) return same(buffer);
		return same({value: buffer.value.slice(0, buffer.cursor - 1) + buffer.value.slice(buffer.cursor), cursor: buffer.cursor - 1});
	}
	if (key.leftArrow) return same({...buffer, cursor: Math.max(0, buffer.cursor - 1)});
	if (key.rightArrow) return same({...buffer, cursor: Math.min(buffer.value.length, buffer.cursor + 1)});
	if (key.home || (key.ctrl && input === 'a')) return same({...buffer, cursor: 0});
	if (key.end || (key.ctrl && input === 'e')) return same({...buffer, cursor: buffer.value.length});
	if (key.ctrl && input === 'u') return same(emptyBuffer);
	if (key.ctrl || !input) return same(buffer);
	// A chunk (paste, or keys typed faster than a frame) may hold line breaks: each submits.
	const parts = input.split(/\r\n|\r|\n/);
	let next = insert(buffer, parts[0]!);
	const submits: string[] = [];
	for (const part of parts.slice(1)) {
		submits.push(next.value);
		next = insert(emptyBuffer, part);
	}
	return same(next, submits);
}

type FieldProps = {
	readonly buffer: EditBuffer;
	readonly focused: boolean;
	readonly placeholder?: string;
	readonly color?: string;
};

/** Draws a buffer with its cursor (inverse cell). */
export function TextField({buffer, focused, placeholder, color}: FieldProps) {
	if (buffer.value === '' && placeholder && !focused) return <Text dimColor>{placeholder}</Text>;
	if (!focused) return <Text color={color}>{buffer.value}</Text>;
	const before = buffer.value.slice(0, buffer.cursor);
	const at = buffer.value[buffer.cursor] ?? ' ';
	const after = buffer.value.slice(buffer.cursor + 1);
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
