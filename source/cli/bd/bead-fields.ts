// The original's bead fields that `bd create` and `bd update` set from flags, under
// the original's JSONL names: design, acceptance_criteria, external_ref, due_at,
// estimated_minutes, spec_id, metadata. `undefined` for a flag not given; "" clears.
import {parseWhen} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagString, type CommandContext} from '../spec.js';
import {readTextFile, textFromFlags} from './text-input.js';

/** `--metadata '{"a":1}'` or `--metadata @file.json`: a JSON object. */
export function metadataFrom(context: CommandContext, text: string): Record<string, unknown> {
	const source = text.startsWith('@') ? readTextFile(context, text.slice(1), 'metadata') : text;
	let value: unknown;
	try {
		value = JSON.parse(source);
	} catch {
		throw usageError(`--metadata takes a JSON object (got ${JSON.stringify(text.slice(0, 60))})`, `e.g. --metadata '{"team":"platform"}' or --metadata @meta.json`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw usageError('--metadata takes a JSON object, not an array or a single value', `e.g. --metadata '{"team":"platform"}'`);
	return value as Record<string, unknown>;
}

export function estimateOf(context: CommandContext): number | undefined {
	const value = context.flags.estimate;
	if (value === undefined) return undefined;
	const minutes = Number(value);
	if (!Number.isSafeInteger(minutes) || minutes < 0) throw usageError(`--estimate takes whole minutes, 0 or more (got ${String(value)})`, 'e.g. --estimate 60 for an hour');
	return minutes;
}

/** The fields given, keyed as the original stores them ("" or a cleared value: undefined, so update removes the key). */
export function fieldFlags(context: CommandContext, now: Date): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const set = (key: string, value: unknown) => {
		if (value !== undefined) fields[key] = value === '' ? undefined : value;
	};
	set('design', textFromFlags(context, 'design', 'designFile'));
	set('acceptance_criteria', flagString(context, 'acceptance'));
	set('external_ref', flagString(context, 'externalRef'));
	set('spec_id', flagString(context, 'specId'));
	const due = flagString(context, 'due');
	if (due !== undefined) set('due_at', due === '' ? '' : parseWhen(due, now));
	set('estimated_minutes', estimateOf(context));
	const metadata = flagString(context, 'metadata');
	if (metadata !== undefined) set('metadata', metadataFrom(context, metadata));
	return fields;
}

/** The description from -d, --body-file/--description-file or --stdin (at most one). */
export function descriptionOf(context: CommandContext): string | undefined {
	return textFromFlags(context, 'description', 'bodyFile', 'stdin');
}
