// Flags the originals document that mean nothing here (a tmux switch, a Dolt server, a
// cleanup state our worktrees do not keep). Agents type them from the original's docs, so
// they are accepted, never silently: one line on stderr says which flag was ignored and why.
import {kebab} from './help.js';
import type {FlagSpec, Output} from './spec.js';

/** A flag that is parsed like any other and then ignored with a note giving `why`. */
export function ignoredFlag(spec: Omit<FlagSpec, 'ignored'>, why: string): FlagSpec {
	return {...spec, ignored: why};
}

/** One note per ignored flag the user gave (values as parsed, before defaults). */
export function noteIgnoredFlags(specs: Readonly<Record<string, FlagSpec>>, given: Readonly<Record<string, unknown>>, out: Pick<Output, 'note'>, program: string): void {
	for (const [name, spec] of Object.entries(specs)) {
		if (spec.ignored === undefined || given[name] === undefined) continue;
		out.note(`${program}: --${kebab(name)} ignored: ${spec.ignored}`);
	}
}
