// `bd label add|remove` takes the original's order, ids first and the label last
// (`bd label add mp-a1b urgent`), and ours, the label first (`bd label add urgent
// mp-a1b mp-c3d`). Which one was typed: the original's when the first word is a
// bead that exists, ours otherwise (a label is never also a bead id).
import {openLedgerForId} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import type {CommandContext} from '../spec.js';

export async function labelAndIds(context: CommandContext): Promise<{label: string; ids: string[]}> {
	const words = [...context.args];
	const ledger = openLedgerForId(context.env, words[0]!);
	const state = await ledger.read().catch(() => undefined);
	if (state?.has(words[0]!)) return {label: words.pop()!, ids: words};
	// `bd label add mp-zzz urgent` with a mistyped id: name the id that is missing,
	// not "urgent" (which the other order would take for the id).
	if (state && words[0]!.startsWith(`${ledger.prefix}-`)) state.require(words[0]!);
	const [label, ...ids] = words;
	if (!label?.trim()) throw usageError('a label needs text', 'bd label add <label> <id...>');
	return {label: label!, ids};
}
