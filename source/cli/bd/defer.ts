// bd defer <id...> [--until <when>]: the original's icebox. Status deferred keeps a bead
// out of bd ready (bd list still shows it); --until also sets defer_until. A date in the
// past is allowed, with a warning, as in the original. Every id is checked before any change.
import {parseWhen, updateBead} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {changeEach, reportChanged} from './context.js';

export async function run(context: CommandContext) {
	const until = flagString(context, 'until');
	if (until !== undefined && until.trim() === '') throw usageError('--until needs a date', 'e.g. --until tomorrow, --until +2d, --until 2026-01-15; bd undefer clears it');
	const when = until === undefined ? undefined : parseWhen(until, context.env.now());
	if (when !== undefined && new Date(when) < context.env.now() && !flagBool(context, 'json')) {
		context.out.note(`bd: defer date ${when} is in the past — did you mean a future date? e.g. --until +1h or --until tomorrow`);
	}
	const beads = await changeEach(context, context.args, (state, ledger, id, who) => updateBead(state, ledger, id, {status: 'deferred', ...(when ? {deferUntil: when} : {})}, who));
	reportChanged(context, beads, 'Deferred');
}
