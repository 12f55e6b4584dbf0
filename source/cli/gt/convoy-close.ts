import {closeConvoy} from '../../core/convoys/landing.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf, reportLanding} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const id = context.args[0]!;
	const result = await withLazySessions(townRoot, async sessions => closeConvoy(townRoot, id, {force: flagBool(context, 'force'), reason: flagString(context, 'reason')}, actorOf(context), {sessions}));
	if (flagBool(context, 'json')) {
		const {landing, ...rest} = result;
		context.out.json({...rest, mailed: landing?.mailed ?? [], mail_errors: landing?.mailErrors ?? []});
		return;
	}
	if (result.alreadyClosed) context.out.line(`${id} is already closed (${result.convoy.close_reason ?? 'closed'}).`);
	else if (result.landing) reportLanding(context, result.landing);
	else context.out.line(`Closed ${id}: ${safeText(result.convoy.title)}${result.open.length > 0 ? ` with ${result.open.length} bead${result.open.length === 1 ? '' : 's'} still open (${result.open.join(', ')})` : ''}`);
}
