// Flags the originals document that mean nothing here (a tmux switch, a Dolt server, a
// cleanup state our worktrees do not keep). Agents type them from the original's docs, so
// they are accepted, never silently: one line on stderr says which flag was ignored and why.
import {usageError} from '../core/base/errors.js';
import {kebab} from './help.js';
import type {FlagSpec, Output} from './spec.js';

/** A flag that is parsed like any other and then ignored with a note giving `why`. */
export function ignoredFlag(spec: Omit<FlagSpec, 'ignored'>, why: string): FlagSpec {
	return {...spec, ignored: why};
}

/** A flag the original has whose effect we do not have, where going ahead without it would be wrong. */
export function refusedFlag(spec: Omit<FlagSpec, 'refused'>, why: string): FlagSpec {
	return {...spec, refused: why};
}

/** Refuses the first such flag the user gave, before the command runs (so nothing changes). */
export function refuseUnsupportedFlags(specs: Readonly<Record<string, FlagSpec>>, given: Readonly<Record<string, unknown>>, where: string): void {
	for (const [name, spec] of Object.entries(specs)) {
		if (spec.refused === undefined || given[name] === undefined || given[name] === false) continue;
		throw usageError(`${where} --${kebab(name)} is not supported here, so nothing was done`, spec.refused);
	}
}

/** One note per ignored flag the user gave (values as parsed, before defaults). */
export function noteIgnoredFlags(specs: Readonly<Record<string, FlagSpec>>, given: Readonly<Record<string, unknown>>, out: Pick<Output, 'note'>, program: string): void {
	for (const [name, spec] of Object.entries(specs)) {
		if (spec.ignored === undefined || given[name] === undefined) continue;
		out.note(`${program}: --${kebab(name)} ignored: ${spec.ignored}`);
	}
}
