// gt escalate ack <id> [--reason "<how it was resolved>"]: acknowledge an escalation: it
// leaves the "needs you" lists (archived); with --reason the sender gets the answer.
import {requireTownRoot} from '../../core/base/paths.js';
import {usageError} from '../../core/base/errors.js';
import {archive, getMessage, overseer, reply} from '../../core/mail/mail.js';
import {escalationSubject} from '../../core/mail/escalation.js';
import {withLazySessions} from '../../core/sessions/lazy.js';
import {flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const id = context.args[0]!;
	const message = await getMessage(townRoot, id);
	if (message.to !== overseer || !escalationSubject.test(message.subject)) throw usageError(`${id} is not one of your escalations`, '`gt escalate list` shows them');
	const who = {actor: overseer, now: context.env.now()};
	const answer = flagString(context, 'reason')?.trim();
	if (answer) await withLazySessions(townRoot, async sessions => reply(townRoot, id, {body: answer, from: overseer}, who, {sessions}));
	await archive(townRoot, [id], who);
	context.out.line(`Acknowledged ${id}${answer ? `; ${message.from} has your answer` : ''}.`);
	return 0;
}
