// gt escalate "<what>" [-s critical|high|medium|low] [-m|-r "<details>" | --stdin] [--related <bead>] [--source <who>]:
// raise something that needs a person. It is mailed to the human, and to the Mayor while
// it runs; it shows in the UI's and the dashboard's "needs you" lists until acknowledged.
import {readFileSync} from 'node:fs';
import {requireTownRoot} from '../../core/base/paths.js';
import {usageError} from '../../core/base/errors.js';
import {callerAddress} from '../../core/mail/mail.js';
import {escalate, escalationMail, escalationRecipients, parseSeverity, type Escalation} from '../../core/mail/escalation.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

function details(context: CommandContext): string | undefined {
	const given = [flagString(context, 'message'), flagString(context, 'reason')].filter(text => text !== undefined);
	if (given.length > 1) throw usageError('give the details with -m or -r, not both', 'gt escalate "<what>" -s high -m "<details>"');
	if (flagBool(context, 'stdin')) {
		if (given.length > 0) throw usageError('give the details with -m, -r or --stdin, not two of them', 'gt escalate "<what>" --stdin < details.txt');
		return readFileSync(0, 'utf8').replace(/\n+$/, '') || undefined;
	}
	return given[0]?.trim() || undefined;
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const reason = details(context);
	const related = flagString(context, 'related');
	const source = flagString(context, 'source');
	const escalation: Escalation = {
		description: context.args.join(' ').trim(),
		severity: parseSeverity(flagString(context, 'severity')),
		...(reason ? {reason} : {}),
		...(related ? {related} : {}),
		...(source ? {source} : {}),
		from: callerAddress(townRoot, context.env),
	};
	const who = {actor: escalation.from, now: context.env.now()};
	const sent = await withRunningSessions(townRoot, async daemon => {
		const sessions = daemon ? await daemon.sessions() : [];
		if (flagBool(context, 'dryRun')) {
			if (escalation.description === '') throw usageError('say what the escalation is about', 'gt escalate "<what>" -s high -m "<details>"');
			const {to, note} = escalationRecipients(sessions);
			context.out.line(`Would mail ${to.join(' and ')}: ${escalationMail(escalation, note).subject}`);
			return undefined;
		}
		return escalate(townRoot, escalation, sessions, who, {sessions: daemon});
	});
	if (!sent) return 0;
	if (flagBool(context, 'json')) context.out.json(sent);
	else context.out.line(`Escalated (${escalation.severity}) to ${sent.map(message => message.to).join(' and ')}: ${sent[0]!.subject} (${sent.map(message => message.id).join(', ')})`);
	return 0;
}
